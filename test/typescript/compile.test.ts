/**
 * The generated TypeScript compiles on its own (no Node types, no DOM, no errcat imports) under the
 * strictest options it promises, with TypeScript 6.x and 5.x; the type expectations of
 * types/kms-types.ts hold; and a 2,500-entry catalog still compiles (the types stay linear).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCatalogText } from "../../generators/catalog/index.js";
import { compilers, runTsc, STRICTEST, typescript6 } from "./compilers.js";
import { generateTypescript, writeFiles } from "./generated-module.js";

const OUTPUTS = ["out/kms", "test/typescript/golden/ts"];

function copyOutput(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), "errcat-tsc-"));
  for (const f of ["index.ts", "runtime.ts"]) cpSync(join(from, f), join(dir, f));
  return dir;
}

describe.each(compilers())("$label", (compiler) => {
  it(`compiles ${OUTPUTS.join(" and ")} under the strictest options`, () => {
    for (const from of OUTPUTS) {
      expect(readFileSync(join(from, "runtime.ts"), "utf8")).not.toMatch(/^import /m);
      expect(readFileSync(join(from, "index.ts"), "utf8").match(/^import .*$/gm)).toEqual(['import * as runtime from "./runtime.js";']);
      const dir = copyOutput(from);
      const r = runTsc(compiler, dir, { compilerOptions: STRICTEST, files: ["index.ts"] });
      expect(r.output, from).toBe("");
      expect(r.status).toBe(0);
    }
  }, 120_000);

  it("keeps every promise of types/kms-types.ts: each @ts-expect-error line fails, the rest compiles", () => {
    const dir = copyOutput("out/kms");
    const source = readFileSync("test/typescript/types/kms-types.ts", "utf8");
    expect(source.match(/@ts-expect-error/g)?.length).toBeGreaterThanOrEqual(12);
    writeFileSync(join(dir, "kms-types.ts"), source.replace('"../../../out/kms/index.js"', '"./index.js"'));
    const r = runTsc(compiler, dir, { compilerOptions: { ...STRICTEST, isolatedDeclarations: false, declaration: false }, files: ["kms-types.ts"] });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
    // An expectation that stopped failing is reported: remove one error and tsc must complain.
    writeFileSync(join(dir, "kms-types.ts"), `${source.replace('"../../../out/kms/index.js"', '"./index.js"')}\n// @ts-expect-error\nexport const fine: string = "";\n`);
    const unused = runTsc(compiler, dir, { compilerOptions: { ...STRICTEST, isolatedDeclarations: false, declaration: false }, files: ["kms-types.ts"] });
    expect(unused.output).toMatch(/TS2578: Unused '@ts-expect-error' directive/);
  }, 120_000);
});

describe("generated TypeScript compiles under the strictest options at scale", () => {
  // About 1,250 codes: enough for the unions tsc once gave up on ("union type too complex"), in the class rows and parseMessage.
  it("a synthetic catalog of 2,500 entries", async () => {
    const made = spawnSync(process.execPath, ["bench/synthetic.mjs", "2500"], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(made.status).toBe(0);
    const { model, diagnostics } = checkCatalogText("synthetic.yaml", made.stdout);
    expect(diagnostics).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "errcat-scale-"));
    writeFiles(dir, await generateTypescript(model!));
    // A use of the union, so that narrowing it is checked too.
    const first = model!.codes[0]!;
    writeFileSync(join(dir, "use.ts"), [
      'import { fromResponse } from "./index.js";',
      "const e = fromResponse({ status: 400 });",
      `if (e.code === ${JSON.stringify(first.code)} && e.id === ${JSON.stringify(first.entries[0]!.id)}) console.log(e.params, e.meaning.length);`,
      "",
    ].join("\n"));
    const r = runTsc(typescript6(), dir, { compilerOptions: { ...STRICTEST, lib: ["ES2022", "DOM"] }, files: ["index.ts", "use.ts"] });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 240_000);
});
