/**
 * Message regexes: a pattern's segments compiled to a full-match regex in each target dialect, one
 * named group per placeholder. Literal text is escaped for the dialect.
 *
 * Backtracking stays linear: the last placeholder matches any characters (`[\s\S]*`, newlines and
 * quotes included) because only fixed text follows it; every earlier placeholder stops at the first
 * character of the text that follows it (`[^c]*`), so there is one way to split a message and no
 * nested ambiguity for a backtracking engine to explore. The price, for messages with several
 * placeholders only: a value other than the last cannot contain the first character of the text
 * after it (see `valueStops`). Two `[\s\S]*` groups would be polynomial (recheck says so), and the
 * exact alternative needs lookahead, which RE2 lacks.
 */
import type { MessageSegment } from "../catalog/model.js";

export const DIALECTS = ["ecmascript", "python", "java", "re2"] as const;
export type Dialect = (typeof DIALECTS)[number];

/**
 * Compiles segments to a regex source for a dialect, anchored at both ends. The ECMAScript source is
 * written for the `u` flag (it is also valid without it, and means the same, unless a placeholder
 * stops at a character outside the BMP); the other dialects need no flag.
 */
export function compileRegex(segments: readonly MessageSegment[], dialect: Dialect): string {
  const stops = valueStops(segments);
  const body = segments
    .map((s) => {
      if (s.kind === "literal") return escapeLiteral(s.text, dialect);
      const stop = stops.get(s.name);
      const value = stop === undefined ? "[\\s\\S]*" : `[^${escapeInClass(stop, dialect)}]*`;
      return namedGroup(s.name, value, dialect);
    })
    .join("");
  switch (dialect) {
    case "ecmascript":
      return `^${body}$`;
    case "python":
      return `\\A${body}\\Z`; // Python's \Z is the very end of the string (Java's and RE2's \z).
    case "java":
    case "re2":
      return `\\A${body}\\z`;
  }
}

/**
 * For each placeholder before the last: the character its value cannot contain (the first of the
 * literal text after it). The last placeholder takes any value and is absent from the map.
 * Throws when two placeholders touch: no regex can split such a message (the validator rejects it).
 */
export function valueStops(segments: readonly MessageSegment[]): ReadonlyMap<string, string> {
  const stops = new Map<string, string>();
  const lastPlaceholder = segments.findLastIndex((s) => s.kind === "placeholder");
  segments.forEach((s, i) => {
    if (s.kind !== "placeholder" || i === lastPlaceholder) return;
    const next = segments[i + 1];
    if (next?.kind !== "literal" || next.text.length === 0) {
      throw new Error(`placeholder <${s.text}> is followed by another placeholder: put literal text between them`);
    }
    stops.set(s.name, String.fromCodePoint(next.text.codePointAt(0)!));
  });
  return stops;
}

/** Joins segments with values: the message a server would send (the inverse of matching). */
export { formatSegments } from "../catalog/format.js";

function namedGroup(name: string, value: string, dialect: Dialect): string {
  return dialect === "python" || dialect === "re2" ? `(?P<${name}>${value})` : `(?<${name}>${value})`;
}

const SPECIAL = new Set("\\^$.|?*+()[]{}");

/** Escapes every character that is special in the dialect; other characters stand for themselves. */
function escapeLiteral(text: string, dialect: Dialect): string {
  let out = "";
  for (const ch of text) {
    if (SPECIAL.has(ch)) out += `\\${ch}`;
    else if (needsCodeEscape(ch)) out += codeEscape(ch, dialect);
    else if ((dialect === "java" || dialect === "python") && ch === "#") out += "\\#"; // stays literal under COMMENTS/VERBOSE flags
    else if (dialect === "ecmascript" && ch === "/") out += "\\/"; // so the source can sit in a /…/ literal
    else out += ch;
  }
  return out;
}

/** One character inside `[^…]`. */
function escapeInClass(ch: string, dialect: Dialect): string {
  if (needsCodeEscape(ch)) return codeEscape(ch, dialect);
  if ("\\]^-[".includes(ch) || (dialect === "java" && ch === "&") || (dialect === "ecmascript" && ch === "/")) return `\\${ch}`;
  const code = ch.codePointAt(0)!;
  if (code > 0xffff) {
    switch (dialect) {
      case "ecmascript":
        return `\\u{${code.toString(16).toUpperCase()}}`;
      case "python":
        return `\\U${code.toString(16).toUpperCase().padStart(8, "0")}`;
      case "java":
      case "re2":
        return `\\x{${code.toString(16).toUpperCase()}}`;
    }
  }
  return ch;
}

/** Control characters and line separators: written as escapes so a regex source stays on one line. */
function needsCodeEscape(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029;
}

function codeEscape(ch: string, dialect: Dialect): string {
  const code = ch.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  if (code < 0x100) return `\\x${hex.padStart(2, "0")}`;
  return dialect === "re2" ? `\\x{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}
