/**
 * Provenance survives: every entry of the KMS catalog says where it comes from (the page, or the
 * SDK overlay), and each field the overlay changed says so, in the model and in catalog.json. The
 * layered catalog is one model on both load paths, its hash covers every layer, rules run after
 * loading point into the layer file, and errcat diff reads the layers at the same git revision.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCatalogText, diagnosticInCatalog, loadCatalog, type CatalogModel } from "../../generators/catalog/index.js";
import { runErrcat } from "../support/cli.js";

let model: CatalogModel;
beforeAll(async () => {
  model = await loadCatalog("catalog/kms.yaml");
});

const PAGE_ENTRIES = 22;

describe("the KMS catalog's provenance", () => {
  it("is the page for the page's 22 entries, untouched, and the SDK overlay for the two it adds", () => {
    const page = model.entries.filter((e) => e.provenance.source?.kind === "vendor-page");
    expect(page).toHaveLength(PAGE_ENTRIES);
    expect(page.every((e) => e.provenance.source!.file === "catalog/kms.yaml")).toBe(true);
    const added = model.entries.filter((e) => e.provenance.source?.file === "catalog/kms.sdk.yaml");
    expect(added.map((e) => [e.id, e.code, e.provenance.source!.kind])).toEqual([
      ["rejected-throttling", "Rejected.Throttling", "vendor-sdk"],
      ["invalid-param-content-sha256", "InvalidParam", "vendor-sdk"],
    ]);
    // Each added fact names the SDK package, version and source file it is in.
    expect(added[0]!.provenance.source!.ref).toMatch(/alibabacloud-dkms-gcs-go-sdk v0\.5\.1, openapi-util\/client\.go \(IsRetryErr\).*alibabacloud-dkms-gcs-openapi-util 0\.5\.2, .*Client\.java \(isRetryErr\).*alibabacloud-dkms-gcs 1\.0\.2, openapi_util\/client\.py \(is_retry_err\)/s);
    expect(added[1]!.provenance.source!.ref).toBe("com.aliyun:alibabacloud-dkms-gcs-openapi-util 0.5.2, com/aliyun/dkms/gcs/openapi/util/Client.java (isRetryErr)");
  });

  it("names each field the overlay changed, and no other", () => {
    const changed = Object.fromEntries(model.entries.filter((e) => Object.keys(e.provenance.fields).length > 0).map((e) => [e.id, Object.keys(e.provenance.fields)]));
    expect(changed).toEqual({
      "key-not-found-in-system": ["operations"], "key-not-found-in-key-store": ["operations"], "key-not-found": ["operations"],
      "rejected-pending-deletion": ["operations"], "rejected-disabled": ["operations"], "rejected-pending-import": ["operations"],
      "internal-failure": ["retryableReason"], "service-unavailable-temporary": ["retryableReason"],
    });
    // The page's code, message and status stay the page's.
    const page = readFileSync("catalog/kms.yaml", "utf8");
    for (const e of model.entries.filter((x) => x.provenance.source?.kind === "vendor-page" && x.message !== undefined)) expect(page).toContain(e.message!.replace(/"/g, '"'));
  });

  it("is in catalog.json: layers, sources of entries, statuses, operations and changed fields", () => {
    const json = JSON.parse(readFileSync("out/kms/catalog.json", "utf8")) as {
      layers: unknown; operations: { name: string; source: { kind: string } }[];
      statuses: { httpStatus: number; source: { kind: string; file: string } | null }[];
      entries: { id: string; operations: string[]; source: { kind: string; ref: string; note: string | null; file: string } | null; fieldSources: Record<string, { kind: string; file: string }> }[];
    };
    expect(json.layers).toEqual([{ file: "catalog/kms.yaml", role: "catalog" }, { file: "catalog/kms.sdk.yaml", role: "overlay" }]);
    expect(json.operations.map((o) => o.source.kind)).toEqual(Array(15).fill("vendor-sdk"));
    expect(json.statuses.find((s) => s.httpStatus === 429)!.source).toMatchObject({ kind: "manual", file: "catalog/kms.sdk.yaml" });
    expect(json.statuses.find((s) => s.httpStatus === 404)!.source).toMatchObject({ kind: "vendor-page", file: "catalog/kms.yaml" });
    for (const e of json.entries) {
      const m = model.entries.find((x) => x.id === e.id)!;
      expect(e.source).toEqual({ kind: m.provenance.source!.kind, ref: m.provenance.source!.ref, note: m.provenance.source!.note ?? null, file: m.provenance.source!.file });
      expect(Object.keys(e.fieldSources)).toEqual(Object.keys(m.provenance.fields).sort());
      expect(e.operations).toEqual(m.operations);
    }
    expect(json.entries.find((e) => e.id === "internal-failure")!.fieldSources.retryableReason).toMatchObject({ kind: "vendor-sdk", file: "catalog/kms.sdk.yaml" });
  });
});

describe("loading a layered catalog", () => {
  const text = readFileSync("catalog/kms.yaml", "utf8");

  it("gives one model on the fast path and the positioned path", () => {
    const fast = checkCatalogText("catalog/kms.yaml", text);
    const positioned = checkCatalogText("catalog/kms.yaml", text, { fast: false });
    expect(fast.diagnostics).toEqual([]);
    expect(JSON.stringify(fast.model)).toBe(JSON.stringify(positioned.model));
  });

  it("hashes every layer: a change in the overlay alone changes the catalog's sha256", () => {
    const overlay = readFileSync("catalog/kms.sdk.yaml");
    const read = (bytes: Uint8Array) => checkCatalogText("catalog/kms.yaml", text, { readLayer: (listed) => ({ file: `catalog/${listed}`, bytes }) }).model!;
    const same = read(overlay);
    const changed = read(Buffer.from(overlay.toString("utf8").replace("Retry with backoff", "Retry later")));
    expect(same.source.sha256).toBe(model.source.sha256);
    expect(changed.source.sha256).not.toBe(same.source.sha256);
  });

  it("points a rule run after loading into the layer the node comes from", () => {
    const index = model.entries.findIndex((e) => e.id === "rejected-throttling");
    expect(diagnosticInCatalog(model, ["errors", index, "code"], "some-rule", "m")).toEqual({ file: "catalog/kms.sdk.yaml", line: 25, column: 11, rule: "some-rule", message: "m" });
    const patched = model.entries.findIndex((e) => e.id === "internal-failure");
    expect(diagnosticInCatalog(model, ["errors", patched, "retryableReason"], "r", "m")).toMatchObject({ file: "catalog/kms.sdk.yaml" });
    expect(diagnosticInCatalog(model, ["errors", patched, "code"], "r", "m")).toMatchObject({ file: "catalog/kms.yaml" });
  });
});

describe("errcat diff reads a catalog's layers at the revision", () => {
  const repo = mkdtempSync(join(tmpdir(), "errcat-layers-git-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
  mkdirSync(join(repo, "catalog"));
  cpSync("catalog/kms.yaml", join(repo, "catalog", "kms.yaml"));
  cpSync("catalog/kms.sdk.yaml", join(repo, "catalog", "kms.sdk.yaml"));
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "v1");
  git("tag", "v1");
  // Only the overlay changes: the SDKs no longer retry Rejected.Throttling.
  const overlay = readFileSync("catalog/kms.sdk.yaml", "utf8");
  const narrowed = overlay.replace("    fault: client\n    retryable: true\n    retryableReason: The Go, Java and Python SDKs all retry this code.", "    fault: client\n    retryable: false");
  expect(narrowed).not.toBe(overlay);
  writeFileSync(join(repo, "catalog", "kms.sdk.yaml"), narrowed);
  git("commit", "-qam", "v2: the overlay alone changed");

  it("finds a change made in the overlay between two revisions, and none at one revision", async () => {
    const r = await runErrcat(["diff", "v1", "main", "--json"], { cwd: repo });
    expect(r.code).toBe(1);
    const { changes } = JSON.parse(r.stdout) as { changes: { kind: string; entry: string }[] };
    expect(changes).toEqual([expect.objectContaining({ kind: "retryable-removed", entry: "rejected-throttling" })]);
    const same = await runErrcat(["diff", "v1", "v1", "--json"], { cwd: repo });
    expect(same.code, same.stderr).toBe(0);
  }, 60_000);

  it("reads the layer at the revision, not from the working tree", async () => {
    // The working tree's overlay is broken: the revisions do not read it.
    writeFileSync(join(repo, "catalog", "kms.sdk.yaml"), "errcat: 1\nsource: [not, a, source]\n");
    const r = await runErrcat(["diff", "v1", "main", "--json"], { cwd: repo });
    expect(r.code, r.stderr).toBe(1);
    const tree = await runErrcat(["diff", "main"], { cwd: repo });
    expect(tree.code).toBe(2);
    expect(tree.stderr).toContain("catalog/kms.sdk.yaml:2:9:");
    git("checkout", "-q", "catalog/kms.sdk.yaml");
  }, 60_000);

  it("names a layer missing at a revision in the revision's terms", async () => {
    git("rm", "-q", "catalog/kms.sdk.yaml");
    git("commit", "-qm", "v3: the overlay removed, still listed");
    const r = await runErrcat(["diff", "v1", "main"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("main:catalog/kms.yaml:15:12: cannot read layer `kms.sdk.yaml` (main:catalog/kms.sdk.yaml): it does not exist at main; check the path, which is relative to this catalog [layer-read]");
  }, 60_000);
});
