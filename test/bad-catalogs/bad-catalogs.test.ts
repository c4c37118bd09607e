/**
 * The bad-catalog corpus: each `name.yaml` holds one mistake (a few hold several, to prove that one
 * run reports them all), and `name.expected.json` its exact diagnostics and exit code. good/ holds
 * catalogs that must pass, such as overlapping patterns ordered by matchBefore.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCatalogBytes, checkCatalogText, loadCatalog } from "../../generators/catalog/index.js";
import type { CatalogError } from "../../generators/catalog/diagnostics.js";
import { RULES } from "../../generators/catalog/rules.js";
import { BUILTIN_TARGETS, DEFAULT_TARGETS } from "../../generators/target/registry.js";
import { targetRuleDiagnostics } from "../../generators/target/run-rules.js";
import { rulesOf } from "../../generators/target/name-rules.js";
import { formatDiagnostic } from "../../generators/catalog/diagnostics.js";
import { main } from "../../generators/cli.js";
import { capturedIo, runErrcat } from "../support/cli.js";

const dir = new URL("./", import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -".yaml".length)).sort();
const goodNames = readdirSync(new URL("good/", dir)).filter((f) => f.endsWith(".yaml")).sort();

interface Expected {
  readonly exitCode: number;
  readonly diagnostics: readonly { line: number; column: number; rule: string; message: string }[];
}

const targets = await Promise.all(DEFAULT_TARGETS.map((t) => BUILTIN_TARGETS[t]!()));
const read = (name: string) => readFileSync(new URL(name, dir), "utf8");
const expectedOf = (name: string) => JSON.parse(read(`${name}.expected.json`)) as Expected;

describe("the bad-catalog corpus", () => {
  it("has at least 30 catalogs, each with its expected diagnostics, and no stray sidecar", () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    const sidecars = readdirSync(dir).filter((f) => f.endsWith(".expected.json")).map((f) => f.slice(0, -".expected.json".length)).sort();
    expect(sidecars).toEqual(names);
  });

  it("has catalogs with several mistakes, all reported in one run", () => {
    const several = names.filter((n) => n.startsWith("several-mistakes"));
    expect(several.length).toBeGreaterThanOrEqual(2);
    // Mistakes in different places (lines), each reported, none hiding another.
    for (const n of several) expect(new Set(expectedOf(n).diagnostics.map((d) => d.line)).size, n).toBeGreaterThanOrEqual(4);
  });

  describe.each(names)("%s.yaml", (name) => {
    const expected = expectedOf(name);

    it("gives exactly the expected diagnostics, sorted by position", () => {
      const core = checkCatalogBytes(`${name}.yaml`, readFileSync(new URL(`${name}.yaml`, dir)));
      // A catalog the core accepts may still be refused by the rules of the default targets (names in their languages).
      const diagnostics = core.model === undefined ? core.diagnostics : targetRuleDiagnostics(core.model, targets);
      expect(diagnostics.map(({ line, column, rule, message }) => ({ line, column, rule, message }))).toEqual(expected.diagnostics);
      expect(diagnostics.every((d) => d.file === `${name}.yaml`)).toBe(true);
    });

    it("says in every diagnostic what is wrong and how to fix it", () => {
      expect(expected.diagnostics.length).toBeGreaterThan(0);
      for (const d of expected.diagnostics) {
        // "<what is wrong>: <how to fix it>", each part a few words at least.
        expect(d.message).toMatch(/^.{8,}: .{8,}$/s);
        expect(d.rule).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      }
    });

    it("makes `errcat validate` print file:line:col for each and exit 2, without a stack trace", async () => {
      const file = `test/bad-catalogs/${name}.yaml`;
      const io = capturedIo();
      expect(await main(["validate", file], io)).toBe(expected.exitCode);
      expect(io.stdout()).toBe("");
      const lines = io.stderr().trimEnd().split("\n");
      expect(lines.slice(0, -1)).toEqual(expected.diagnostics.map((d) => formatDiagnostic({ file, ...d })));
      const n = expected.diagnostics.length;
      expect(lines.at(-1)).toBe(`errcat: ${n} problem${n === 1 ? "" : "s"} in ${file}`);
      expect(io.stderr()).not.toMatch(/^\s+at /m);
    });
  });

  // One real process for the whole corpus; the per-file runs above call the same main() in-process.
  it("`errcat validate` (the command, in its own process) reports every file's problems in one run and exits 2", async () => {
    const files = names.map((n) => `test/bad-catalogs/${n}.yaml`);
    const result = await runErrcat(["validate", "--json", ...files]);
    expect(result.code).toBe(2);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { file: string }[] };
    const total = names.reduce((sum, n) => sum + expectedOf(n).diagnostics.length, 0);
    expect(diagnostics).toHaveLength(total);
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set(files));
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("coverage of the validator's rules", () => {
  it("every rule the validator can report has a bad catalog that triggers it", async () => {
    const covered = new Set(names.flatMap((n) => expectedOf(n).diagnostics.map((d) => d.rule)));
    // Layered catalogs need several files each: test/layers/bad-layers.test.ts runs the folders under layers/.
    for (const n of readdirSync(new URL("layers/", dir)).filter((f) => !f.includes("."))) {
      for (const d of (JSON.parse(readFileSync(new URL(`layers/${n}/expected.json`, dir), "utf8")) as Expected).diagnostics) covered.add(d.rule);
    }
    // A file that is not there cannot be in the corpus: the loader reports it.
    const missing = await loadCatalog("test/bad-catalogs/no-such-catalog.yaml").catch((e: CatalogError) => e.diagnostics);
    expect(missing).toMatchObject([{ rule: "read", line: 1, column: 1 }]);
    covered.add("read");
    const rules = RULES.map((r) => r.id);
    expect(rules.length).toBeGreaterThanOrEqual(30);
    expect(rules.filter((r) => !covered.has(r))).toEqual([]);
  });

  it("reports only rules the registry or a default target declares", () => {
    const declared = new Set<string>([...RULES.map((r) => r.id), ...targets.flatMap((t) => rulesOf(t).map((r) => r.id))]);
    for (const n of names) for (const d of expectedOf(n).diagnostics) expect(declared.has(d.rule), `${n}: ${d.rule}`).toBe(true);
  });
});

describe.each(goodNames)("good/%s", (name) => {
  it("is valid and builds a model", () => {
    const { diagnostics, model } = checkCatalogText(name, read(`good/${name}`));
    expect(diagnostics).toEqual([]);
    expect(model?.service.name).toBe("demo");
  });
});

describe("matchBefore", () => {
  it("orders the more specific of two overlapping patterns first in the model", () => {
    const { model } = checkCatalogText("good.yaml", read("good/match-before-orders-overlap.yaml"));
    expect(model!.codes.find((c) => c.code === "KeyInvalid")!.entries.map((e) => e.id)).toEqual(["the-key", "the-thing"]);
  });
});
