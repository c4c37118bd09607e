/** How TypeScript spells string literals, doc comments, the preamble and imports: the target's one place of escaping. */
import { preambleLine } from "../emit/generated-file.js";
import type { Syntax } from "../emit/printer.js";

/** A string as a TypeScript literal. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** Text safe inside a JSDoc comment: nothing in it ends the comment. */
export function jsDocText(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}

/** A JSDoc comment: one line, or a starred line per line. */
export function jsDoc(text: string, indent = ""): string {
  const lines = jsDocText(text).split(/\r?\n/);
  if (lines.length <= 1) return lines[0] === "" || lines[0]!.endsWith(" ") ? `${indent}/** ${lines[0]}*/` : `${indent}/** ${lines[0]} */`;
  let out = `${indent}/**\n`;
  for (let i = lines[0]!.length === 0 ? 1 : 0; i < lines.length; i++) out += lines[i]!.length > 0 ? `${indent} * ${lines[i]}\n` : `${indent} *\n`;
  return `${out}${indent} */`;
}

export const typescriptSyntax: Syntax = {
  string: stringLiteral,
  docComment: jsDoc,
  preamble: (preamble) => preambleLine(preamble, "slash"),
  imports: (specs) => specs.map((s) => `${s}\n`).join(""),
};
