/**
 * Reads an error-code page in Markdown: the vendor's own page as it is usually copied (status lines
 * such as `400 Bad request`, loose tables whose data rows lack the leading `|`, an unfenced
 * `message Error { … }`), or a regular GFM page such as errcat's own ERRORS.md.
 *
 * The loose layout is first rewritten, line by line, into regular GFM (HTML tables and headings too); then one
 * parser (mdast with the GFM table extension) reads both.
 *
 * Message cells: what a reader sees is the server's message, with `<display text>` marking a
 * placeholder; a backslash that does not escape `<`, `>` or `\` is the server's own and is kept as
 * `\\`. A code span is read the same way (`<x>` and `\<x\>` inside backticks are placeholders, as a
 * page that shows messages as code means them). A code span that is the whole cell is the page's
 * formatting and its backticks are dropped; a code span inside other text shows backticks the message
 * itself holds, and they are kept.
 *
 * Columns are mapped by header name (Error code, Error message, Key state, What it means and how to
 * fix it, HTTP status, and their usual variants); any other column is a problem, never a guess.
 * Content nested deeper than a few levels (lists, block quotes) is read as if it were less deep: an
 * error page keeps what errcat reads at the top level, and the parser's cost grows with the depth.
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import type { Nodes, RootContent, Table } from "mdast";

export interface PageRow {
  readonly code?: string;
  /** The message in catalog pattern syntax: `<placeholder>`, `\<` for a literal `<`. */
  readonly message?: string;
  readonly state?: string;
  /** "What it means and how to fix it", as one text. */
  readonly meaningAndFix: string;
}

export interface PageStatus {
  readonly httpStatus: number;
  readonly title: string;
  /** Paragraphs under the status heading, before its table: its text, or all it says (413). */
  readonly prose: readonly string[];
  readonly rows: readonly PageRow[];
}

export interface WireField {
  readonly type: "int32" | "string";
  readonly name: string;
  readonly number: number;
}

export interface ErrorPage {
  /** What the page holds that cannot be read into a catalog, as sentences for the user. */
  readonly problems: readonly string[];
  /** The H1, where the page has one. */
  readonly title?: string;
  /** Paragraphs before the first section: the introduction, then the scope. */
  readonly preface: readonly string[];
  readonly wire?: { readonly package?: string; readonly message: string; readonly fields: readonly WireField[] };
  readonly statuses: readonly PageStatus[];
}

const HEADING = /^ {0,3}#{1,6}(\s|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const STATUS_LINE = /^([1-5]\d\d)\s+(\S.*?)\s*$/;
const MESSAGE_START = /^\s*message\s+[A-Za-z_]\w*\s*\{\s*$/;

/** Parses an error page. */
export function readErrorPage(markdown: string): ErrorPage {
  const tree = fromMarkdown(normalizeLayout(markdown), { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  let title: string | undefined;
  const preface: string[] = [];
  let wire: ErrorPage["wire"];
  const statuses: { httpStatus: number; title: string; prose: string[]; rows: PageRow[] }[] = [];
  let current: (typeof statuses)[number] | undefined;
  let inPreface = true;
  const problems: string[] = [];
  for (const node of tree.children as RootContent[]) {
    if (node.type === "heading") {
      const text = plainText(node).trim();
      const status = STATUS_LINE.exec(text);
      if (node.depth === 1 && title === undefined && inPreface) {
        title = text;
        continue;
      }
      inPreface = false;
      current = status && node.depth >= 2 ? { httpStatus: Number(status[1]), title: status[2]!, prose: [], rows: [] } : undefined;
      if (current) statuses.push(current);
      continue;
    }
    if (node.type === "code" && wire === undefined) {
      wire = parseWireMessage(node.value);
      if (wire) continue;
    }
    if (node.type === "paragraph") {
      // Markdown already drops a paragraph's outer white space; what is left (`&#32;`) is content.
      const text = plainText(node);
      // An anchor line (`<a id="…"></a>`) is a paragraph with no text.
      if (text.length === 0) continue;
      if (inPreface) preface.push(text);
      else if (current && current.rows.length === 0) current.prose.push(text);
      continue;
    }
    if (node.type === "table" && current) current.rows.push(...tableRows(node, `the table under ${current.httpStatus} ${current.title}`, problems));
  }
  return { problems, ...(title !== undefined ? { title } : {}), preface, ...(wire ? { wire } : {}), statuses };
}

/**
 * Rewrites the loose layout into regular GFM: every table gets leading and trailing pipes and a
 * delimiter row with one cell per column; on a page without Markdown headings, status lines become
 * headings, each other line its own paragraph, and a bare `message X { … }` a fenced block.
 */
export function normalizeLayout(markdown: string): string {
  const lines = htmlTablesToGfm(htmlHeadingsToAtx(markdown)).split(/\r\n|\r|\n/).map(shallow);
  const loose = !hasHeading(lines);
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      out.push(line);
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1]!;
      out.push(line);
      continue;
    }
    if (line.trimStart().startsWith("|") && DELIMITER_ROW.test(lines[i + 1] ?? "") && !/^\s*$/.test(lines[i + 1] ?? "")) {
      const header = splitRow(line);
      const rows: string[][] = [];
      let j = i + 2;
      while (j < lines.length && isDataRow(lines[j]!, loose)) rows.push(splitRow(lines[j++]!));
      const width = header.length;
      const fit = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill("")].slice(0, width);
      out.push("", `| ${header.join(" | ")} |`, `|${" --- |".repeat(width)}`, ...rows.map((r) => `| ${fit(r).join(" | ")} |`), "");
      i = j - 1;
      continue;
    }
    if (!loose) {
      out.push(line);
      continue;
    }
    const status = STATUS_LINE.exec(line);
    if (status) {
      out.push("", `## ${status[1]} ${status[2]}`, "");
      continue;
    }
    if (MESSAGE_START.test(line)) {
      let j = i;
      while (j < lines.length && !/^\s*\}\s*$/.test(lines[j]!)) j++;
      if (j < lines.length) {
        out.push("", "```protobuf", ...lines.slice(i, j + 1), "```", "");
        i = j;
        continue;
      }
    }
    out.push(line, "");
  }
  return out.join("\n");
}

function hasHeading(lines: readonly string[]): boolean {
  let fence = false;
  for (const line of lines) {
    if (FENCE.test(line)) fence = !fence;
    else if (!fence && HEADING.test(line)) return true;
  }
  return false;
}

function isDataRow(line: string, loose: boolean): boolean {
  if (line.trim().length === 0 || HEADING.test(line) || (loose && STATUS_LINE.test(line) && !line.includes("|"))) return false;
  return splitRow(line).length > 1 || line.trimStart().startsWith("|");
}

/** The cells of a table row, split at unescaped pipes; escapes are kept for the Markdown parser. */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "\\" && i + 1 < line.length) {
      cell += ch + line[i + 1]!;
      i++;
    } else if (ch === "|") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  const trimmed = cells.map((c) => c.trim());
  if (line.trimStart().startsWith("|")) trimmed.shift();
  if (trimmed.length > 0 && trimmed.at(-1) === "" && /(^|[^\\])\|\s*$/.test(line)) trimmed.pop();
  return trimmed;
}

function tableRows(table: Table, where: string, problems: string[]): PageRow[] {
  const [head, ...body] = table.children;
  if (!head) return [];
  const headers = head.children.map((cell) => plainText(cell).trim());
  const roles = headers.map(columnRole);
  // A table without a code or message column is not an error table (a list of headers, say): not read.
  if (!roles.includes("code") && !roles.includes("message")) return [];
  headers.forEach((h, i) => {
    if (roles[i] === undefined) problems.push(`${where} has a column "${h}" that errcat does not read: remove it, or name it as one of ${KNOWN_COLUMNS}`);
  });
  return body.map((row) => {
    const cellOf = (i: number) => row.children[i] ?? { type: "tableCell" as const, children: [] };
    const value = (role: ColumnRole) => {
      const i = roles.indexOf(role);
      const text = i < 0 ? "" : role === "message" ? messageText(cellOf(i)) : plainText(cellOf(i));
      return text.length > 0 ? text : undefined;
    };
    const code = value("code");
    const message = value("message");
    const state = value("state");
    const meaningAndFix = [value("meaning"), value("fix")].filter((t) => t !== undefined).join(" ");
    return {
      ...(code !== undefined ? { code } : {}),
      ...(message !== undefined ? { message } : {}),
      ...(state !== undefined ? { state } : {}),
      meaningAndFix,
    };
  });
}

type ColumnRole = "code" | "message" | "meaning" | "fix" | "status" | "state";

/** Header names, lower-cased with single spaces, and the column each names. */
const COLUMNS: Readonly<Record<string, ColumnRole>> = {
  "error code": "code", code: "code", errorcode: "code", "error": "code",
  "error message": "message", message: "message", errormessage: "message",
  "what it means and how to fix it": "meaning", "description": "meaning", meaning: "meaning", cause: "meaning", "what it means": "meaning",
  fix: "fix", "how to fix it": "fix", solution: "fix", "how to fix": "fix",
  "http status": "status", "http status code": "status", "status code": "status", status: "status",
  "key state": "state", state: "state",
};
const KNOWN_COLUMNS = "Error code, Error message, Key state, What it means and how to fix it (or Meaning and Fix), HTTP status";

function columnRole(header: string): ColumnRole | undefined {
  return COLUMNS[header.toLowerCase().replace(/\s+/g, " ").trim()];
}

/**
 * A message cell in catalog pattern syntax: text as the reader sees it with its stray backslashes
 * escaped, code spans read the same way (their backticks kept unless the span is the whole cell).
 */
export function messageText(cell: Nodes): string {
  const children = "children" in cell ? (cell.children as Nodes[]) : [];
  const meaningful = children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  if (meaningful.length === 1 && meaningful[0]!.type === "inlineCode") return codeToPattern(meaningful[0]!.value);
  const walk = (node: Nodes): string => {
    if (node.type === "text") return escapeStrayBackslashes(node.value);
    if (node.type === "inlineCode") return `\`${codeToPattern(node.value)}\``;
    if ("children" in node) return (node.children as Nodes[]).map(walk).join("");
    return plainText(node);
  };
  return children.map(walk).join("");
}

/** Text as the reader sees it, in pattern syntax: `\<`, `\>` and `\\` stay escapes, any other backslash is literal. */
function escapeStrayBackslashes(text: string): string {
  return text.replace(/\\([<>\\])|\\/g, (match, escaped: string | undefined) => (escaped !== undefined ? match : "\\\\"));
}

/** A code span's text in pattern syntax: `\<x\>` and `<x>` both mark a placeholder; other backslashes are literal. */
function codeToPattern(code: string): string {
  return code.replace(/\\([<>])/g, "$1").replace(/\\/g, "\\\\");
}

const CONTAINER_DEPTH = 8;

/**
 * A line with at most CONTAINER_DEPTH block-quote markers and 4·CONTAINER_DEPTH columns of indent
 * before its text: the parser's work per line grows with the nesting, and nothing errcat reads is nested.
 */
function shallow(line: string): string {
  // Block-quote and list markers opening containers on one line (`> > > …`, `- - - …`): the innermost few are kept.
  const markers = /^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)+/.exec(line)?.[0];
  const tokens = markers?.match(/[-*+>]|\d{1,9}[.)]/g) ?? [];
  if (markers !== undefined && tokens.length > CONTAINER_DEPTH) line = `${tokens.slice(-CONTAINER_DEPTH).join(" ")} ${line.slice(markers.length)}`;
  const indent = /^[ \t]*/.exec(line)![0];
  const width = indent.replace(/\t/g, "    ").length;
  return width > 4 * CONTAINER_DEPTH ? " ".repeat(4 * CONTAINER_DEPTH) + line.slice(indent.length) : line;
}

/**
 * HTML tables (`<table>` with `<tr>`, `<th>`, `<td>`) as GFM tables, so that one reader handles both:
 * tags in cells are dropped (`<br>` becomes a line break), entities decoded, and the text escaped for
 * Markdown so that it reads back as written. A placeholder in an HTML cell is written `&lt;x&gt;`.
 */
export function htmlTablesToGfm(markdown: string): string {
  if (!/<table[\s>]/i.test(markdown)) return markdown;
  return markdown.replace(/<table[\s>][\s\S]*?<\/table\s*>/gi, (table) => {
    const rows = [...table.matchAll(/<tr[\s>]([\s\S]*?)<\/tr\s*>/gi)].map((r) => [...r[1]!.matchAll(/<t([hd])(?:\s[^>]*)?>([\s\S]*?)(?=<\/t[hd]\s*>|<t[hd][\s>]|$)/gi)].map((c) => htmlCellText(c[2]!)));
    if (rows.length === 0) return table;
    const width = Math.max(...rows.map((r) => r.length));
    const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill("")].map(markdownCell).join(" | ")} |`;
    return ["", line(rows[0]!), `|${" --- |".repeat(width)}`, ...rows.slice(1).map(line), ""].join("\n");
  });
}

/**
 * HTML headings (`<h2>404 Not found</h2>`) as Markdown ones on lines of their own, so that a page written
 * all in HTML has its title and status sections: their text is read like a table cell's.
 */
export function htmlHeadingsToAtx(markdown: string): string {
  if (!/<h[1-6][\s>]/i.test(markdown)) return markdown;
  return markdown.replace(/<h([1-6])(?:\s[^<>]*)?>([\s\S]*?)<\/h\1\s*>/gi, (_, depth: string, inner: string) =>
    `\n\n${"#".repeat(Number(depth))} ${markdownCell(htmlCellText(inner).replace(/\n/g, " "))}\n\n`);
}

const MARKUP_TAGS = /<\/?(?:br|b|i|em|strong|code|a|span|p|div|sup|sub|small|u|font|tt|kbd|samp|var)(?:\s[^<>]*)?\/?>/gi;

function htmlCellText(html: string): string {
  const text = html.replace(/<br\s*\/?>/gi, "\n").replace(MARKUP_TAGS, "").replace(/\s*\n\s*/g, "\n").replace(/[ \t]+/g, " ").trim();
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|nbsp);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " } as Record<string, string>)[lower]!;
  });
}

/** Cell text escaped for a GFM cell: reads back as exactly this text; a newline becomes `<br>`. */
function markdownCell(text: string): string {
  return text.split("\n").map((l) => l.replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`)).join("<br>");
}

/** The text a reader sees: escapes resolved, `<br>` as a newline, link and emphasis markup dropped. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "html":
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? "\n" : /^<a\s[^>]*>\s*(<\/a>)?$|^<\/a>$/i.test(node.value.trim()) ? "" : node.value;
    case "break":
      return "\n";
    case "image":
      return node.alt ?? "";
    default:
      return "children" in node ? (node.children as Nodes[]).map(plainText).join("") : "value" in node ? String(node.value) : "";
  }
}

const WIRE_FIELD = /^\s*(int32|string)\s+([A-Za-z_]\w*)\s*=\s*(\d+)\s*;\s*$/;

function parseWireMessage(code: string): ErrorPage["wire"] {
  const lines = code.split("\n");
  const pkg = lines.map((l) => /^\s*package\s+([\w.]+)\s*;\s*$/.exec(l)).find((m) => m)?.[1];
  const start = lines.findIndex((l) => MESSAGE_START.test(l));
  if (start < 0) return undefined;
  const name = /message\s+(\w+)/.exec(lines[start]!)![1]!;
  const fields: WireField[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*\}\s*$/.test(line)) break;
    const m = WIRE_FIELD.exec(line);
    if (m) fields.push({ type: m[1] as WireField["type"], name: m[2]!, number: Number(m[3]) });
  }
  return { ...(pkg !== undefined ? { package: pkg } : {}), message: name, fields };
}
