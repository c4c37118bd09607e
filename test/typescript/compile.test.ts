/** The generated module compiles on its own under --strict: no Node types, no DOM, no errcat imports. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCatalogText } from "../../generators/catalog/index.js";
import { typescriptIndex } from "../../generators/typescript/generator.js";

const tsc = join(process.cwd(), "node_modules", "typescript", "bin", "tsc");

function compile(file: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "errcat-tsc-"));
  cpSync(file, join(dir, "index.ts"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "ES2022", lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext",
      types: [], noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noImplicitOverride: true,
      isolatedModules: true, declaration: true, skipLibCheck: false,
    },
    files: ["index.ts"],
  }));
  const r = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("generated TypeScript compiles alone under --strict", () => {
  for (const file of ["out/kms/index.ts", "test/typescript/golden/index.ts"]) {
    it(file, () => {
      const text = readFileSync(file, "utf8");
      expect(text).not.toMatch(/^import /m);
      const r = compile(file);
      expect(r.output).toBe("");
      expect(r.status).toBe(0);
    });
  }
});

describe("generated TypeScript compiles under --strict at scale", () => {
  // About 1,250 codes: enough for the unions tsc once gave up on ("union type too complex"), in CLASSES and parseMessage.
  it("a synthetic catalog of 2,500 entries", () => {
    const made = spawnSync(process.execPath, ["bench/synthetic.mjs", "2500"], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(made.status).toBe(0);
    const { model, diagnostics } = checkCatalogText("synthetic.yaml", made.stdout);
    expect(diagnostics).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), "errcat-scale-")), "index.ts");
    writeFileSync(file, typescriptIndex(model!, "@generated for a test"));
    const r = compile(file);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 180_000);
});
