/**
 * How Python spells string literals, docstrings and the preamble: the one place where the Python
 * target escapes text.
 */
import type { Syntax } from "../emit/printer.js";

// Characters shown as escapes: controls, format characters (bidi overrides, zero-width), line and
// paragraph separators, private use, unassigned and surrogate code points. A reader sees them, and
// no editor or tokenizer takes them for a line break.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;

function escapeChar(ch: string): string {
  switch (ch) {
    case "\\":
      return "\\\\";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
  }
  if (!INVISIBLE.test(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16);
  if (cp <= 0xff) return `\\x${hex.padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}

/** Printable ASCII other than `"` and `\`: text that every escape here leaves as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A double-quoted literal holding exactly `value` (a lone surrogate becomes a `\udxxx` escape, as Python allows). */
export function pythonString(value: string): string {
  // Most values are plain: skip the per-character escape, the cost of a large package.
  if (PLAIN.test(value)) return `"${value}"`;
  let out = '"';
  // Iterating by code point keeps a surrogate pair one character; a lone surrogate is its own.
  for (const ch of value) out += ch === '"' ? '\\"' : escapeChar(ch);
  return `${out}"`;
}

/**
 * A docstring: `"""…"""` with backslashes doubled, every `"` that a `"` follows (or that ends the text)
 * escaped, so no `"""` can close it early, and whitespace at a line's end written as an escape (no
 * trailing whitespace for linters; tabs are always escapes, so indentation never mixes them). Lines after the first are indented by `indent`.
 */
export function pythonDocstring(text: string, indent: string): string {
  const lines = text.split("\n").map((line) => {
    const out = PLAIN.test(line) ? line : escapeDocstringLine(line);
    // Trailing spaces would be stripped by editors and flagged by linters.
    return out.replace(/ +$/, (ws) => ws.replace(/ /g, "\\x20"));
  });
  const body = lines.map((line, i) => (i === 0 || line === "" ? line : `${indent}${line}`)).join("\n");
  return lines.length > 1 ? `"""${body}\n${indent}"""` : `"""${body}"""`;
}

/** One docstring line, escaped character by character: a `"` is escaped when a `"` follows it or it ends the line. */
function escapeDocstringLine(line: string): string {
  let out = "";
  const chars = [...line];
  chars.forEach((ch, i) => {
    if (ch === '"') out += chars[i + 1] === '"' || i === chars.length - 1 ? '\\"' : '"';
    else out += escapeChar(ch);
  });
  return out;
}

export const pythonSyntax: Syntax = {
  string: pythonString,
  docComment: pythonDocstring,
  preamble: (preamble) => `# ${preamble.replace(/[\r\n\u2028\u2029]+/g, " ")}`,
};
