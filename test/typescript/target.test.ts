/** The TypeScript target's options, names, rules, files and in-process type check. */
import { describe, expect, it } from "vitest";
import { checkCatalogText } from "../../generators/catalog/index.js";
import type { CatalogPlace } from "../../generators/target/define-target.js";
import { typecheckOutput } from "../../generators/typescript/compiler.js";
import { codeClassName, codelessClassName, runtimeSymbolNames, safeIdentifier, typescriptNames } from "../../generators/typescript/names.js";
import { typescriptTarget } from "../../generators/typescript/target.js";
import { hostileCatalogText } from "../hostile/hostile-catalog.js";
import { generateTypescript, loadKms } from "./generated-module.js";

describe("options", () => {
  it("default to TypeScript sources importing ./runtime.js", () => {
    expect(typescriptTarget.parseOptions({})).toEqual({ emit: "ts", importExtension: ".js" });
    expect(typescriptTarget.parseOptions({ emit: "ts+js+dts", importExtension: "" })).toEqual({ emit: "ts+js+dts", importExtension: "" });
  });

  it("reject an unknown key with a did-you-mean, and a value not among the choices", () => {
    expect(() => typescriptTarget.parseOptions({ emitt: "ts" })).toThrow(/unknown option `emitt`: did you mean `emit`\?/);
    expect(() => typescriptTarget.parseOptions({ emit: "js" })).toThrow(/option `emit` must be one of `ts`, `js\+dts`, `ts\+js\+dts`, not string "js"/);
    expect(() => typescriptTarget.parseOptions({ importExtension: ".mjs" })).toThrow(/option `importExtension` must be one of/);
  });

  it("importExtension sets the runtime's specifier in index.ts", async () => {
    const model = await loadKms();
    for (const [ext, spec] of [[".js", "./runtime.js"], [".ts", "./runtime.ts"], ["", "./runtime"]] as const) {
      const index = (await generateTypescript(model, { importExtension: ext })).find((f) => f.path === "index.ts")!;
      expect(String(index.contents).match(/^import .*$/m)?.[0]).toBe(`import * as runtime from ${JSON.stringify(spec)};`);
    }
  });

  it("ts+js+dts writes the sources and the compiled files", async () => {
    const files = await generateTypescript(await loadKms(), { emit: "ts+js+dts" });
    expect(files.map((f) => f.path)).toEqual(["index.d.ts", "index.js", "index.ts", "patterns.d.ts", "patterns.js", "patterns.ts", "runtime.d.ts", "runtime.js", "runtime.ts"]);
  }, 60_000);
});

describe("files", () => {
  it("runtime.ts is the runtime source, verbatim after the preamble", async () => {
    const { readFileSync } = await import("node:fs");
    const files = await generateTypescript(await loadKms());
    expect(files.map((f) => f.path)).toEqual(["index.ts", "patterns.ts", "runtime.ts"]);
    const runtime = String(files.find((f) => f.path === "runtime.ts")!.contents);
    expect(runtime).toBe(`// @generated for a test. DO NOT EDIT.\n${readFileSync("generators/typescript/runtime/runtime.ts", "utf8")}`);
    expect(runtime).not.toMatch(/\bkms\b/i);
  });

  it("the committed out/kms is what the target generates", async () => {
    const { readFileSync } = await import("node:fs");
    const model = await loadKms();
    const committed = readFileSync("out/kms/index.ts", "utf8");
    const preamble = committed.split("\n", 1)[0]!.replace(/^\/\/ /, "");
    for (const f of await generateTypescript(model, {}, preamble)) expect(f.contents, f.path).toBe(readFileSync(`out/kms/${f.path}`, "utf8"));
  });
});

describe("names", () => {
  it("classes are PascalCase with Error; reserved words are escaped with $", () => {
    expect(codeClassName("Forbidden.KeyNotFound")).toBe("ForbiddenKeyNotFoundError");
    expect(codelessClassName("request-entity-too-large")).toBe("RequestEntityTooLargeError");
    expect(safeIdentifier("class")).toBe("class$");
    expect(safeIdentifier("9lives")).toBe("_9lives");
    expect(typescriptNames.valid!("class")).toBe(false);
    expect(typescriptNames.valid!("keyStore")).toBe(true);
    expect(typescriptNames.param("keyStore")).toBe("keyStore");
  });

  it("runtimeNames are every name the generated module defines for the service", async () => {
    const model = await loadKms();
    expect(typescriptNames.runtimeNames!(model)).toEqual(runtimeSymbolNames("kms"));
    expect(runtimeSymbolNames("kms")).toEqual(expect.arrayContaining(["KmsError", "UnknownKmsError", "KmsDecodeError", "AnyKmsError", "isKmsError", "KMS_ERRORS", "fromResponse", "TypeError"]));
  });
});

describe("rules", () => {
  const rule = typescriptTarget.rules!.find((r) => r.id === "reserved-name")!;
  it("reserved-name: a placeholder named after a reserved word or an Object.prototype member", () => {
    // The catalog core accepts these names today and reports them itself; the target's rule reports the same.
    const text = hostileCatalogText({ entries: [{ id: "a", code: "A", message: "<x> <y> <z>", placeholders: [{ text: "x", name: "valueOf", example: "1" }, { text: "y", name: "fine", example: "2" }, { text: "z", name: "default", example: "3" }] }] });
    const { model } = checkCatalogText("hostile.yaml", text.replace(/name: valueOf/, "name: valueOfX").replace(/name: default/, "name: defaultX"));
    const renamed = { ...model!, entries: model!.entries.map((e) => ({ ...e, placeholders: e.placeholders.map((p) => ({ ...p, name: p.name.replace(/X$/, "") })) })) };
    const found: [CatalogPlace, string][] = [];
    rule.check(renamed as typeof model & object, (at, message) => found.push([at, message]));
    expect(found).toEqual([
      [{ entry: "a", placeholder: 0, field: "name" }, "`valueOf` is a reserved word in generated code: choose another name, such as `valueOfValue`"],
      [{ entry: "a", placeholder: 2, field: "name" }, "`default` is a reserved word in generated code: choose another name, such as `defaultValue`"],
    ]);
  });
});

describe("typecheckOutput", () => {
  it("finds nothing in the generated files, and says where a broken one fails", async () => {
    const files = await generateTypescript(await loadKms());
    expect(typecheckOutput(files)).toEqual([]);
    const broken = files.map((f) => (f.path === "index.ts" ? { ...f, contents: `${String(f.contents)}export const oops: number = "text";\n` } : f));
    const problems = typecheckOutput(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "index.ts", rule: "TS2322", line: String(files[0]!.contents).split("\n").length });
  }, 60_000);
});
