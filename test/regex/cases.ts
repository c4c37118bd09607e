/** Patterns and parameter values the regex tests share: the KMS catalog's, plus synthetic ones. */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { checkCatalogText } from "../../generators/catalog/index.js";
import type { CatalogModel, MessageSegment } from "../../generators/catalog/model.js";

export function kmsModel(): CatalogModel {
  const { model, diagnostics } = checkCatalogText("catalog/kms.yaml", readFileSync("catalog/kms.yaml", "utf8"));
  if (!model) throw new Error(`catalog/kms.yaml is invalid: ${diagnostics.map((d) => d.message).join("; ")}`);
  return model;
}

const lit = (text: string): MessageSegment => ({ kind: "literal", text });
const ph = (name: string): MessageSegment => ({ kind: "placeholder", name, text: name });

/** Message patterns no catalog has yet: several placeholders, special characters, a stop outside the BMP. */
export const SYNTHETIC: readonly { readonly id: string; readonly segments: readonly MessageSegment[] }[] = [
  { id: "three-quoted", segments: [lit('Key "'), ph("keyId"), lit('" in store "'), ph("store"), lit('": '), ph("reason"), lit(".")] },
  { id: "starts-and-ends-with-placeholders", segments: [ph("left"), lit(" = "), ph("right")] },
  { id: "special-characters", segments: [lit("a.b*c+d?(e)[f]{g}|^$\\#/-& \n\t\r\u2028\u0000 \""), ph("x"), lit("]^-\\ 😀"), ph("y"), lit("✓")] },
  { id: "astral-stop", segments: [ph("first"), lit("😀 then "), ph("second")] },
];

/** Parameter values: any unicode, quotes, newlines, empty, and 1 KB. No lone surrogates (not UTF-8). */
export const parameterValue: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom("", '"', '""', "\n", "\r\n", '"\n"', "\u2028", "\\", "$1", ".*", "😀"),
    fc.string({ unit: fc.constantFrom('"', "\n", "a", ".", "\\", "$", " ", "😀", "=", "]"), maxLength: 30 }),
    fc.string({ unit: "binary", minLength: 1024, maxLength: 1100 }),
  )
  .filter((s) => !/\p{Cs}/u.test(s));

/** Values for every placeholder of `segments`, none holding the character its placeholder stops at. */
export function valuesFor(segments: readonly MessageSegment[], stops: ReadonlyMap<string, string>): fc.Arbitrary<Record<string, string>> {
  const names = segments.flatMap((s) => (s.kind === "placeholder" ? [s.name] : []));
  return fc.record(
    Object.fromEntries(names.map((n) => {
      const stop = stops.get(n);
      return [n, stop === undefined ? parameterValue : parameterValue.map((v) => v.split(stop).join(""))];
    })),
  );
}

/** A seed per run (or ERRCAT_FUZZ_SEED), printed with every failure so a run can be replayed. */
export const SEED = Number(process.env.ERRCAT_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
export const RUNS = Number(process.env.ERRCAT_FUZZ_RUNS ?? 60);
