/**
 * out/<service>/patterns.json: a full-match regex per message in every dialect, for SDKs in any
 * language (the TypeScript target also writes them as RegExp objects, patterns.ts). A codeless entry
 * (such as KMS's 413) has no message: it is listed with `regex: null` so every entry id appears.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { jsonText, preambleLine, type GeneratedFile } from "../emit/generated-file.js";
import { defineTarget, readOptions } from "../target/define-target.js";
import { compileRegex, DIALECTS, valueStops, type Dialect } from "./dialects.js";

export const regexTarget = defineTarget({
  name: "regex",
  description: "patterns.json: a full-match regex per message in the ecmascript, python, java and re2 dialects",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  generate: ({ model, preamble }) => [{ path: "patterns.json", contents: jsonText(patternsJson(model, preamble)) }],
});

/** The regexes of one entry, by dialect; undefined for a codeless entry. */
export function entryRegexes(entry: CatalogEntry): Record<Dialect, string> | undefined {
  if (entry.message === undefined) return undefined;
  return Object.fromEntries(DIALECTS.map((d) => [d, compileRegex(entry.segments, d)])) as Record<Dialect, string>;
}

export function patternsJson(model: CatalogModel, preamble: string): unknown {
  return {
    "@generated": preamble,
    formatVersion: 1,
    dialects: [...DIALECTS],
    // Flags each dialect's regex is written for (ECMAScript: code points, so \u{…} escapes work).
    flags: { ecmascript: "u", python: "", java: "", re2: "" },
    // Entries of one code, in the order to try their regexes (matchBefore applied).
    codes: model.codes.map((c) => ({ code: c.code, entries: c.entries.map((e) => e.id) })),
    entries: model.entries.map((e) => {
      const stops = valueStops(e.segments);
      return {
        id: e.id,
        code: e.code ?? null,
        httpStatus: e.httpStatus,
        message: e.message ?? null,
        placeholders: e.placeholders.map((p) => ({
          name: p.name,
          text: p.text,
          // Set only in messages with several placeholders: the character this value cannot contain.
          stopsAt: stops.get(p.name) ?? null,
        })),
        regex: entryRegexes(e) ?? null,
      };
    }),
  };
}

