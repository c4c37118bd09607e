/**
 * Rendering catalog text literally in Markdown: whatever a catalog says (`|`, `<`, `*`, a leading `#`,
 * newlines) reads back, after a CommonMark + GFM parser, as exactly that text.
 */
import type { TextPiece } from "./links.js";

/** Characters that can start Markdown syntax anywhere in a line; each is backslash-escaped. */
const INLINE_SPECIAL = /[\\`*_[\]<>|&~]/g;

/**
 * One line of text as Markdown inline content that renders literally. Line-start syntax (headings,
 * lists, block quotes) is escaped too, and leading/trailing spaces and tabs become character
 * references, which parsers would otherwise strip.
 */
export function escapeLine(line: string): string {
  if (!needsEscape(line)) return line;
  // A carriage return is kept as a reference: Markdown reads a raw one as a line ending.
  let text = line.replace(INLINE_SPECIAL, (c) => `\\${c}`).replace(/\t/g, "&#9;").replace(/\r/g, "&#13;");
  // GFM turns bare URLs, www. names and e-mail addresses into links; an escape keeps them text.
  text = text.replace(/:\/\//g, "\\://").replace(/\b(www)\./gi, "$1\\.").replace(/@/g, "\\@");
  // A leading `#`, `+`, `-`, `=` or `1.` would make a heading, list item or setext underline.
  text = text.replace(/^(\d+)([.)])/, "$1\\$2").replace(/^([#+\-=])/, "\\$1");
  const lead = /^ +/.exec(text)?.[0].length ?? 0;
  const trail = /(?<! ) +$/.exec(text.slice(lead))?.[0].length ?? 0;
  return "&#32;".repeat(lead) + text.slice(lead, text.length - trail) + "&#32;".repeat(trail);
}

/**
 * Whether escapeLine would change the line: most catalog lines are plain words, and the full pass
 * (a dozen replaces) is the cost of a large reference page. A superset of what the pass looks for.
 */
function needsEscape(line: string): boolean {
  return /[\\`*_[\]<>|&~\t\r@]|:\/\/|www\./i.test(line) || /^[\d#+\-= ]/.test(line) || line.endsWith(" ");
}

/** Splits text into its lines (any line ending). */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Text as the content of one GFM table cell: escaped, with its newlines as `<br>` (a `\r` before one stays, as `&#13;`). */
export function escapeCell(text: string): string {
  return text.split("\n").map(escapeLine).join("<br>");
}

/** Text as Markdown paragraphs, one per non-empty line (a line break inside a paragraph would be lost). */
export function escapeParagraphs(text: string): string[] {
  return textLines(text).filter((l) => l.trim().length > 0).map(escapeLine);
}

/**
 * Single-line text as a code span: shows every character as is. In a table cell a `|` still ends
 * the cell, so there it is escaped (GFM removes that backslash). Multi-line text falls back to
 * escaped text with `<br>`, since a code span would turn its newlines into spaces (and tabs there
 * would break the no-hard-tabs lint rule).
 */
export function codeSpan(text: string, inTable = false): string {
  if (/[\r\n\t]/.test(text)) return escapeCell(text);
  if (text.length === 0) return "(empty)";
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ") && text.trim().length > 0) ? " " : "";
  const body = inTable ? text.replace(/\|/g, "\\|") : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Private-use characters stand in for links while a line is escaped; catalog text holding one keeps its links as text. */
const LINK_MARK = 0xe000;

/**
 * Lines of text pieces as Markdown paragraphs, the pieces with a URL as links: the line is escaped
 * whole (so line-start and edge-space escapes see the real line), then each link is put in.
 */
export function linkedParagraphs(lines: readonly (readonly TextPiece[])[]): string[] {
  return lines.map((pieces) => {
    const plain = pieces.map((p) => p.text).join("");
    const links = pieces.filter((p) => p.url !== undefined);
    if (links.length === 0 || /[\ue000-\uf8ff]/.test(plain) || links.length > 0x1000) return escapeLine(plain);
    let n = 0;
    const marked = pieces.map((p) => (p.url === undefined ? p.text : String.fromCharCode(LINK_MARK + n++))).join("");
    return escapeLine(marked).replace(/[\ue000-\uefff]/g, (m) => {
      const link = links[m.charCodeAt(0) - LINK_MARK]!;
      return `[${escapeLine(link.text)}](<${link.url!}>)`;
    });
  });
}
