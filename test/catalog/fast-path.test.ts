/**
 * checkCatalogText reads a valid catalog on a fast path (js-yaml, no positions) and everything else on
 * the positioned path (yaml). The two YAML readers must agree: on every mutation of the KMS catalog,
 * the fast path gives exactly what the positioned path gives, model or diagnostics.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkCatalogText } from "../../generators/catalog/index.js";
import { readYamlFast } from "../../generators/catalog/fast-yaml.js";
import { fuzz, runsFor, timeoutFor } from "../fuzz/fuzz-runs.js";

const FILE = "catalog/kms.yaml";
const kms = readFileSync(FILE, "utf8");
const lines = kms.split("\n");
const valueLines = lines.flatMap((l, i) => (/^\s*(?:- )?[A-Za-z]+:\s+\S/.test(l) ? [i] : []));

/** Scalars on which YAML readers (1.1 vs 1.2, core vs JSON schema) are known to differ. */
const scalars = fc.constantFrom(
  "yes", "no", "on", "off", "y", "n", "True", "FALSE", "Null", "NULL", "~", "0x1F", "0o17", "017", "0b101", "1_000", "+12", "-0",
  "1.", ".5", "1e3", "1E-3", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "12:30:00", "=", "<<",
  "!!str 123", "!!int \"7\"", "!!float 1", "!!bool true", "!!null ''", "!!binary aGk=", "!!timestamp 2001-12-14", "!!set {a}",
  "!!omap [{a: 1}]", "!custom x", "'quoted'", "\"esc\\x41\"", "\"\\u00e9\"", "\"\\N\"", "\"\\_\"", "|\n    block", ">-\n    folded",
  "&a 5", "*a", "[]", "{}", "[1, 2]", "{a: 1}", "? a", "a: b", "x #c", "x# not a comment", "'it''s'", "\"tab\\there\"",
);

const mutant = fc
  .array(fc.record({ line: fc.constantFrom(...valueLines), value: scalars }), { minLength: 1, maxLength: 2 })
  .map((edits) => {
    const copy = [...lines];
    for (const { line, value } of edits) copy[line] = copy[line]!.replace(/^(\s*(?:- )?[A-Za-z]+:)\s+.*$/, `$1 ${value}`);
    return { edits: edits.map(({ line, value }) => `line ${line + 1}: ${copy[line]!.trim()}`), text: copy.join("\n") };
  });

describe("the fast path and the positioned path", () => {
  it("take the fast path for the KMS catalog, and leave tags, anchors and directives to the positioned one", () => {
    expect(readYamlFast(kms)).toBeDefined();
    for (const text of ["a: !!str 1", "a: &x 1\nb: *x", "? [a]\n: 1", "%YAML 1.1\n---\na: 1", "a: [!!int 1]"]) expect(readYamlFast(text), text).toBeUndefined();
  });

  it("agree on the KMS catalog", () => {
    expect(checkCatalogText(FILE, kms)).toEqual(checkCatalogText(FILE, kms, { fast: false }));
    expect(checkCatalogText(FILE, kms).model).toBeDefined();
  });

  const runs = runsFor(0.25);
  it(`agree on ${runs} catalogs with scalars the YAML readers may read differently`, async () => {
    let valid = 0;
    await fuzz(
      fc.property(mutant, ({ edits, text }) => {
        const fast = checkCatalogText(FILE, text);
        const positioned = checkCatalogText(FILE, text, { fast: false });
        expect(fast, edits.join("; ")).toEqual(positioned);
        if (fast.model) valid++;
      }),
      runs,
    );
    // The property must see valid catalogs too, or it would compare diagnostics only.
    expect(valid).toBeGreaterThan(0);
  }, timeoutFor(runs, 60));
});
