/**
 * Per-operation errors: the KMS catalog lists the SDKs' operations and its overlay narrows the key
 * errors to the operations whose request names a key. The TypeScript union per operation compiles
 * and narrows (types/operation-types.ts, with @ts-expect-error on what an operation cannot return);
 * isOperationError agrees with every fixture's operations; the catalog's own operations rules hold.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCatalogText, loadCatalog, type CatalogModel } from "../../generators/catalog/index.js";
import { compilers, runTsc, STRICTEST } from "../typescript/compilers.js";
import { importFreshCopy } from "../typescript/generated-module.js";
import { operationTypeNames } from "../../generators/typescript/index-file.js";

const KEY_ERRORS = ["key-not-found-in-system", "key-not-found-in-key-store", "key-not-found", "rejected-pending-deletion", "rejected-disabled", "rejected-pending-import"];
const SDK_OPERATIONS = [
  "Encrypt", "Decrypt", "Sign", "Verify", "GenerateRandom", "GenerateDataKey", "GetPublicKey", "GetSecretValue", "AdvanceEncrypt", "AdvanceDecrypt",
  "AdvanceGenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "AdvanceGenerateDataKeyPair", "AdvanceGenerateDataKeyPairWithoutPlaintext",
];

let model: CatalogModel;
beforeAll(async () => {
  model = await loadCatalog("catalog/kms.yaml");
});

describe("the KMS catalog's operations", () => {
  it("are the 15 the vendor's SDKs send as x-kms-apiname, from the SDK sources", () => {
    expect(model.operations.map((o) => o.name)).toEqual(SDK_OPERATIONS);
    for (const o of model.operations) expect(o.source).toMatchObject({ kind: "vendor-sdk", file: "catalog/kms.yaml", ref: expect.stringContaining("alibabacloud-dkms-gcs-go-sdk v0.5.1") });
  });

  it("default to all for an entry that names none, and the overlay takes GenerateRandom from the key errors", () => {
    for (const e of model.entries) {
      const expected = KEY_ERRORS.includes(e.id) ? SDK_OPERATIONS.filter((o) => o !== "GenerateRandom") : SDK_OPERATIONS;
      expect(e.operations, e.id).toEqual(expected);
    }
    const keyError = model.entries.find((e) => e.id === "rejected-disabled")!;
    expect(keyError.provenance.fields.operations).toMatchObject({ kind: "vendor-sdk", file: "catalog/kms.sdk.yaml", ref: expect.stringContaining("api.proto (GenerateRandomRequest)") });
    expect(keyError.provenance.source?.kind).toBe("vendor-page");
  });

  it("are recorded per fixture: the entry's, the code's entries' when no entry matched, or all", () => {
    const index = JSON.parse(readFileSync("out/kms/fixtures/index.json", "utf8")) as { fixtures: { id: string; expect: { id: string | null; type: { code?: string } | null }; operations: string[] }[] };
    for (const f of index.fixtures) {
      const entry = model.entries.find((e) => e.id === f.expect.id);
      const codeEntries = model.entries.filter((e) => f.expect.type?.code !== undefined && e.code === f.expect.type.code);
      const expected = entry ? entry.operations
        : codeEntries.length > 0 ? SDK_OPERATIONS.filter((o) => codeEntries.some((e) => e.operations.includes(o)))
        : SDK_OPERATIONS;
      expect(f.operations, f.id).toEqual(expected);
    }
    expect(index.fixtures.find((f) => f.id === "rejected-disabled")!.operations).not.toContain("GenerateRandom");
    expect(index.fixtures.find((f) => f.id === "internal-failure")!.operations).toContain("GenerateRandom");
  });
});

describe("per-operation TypeScript unions", () => {
  describe.each(compilers())("$label", (compiler) => {
    it("keep every promise of types/operation-types.ts", () => {
      const dir = mkdtempSync(join(tmpdir(), "errcat-operations-"));
      for (const f of ["index.ts", "runtime.ts"]) cpSync(join("out/kms", f), join(dir, f));
      const source = readFileSync("test/layers/types/operation-types.ts", "utf8").replace('"../../../out/kms/index.js"', '"./index.js"');
      expect(source.match(/@ts-expect-error/g)?.length).toBeGreaterThanOrEqual(6);
      const options = { compilerOptions: { ...STRICTEST, isolatedDeclarations: false, declaration: false }, files: ["operation-types.ts"] };
      writeFileSync(join(dir, "operation-types.ts"), source);
      const r = runTsc(compiler, dir, options);
      expect(r.output).toBe("");
      expect(r.status).toBe(0);
      // Without the overlay's narrowing, GenerateRandom could return the key errors: the expectations fail.
      writeFileSync(join(dir, "index.ts"), readFileSync(join(dir, "index.ts"), "utf8").replace(/^export type GenerateRandomError =$/m, "export type GenerateRandomError = EncryptError;\nexport type Unused ="));
      const loosened = runTsc(compiler, dir, options);
      expect(loosened.output).toMatch(/TS2578: Unused '@ts-expect-error' directive/);
    }, 120_000);
  });

  it("name each operation's union after it, unless that names a class already", () => {
    const yaml = readFileSync("test/layers/good/operation-names-a-class.yaml", "utf8");
    const { model: m, diagnostics } = checkCatalogText("operation-names-a-class.yaml", yaml);
    expect(diagnostics).toEqual([]);
    const names = operationTypeNames(m!);
    expect(Object.fromEntries(names.byOperation)).toEqual({ Unauthorized: "UnauthorizedOperationError", Encrypt: "EncryptError" });
    expect(names.guard).toBe("isOperationError");
  });

  it("isOperationError agrees with each fixture's operations, for every operation", async () => {
    const { module } = await importFreshCopy<{ fromResponse: (r: object) => unknown; isOperationError: (o: string, e: unknown) => boolean }>(model);
    const index = JSON.parse(readFileSync("out/kms/fixtures/index.json", "utf8")) as { fixtures: { id: string; httpStatus: number; headers: Record<string, string>; bodyBase64: string; operations: string[] }[] };
    let narrowed = 0;
    for (const f of index.fixtures) {
      const error = module.fromResponse({ status: f.httpStatus, headers: f.headers, body: Buffer.from(f.bodyBase64, "base64") });
      for (const o of SDK_OPERATIONS) {
        expect(module.isOperationError(o, error), `${f.id} from ${o}`).toBe(f.operations.includes(o));
        if (!f.operations.includes(o)) narrowed += 1;
      }
    }
    expect(narrowed).toBeGreaterThanOrEqual(KEY_ERRORS.length);
  });
});
