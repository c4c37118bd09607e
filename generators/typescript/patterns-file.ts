/**
 * patterns.ts: the ECMAScript regexes of patterns.json as RegExp objects, keyed by entry id, for
 * TypeScript code that matches messages itself. A codeless entry has no message and no regex.
 */
import type { CatalogModel } from "../catalog/model.js";
import { preambleLine, type GeneratedFile } from "../emit/generated-file.js";
import { compileRegex } from "../regex/dialects.js";

export const PATTERNS_PATH = "patterns.ts";

export function patternsFile(model: CatalogModel, preamble: string): GeneratedFile {
  const withMessage = model.entries.filter((e) => e.message !== undefined);
  const ids = withMessage.map((e) => JSON.stringify(e.id));
  const lines = [
    preambleLine(preamble, "slash"),
    "",
    `/** The id of a catalog entry that has a message pattern. */`,
    // Spelt out rather than `keyof typeof`, so the file stands under isolatedDeclarations.
    `export type MessagePatternId = ${ids.length === 0 ? "never" : ids.join(" | ")};`,
    "",
    `/**`,
    // A `*/` in the title would end the comment early.
    ` * Full-match regexes of the ${model.service.title.replace(/\*\//g, "*\\/")} messages, keyed by catalog entry id: one named`,
    ` * group per placeholder. Try the entries of one code in the order of patterns.json \`codes\`.`,
    ` */`,
    `export const messagePatterns: Readonly<Record<MessagePatternId, RegExp>> = Object.freeze({`,
    ...withMessage.map((e) => `  ${JSON.stringify(e.id)}: /${compileRegex(e.segments, "ecmascript")}/u,`),
    `});`,
    "",
  ];
  return { path: PATTERNS_PATH, contents: lines.join("\n") };
}
