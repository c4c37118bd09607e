/**
 * The TypeScript target's docs section (placed in ERRORS.md) and every TypeScript example in
 * out/kms/ERRORS.md compile under the strictest options against the module generated beside them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTargetContext } from "../../generators/target/define-target.js";
import { typescriptTarget } from "../../generators/typescript/target.js";
import { runTsc, STRICTEST, typescript6 } from "./compilers.js";
import { loadKms } from "./generated-module.js";

const fenced = (markdown: string) => [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** Compiles an example beside a copy of out/kms; its free variable is the request the reader's client sends. */
function compileExample(example: string) {
  const dir = mkdtempSync(join(tmpdir(), "errcat-example-"));
  for (const f of ["index.ts", "runtime.ts"]) cpSync(join("out/kms", f), join(dir, f));
  writeFileSync(join(dir, "example.ts"), `declare const request: Request;\n${example}\nexport {};\n`);
  return runTsc(typescript6(), dir, { compilerOptions: { ...STRICTEST, lib: ["ES2022", "DOM"], isolatedDeclarations: false, declaration: false }, files: ["example.ts"] });
}

describe("the TypeScript docs section", () => {
  it("has one example, which compiles against out/kms", async () => {
    const model = await loadKms();
    const section = typescriptTarget.docs!(createTargetContext(model, typescriptTarget.parseOptions({}), "", "0.0.0", []))!;
    expect(section.title).toBe("Handling these errors in TypeScript");
    expect(section.anchor).toBe("typescript");
    expect(section.markdown).not.toMatch(/^#/m);
    const blocks = fenced(section.markdown);
    expect(blocks).toHaveLength(1);
    // The example narrows by code and then by id, so it reads a typed param.
    expect(blocks[0]).toContain('switch (error.code)');
    expect(blocks[0]).toMatch(/if \(error.id === "[a-z-]+"\) console.error\(error.params.\w+\)/);
    const r = compileExample(blocks[0]!);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});

describe("ERRORS.md's TypeScript examples", () => {
  it("compile against out/kms/index.ts", () => {
    const blocks = fenced(readFileSync("out/kms/ERRORS.md", "utf8"));
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    for (const block of blocks) {
      const r = compileExample(block);
      expect(r.output).toBe("");
      expect(r.status).toBe(0);
    }
  }, 120_000);
});
