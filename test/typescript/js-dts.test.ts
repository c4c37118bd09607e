/**
 * `emit: "js+dts"`: ESM JavaScript with declarations, for a project without a TypeScript build. A plain
 * JavaScript project imports it, type-checks against it (`// @ts-check`, tsc --allowJs --checkJs) and runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generators/emit/generated-file.js";
import { compilers, runTsc } from "./compilers.js";
import { generateTypescript, loadKms, writeFiles } from "./generated-module.js";

const MAIN = `// @ts-check
import { fromResponse, encodeError, formatMessage, isForbiddenKeyNotFoundError, KmsError } from "./kms/index.js";

const body = encodeError({ statusCode: 404, errorCode: "Forbidden.KeyNotFound", errorMessage: formatMessage("key-not-found-in-key-store", { keyStore: "kst-1" }), requestId: "r-1" });
const error = fromResponse({ status: 404, body });
if (isForbiddenKeyNotFoundError(error) && error.id === "key-not-found-in-key-store") {
  /** @type {string} */
  const keyStore = error.params.keyStore;
  console.log(error.name, error.code, keyStore, error.meaning.length > 0, error instanceof KmsError, error.retryable);
}
function misspelt() {
  // @ts-expect-error: a misspelt param does not type-check in JavaScript either
  return formatMessage("key-not-found-in-key-store", { keystore: "kst-1" });
}
console.log(typeof misspelt);
/** @type {number} */
// @ts-expect-error: code is a string
const wrong = error.code;
console.log(typeof wrong);
`;

let files: GeneratedFile[];
beforeAll(async () => {
  files = await generateTypescript(await loadKms(), { emit: "js+dts" });
}, 120_000);

describe("emit: js+dts", () => {
  it("writes index.js, index.d.ts, runtime.js and runtime.d.ts, each opening with the preamble", () => {
    expect(files.map((f) => f.path)).toEqual(["index.d.ts", "index.js", "patterns.d.ts", "patterns.js", "runtime.d.ts", "runtime.js"]);
    for (const f of files) expect(String(f.contents).split("\n", 1)[0], f.path).toBe("// @generated for a test. DO NOT EDIT.");
    expect(String(files.find((f) => f.path === "index.js")!.contents)).toContain('from "./runtime.js"');
  });

  describe.each(compilers())("a plain JavaScript project type-checks against it with $label", (compiler) => {
    it("under // @ts-check, and node runs it", () => {
      const dir = mkdtempSync(join(tmpdir(), "errcat-js-"));
      writeFiles(join(dir, "kms"), files);
      writeFileSync(join(dir, "main.js"), MAIN);
      const r = runTsc(compiler, dir, {
        compilerOptions: { allowJs: true, checkJs: true, noEmit: true, strict: true, target: "ES2022", lib: ["ES2022", "DOM"], module: "NodeNext", moduleResolution: "NodeNext", types: [] },
        files: ["main.js"],
      });
      expect(r.output).toBe("");
      expect(r.status).toBe(0);
      const run = spawnSync(process.execPath, [join(dir, "main.js")], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe("ForbiddenKeyNotFoundError Forbidden.KeyNotFound kst-1 true true false\nfunction\nstring\n");
    }, 120_000);
  });
});
