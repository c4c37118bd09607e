/**
 * Message regexes: a pattern's segments compiled to a full-match regex in each target dialect, one
 * named group per placeholder. Literal text is escaped for the dialect; a placeholder matches any
 * characters, newlines included.
 */
import type { MessageSegment } from "../catalog/model.js";

export const DIALECTS = ["ecmascript", "python", "java", "re2"] as const;
export type Dialect = (typeof DIALECTS)[number];

/** Compiles segments to a regex source for a dialect (anchored at both ends). */
export function compileRegex(segments: readonly MessageSegment[], dialect: Dialect): string {
  const body = segments
    .map((s) => (s.kind === "literal" ? escapeLiteral(s.text, dialect) : namedGroup(s.name, dialect)))
    .join("");
  switch (dialect) {
    case "ecmascript":
      return `^${body}$`;
    case "python":
      return `${body}\\Z`.replace(/^/, "\\A");
    case "java":
      return `\\A${body}\\z`;
    case "re2":
      return `\\A${body}\\z`;
  }
}

function namedGroup(name: string, dialect: Dialect): string {
  // Any character including line terminators, without relying on a dot-all flag.
  const any = "[\\s\\S]*";
  return dialect === "python" || dialect === "re2" ? `(?P<${name}>${any})` : `(?<${name}>${any})`;
}

/** Escapes every character that is special in the dialect; other characters stand for themselves. */
function escapeLiteral(text: string, dialect: Dialect): string {
  let out = "";
  for (const ch of text) {
    if ("\\^$.|?*+()[]{}".includes(ch)) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if ((dialect === "java" || dialect === "python") && ch === "#") out += "\\#"; // literal even under COMMENTS/VERBOSE flags
    else if (dialect === "ecmascript" && (ch === "/" || ch === "-")) out += ch === "/" ? "\\/" : "-";
    else out += ch;
  }
  return out;
}
