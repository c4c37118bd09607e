/** The TypeScript example in ERRORS.md compiles, under --strict, against the module generated beside it. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const tsc = join(process.cwd(), "node_modules", "typescript", "bin", "tsc");

describe("ERRORS.md's TypeScript example", () => {
  it("compiles against out/kms/index.ts", () => {
    const markdown = readFileSync("out/kms/ERRORS.md", "utf8");
    const blocks = [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), "errcat-example-"));
    cpSync("out/kms/index.ts", join(dir, "index.ts"));
    writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`);
    // The example's free variable: the request the reader's client sends.
    writeFileSync(join(dir, "example.ts"), `declare const request: Request;\n${blocks[0]}\nexport {};\n`);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", lib: ["ES2022", "DOM"], module: "NodeNext", moduleResolution: "NodeNext", types: [], noUnusedLocals: false },
      files: ["example.ts"],
    }));
    const r = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
    expect(`${r.stdout}${r.stderr}`).toBe("");
    expect(r.status).toBe(0);
  });
});
