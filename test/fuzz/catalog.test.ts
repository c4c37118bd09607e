/**
 * The loader and validator on random YAML and on random mutations of catalog/kms.yaml (line
 * deletions, duplications, swaps, character edits, type swaps, indentation changes): never an
 * uncaught exception; every failure is a diagnostic with a position inside the file; a mutant that
 * is valid generates; and `errcat validate` exits 2 on an invalid one, never 3.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { checkCatalogText } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import type { Diagnostic } from "../../generators/catalog/diagnostics.js";
import { defaultOutputs, generateAll } from "../../generators/pipeline.js";
import type { Target } from "../../generators/target/define-target.js";
import { targetRuleDiagnostics } from "../../generators/target/run-rules.js";
import { runErrcat } from "../support/cli.js";
import { FUZZ_RUNS, fuzz, runsFor, timeoutFor } from "./fuzz-runs.js";

const FILE = "catalog/kms.yaml";
const kmsText = readFileSync(FILE, "utf8");
const kmsLines = kmsText.split("\n");
// The layer kms.yaml lists (it is read from disk beside FILE, unmutated).
const OVERLAY = "catalog/kms.sdk.yaml";

/**
 * Asserts that every diagnostic points inside the file it names and says something: the mutated
 * `text` for FILE, or a layer file beside it that the catalog lists (a mutant of kms.yaml can leave
 * a patch of kms.sdk.yaml naming an entry that is gone, which is reported in kms.sdk.yaml).
 */
function expectPositioned(text: string, result: { diagnostics: Diagnostic[]; model: CatalogModel | undefined }): void {
  if (result.model === undefined) expect(result.diagnostics.length, "an invalid catalog has at least one diagnostic").toBeGreaterThan(0);
  else expect(result.diagnostics).toEqual([]);
  expectInside(text, result.diagnostics);
}

function expectInside(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} [${d.rule}] ${d.message}`;
    if (d.file !== FILE) {
      expect(dirname(d.file), where).toBe(dirname(FILE));
      expect(existsSync(d.file), where).toBe(true);
    }
    const lines = (d.file === FILE ? text : readFileSync(d.file, "utf8")).split("\n");
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines.length, where).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1 && d.column <= lines[d.line - 1]!.length + 1, where).toBe(true);
    expect(d.rule, where).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(d.message.length, where).toBeGreaterThan(10);
    expect(d.message, where).not.toMatch(/\n\s+at /);
  }
}

let targets: Target<any>[] | undefined;
const defaultTargets = async () => (targets ??= (await defaultOutputs()).map((o) => o.target));

/** generateAll on each distinct valid model (mutations in comments give the same model again). */
const generated = new Set<string>();
async function expectGenerates(model: CatalogModel): Promise<void> {
  const key = JSON.stringify({ ...model, source: undefined });
  if (generated.has(key)) return;
  generated.add(key);
  const files = await generateAll(model, "0.0.0-fuzz");
  expect(files.length).toBeGreaterThan(5);
}

type Edit =
  | { kind: "delete-line"; line: number }
  | { kind: "duplicate-line"; line: number }
  | { kind: "swap-lines"; line: number; other: number }
  | { kind: "set-char"; at: number; char: string }
  | { kind: "insert-text"; at: number; text: string }
  | { kind: "delete-chars"; at: number; length: number }
  | { kind: "swap-type"; line: number; value: string }
  | { kind: "indent"; line: number; by: number }
  | { kind: "tab-indent"; line: number };

const lineIndex = fc.nat({ max: kmsLines.length + 20 });
const offset = fc.nat({ max: kmsText.length + 200 });
const yamlChar = fc.constantFrom(
  ":", "-", " ", "\"", "'", "#", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "?", "%", "@", "`", "<", ">", "\\", "\t", "\n", "\r",
  "a", "Z", "0", "9", ".", "_", "\u00e9", "\u2028", "\u200f", "\ud83d\ude00", "\ufeff", "\u0000", "\u0085",
);
const yamlText = fc.oneof(
  fc.string({ unit: yamlChar, minLength: 1, maxLength: 8 }),
  fc.constantFrom(": ", "- ", "\n  - ", "\n- id: x\n", " # c", "&a ", "*a", "!!str ", "!!int ", "<<: *a\n", "\n---\n", "...\n", "{", "[", "\"\\u12", "'", "|\n", ">-\n", "? "),
);
const typeSwap = fc.constantFrom(
  "true", "false", "null", "~", "0", "-1", "1.5", "0x1f", "0o17", ".inf", ".nan", "1e400", "99999999999999999999", "[]", "{}", "[1, 2]",
  "{ a: 1 }", "\"\"", "''", "\"text\"", "2024-01-01", "!!binary aGk=", "&anchor value", "*anchor", "|\n  block", ">\n  folded", "-", "", "<apiname>",
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("delete-line" as const), line: lineIndex }),
  fc.record({ kind: fc.constant("duplicate-line" as const), line: lineIndex }),
  fc.record({ kind: fc.constant("swap-lines" as const), line: lineIndex, other: lineIndex }),
  fc.record({ kind: fc.constant("set-char" as const), at: offset, char: yamlChar }),
  fc.record({ kind: fc.constant("insert-text" as const), at: offset, text: yamlText }),
  fc.record({ kind: fc.constant("delete-chars" as const), at: offset, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("swap-type" as const), line: lineIndex, value: typeSwap }),
  fc.record({ kind: fc.constant("indent" as const), line: lineIndex, by: fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant("tab-indent" as const), line: lineIndex }),
);

function applyEdit(text: string, e: Edit): string {
  const lines = text.split("\n");
  const line = "line" in e ? e.line % Math.max(1, lines.length) : 0;
  const at = "at" in e ? e.at % (text.length + 1) : 0;
  switch (e.kind) {
    case "delete-line":
      lines.splice(line, 1);
      return lines.join("\n");
    case "duplicate-line":
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case "swap-lines": {
      const other = e.other % Math.max(1, lines.length);
      [lines[line], lines[other]] = [lines[other] ?? "", lines[line] ?? ""];
      return lines.join("\n");
    }
    case "set-char":
      return text.slice(0, at) + e.char + text.slice(at + 1);
    case "insert-text":
      return text.slice(0, at) + e.text + text.slice(at);
    case "delete-chars":
      return text.slice(0, at) + text.slice(at + e.length);
    case "swap-type": {
      // `key: value` or `- key: value`: the value becomes another YAML type; otherwise the line is replaced.
      const match = /^(\s*(?:- )?[^:#]+:)(.*)$/.exec(lines[line] ?? "");
      lines[line] = match ? `${match[1]} ${e.value}` : e.value;
      return lines.join("\n");
    }
    case "indent":
      lines[line] = e.by > 0 ? " ".repeat(e.by) + (lines[line] ?? "") : (lines[line] ?? "").replace(new RegExp(`^ {0,${-e.by}}`), "");
      return lines.join("\n");
    case "tab-indent":
      lines[line] = `\t${(lines[line] ?? "").trimStart()}`;
      return lines.join("\n");
  }
}

const mutant = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => ({ edits, text: edits.reduce(applyEdit, kmsText) }));

/** Random YAML: any data a YAML document can hold, in block or flow style, sometimes under catalog-like keys. */
const randomYaml = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: false, withDate: true, withMap: false, withSet: false }).map((v) => String(stringify(v) ?? "")),
  fc.dictionary(fc.constantFrom("errcat", "service", "statuses", "errors", "reserved", "x"), fc.jsonValue({ maxDepth: 4 })).map((v) => stringify(v, { collectionStyle: "flow" })),
  fc.string({ unit: yamlChar, maxLength: 120 }),
);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("the loader and validator on mutations of catalog/kms.yaml", () => {
  const runs = runsFor(0.1);

  it(`report every problem as a diagnostic inside the file, and a valid mutant generates (${runs} runs)`, async () => {
    let valid = 0;
    await fuzz(fc.asyncProperty(mutant, async ({ text }) => {
      const result = checkCatalogText(FILE, text);
      expectPositioned(text, result);
      if (result.model !== undefined) {
        // As `errcat generate` does: the selected targets' rules (a Java package the catalog implies, say) come first.
        const ruled = targetRuleDiagnostics(result.model, await defaultTargets());
        expectInside(text, ruled);
        if (ruled.length === 0) {
          valid++;
          await expectGenerates(result.model);
        }
      }
    }), runs);
    // The mutations must produce both valid and invalid catalogs, or the property tests little.
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThan(runs);
  }, timeoutFor(runs, 60));
});

describe("the loader and validator on random YAML", () => {
  const runs = runsFor(0.5);

  it(`report diagnostics with positions and never throw (${runs} runs)`, async () => {
    await fuzz(fc.property(randomYaml, (text) => {
      expectPositioned(text, checkCatalogText(FILE, text));
    }), runs);
  }, timeoutFor(runs, 5));
});

describe("YAML that makes the yaml library give up", () => {
  const cases: [name: string, text: string, line: number, column: number, message: RegExp][] = [
    ["an alias without its anchor", "errcat: 1\nerrors: [*nope]\n", 2, 10, /alias `\*nope` names no anchor/],
    ["an alias before its anchor", "errcat: *later\nservice: &later x\n", 1, 9, /alias `\*later` names no anchor/],
    [
      "an alias bomb",
      `errcat: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${"*a, ".repeat(9)}*a]\nc: &c [${"*b, ".repeat(9)}*b]\nd: [${"*c, ".repeat(9)}*c]\n`,
      3,
      8,
      /expand to too many values/,
    ],
    ["brackets nested thousands deep", `errors: ${"[".repeat(5000)}`, 1, 0, /nests too deep/],
  ];
  for (const [name, text, line, column, message] of cases) {
    it(`${name}: a yaml-syntax diagnostic, not an exception`, () => {
      const result = checkCatalogText(FILE, text);
      expectPositioned(text, result);
      expect(result.diagnostics).toHaveLength(1);
      const [d] = result.diagnostics;
      expect(d!.rule).toBe("yaml-syntax");
      expect(d!.line).toBe(line);
      if (column > 0) expect(d!.column).toBe(column);
      expect(d!.message).toMatch(message);
    });
  }
});

describe("`errcat validate` on mutated catalogs", () => {
  // A fixed handful: each run of the CLI is a process.
  const samples = fc.sample(mutant, { numRuns: 6, seed: 7 }).map((m) => m.text);
  samples.push(
    "errcat: 1\nerrors: [*nope]\n",
    `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${"*a, ".repeat(9)}*a]\nc: [${"*b, ".repeat(9)}*b]\n`,
  );

  it.each(samples.map((text, i) => [i, text] as const))("mutant %i: exit 2 with file:line:col diagnostics when invalid, 0 when valid, never 3", async (i, text) => {
    const dir = mkdtempSync(join(tmpdir(), "errcat-fuzz-validate-"));
    temps.push(dir);
    const file = join(dir, "kms.yaml");
    writeFileSync(file, text);
    // The overlay kms.yaml lists, beside it as in catalog/, so that a mutant is checked with its layers.
    const overlay = join(dir, "kms.sdk.yaml");
    copyFileSync(OVERLAY, overlay);
    const expected = checkCatalogText(file, text);
    if (text.includes("\noverlays: [kms.sdk.yaml]\n")) expect(expected.diagnostics.map((d) => d.rule)).not.toContain("layer-read");
    const r = await runErrcat(["validate", file]);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    if (expected.model !== undefined) {
      expect(r.code).toBe(0);
      return;
    }
    expect(r.code).toBe(2);
    const printed = r.stderr.split("\n").filter((l) => l.startsWith(`${file}:`) || l.startsWith(`${overlay}:`));
    expect(printed).toHaveLength(expected.diagnostics.length);
    for (const l of printed) expect(l.slice(l.startsWith(`${file}:`) ? file.length : overlay.length)).toMatch(/^:\d+:\d+: .+ \[[a-z-]+\]$/);
  });
});

// The bounded default must keep `npm test` fast; the long run is `npm run fuzz`.
it("runs the bounded number of fuzz runs unless ERRCAT_FUZZ_RUNS says otherwise", () => {
  expect(FUZZ_RUNS).toBe(process.env.ERRCAT_FUZZ_RUNS ? Number(process.env.ERRCAT_FUZZ_RUNS) : 2000);
});
