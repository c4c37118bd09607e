/** The hand-written and generated Markdown a reader meets first passes markdownlint with the project's settings. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "markdownlint/sync";
import { parse as parseYaml } from "yaml";

const config = parseYaml(readFileSync("test/markdown/markdownlint.yaml", "utf8")) as Record<string, unknown>;

describe("project Markdown", () => {
  for (const file of ["README.md", "out/kms/fixtures/README.md", "bench/RESULTS.md"]) {
    it(`${file} passes markdownlint`, () => {
      const result = lint({ strings: { [file]: readFileSync(file, "utf8") }, config });
      const problems = (result[file] ?? []).map((p) => `${file}:${p.lineNumber} ${p.ruleNames.join("/")} ${p.ruleDescription}${p.errorDetail ? ` (${p.errorDetail})` : ""}`);
      expect(problems).toEqual([]);
    });
  }
});
