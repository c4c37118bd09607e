/**
 * Reads an error-code page in Markdown: the vendor's own page as it is usually copied (status lines
 * such as `400 Bad request`, loose tables whose data rows lack the leading `|`, an unfenced
 * `message Error { … }`), or a regular GFM page such as errcat's own ERRORS.md.
 *
 * The loose layout is first rewritten, line by line, into regular GFM; then one parser (mdast with the
 * GFM table extension) reads both.
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
    if (node.type === "table" && current) current.rows.push(...tableRows(node));
  }
  return { ...(title !== undefined ? { title } : {}), preface, ...(wire ? { wire } : {}), statuses };
}

/**
 * Rewrites the loose layout into regular GFM: every table gets leading and trailing pipes and a
 * delimiter row with one cell per column; on a page without Markdown headings, status lines become
 * headings, each other line its own paragraph, and a bare `message X { … }` a fenced block.
 */
export function normalizeLayout(markdown: string): string {
  const lines = markdown.split(/\r\n|\r|\n/);
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

function tableRows(table: Table): PageRow[] {
  const [head, ...body] = table.children;
  if (!head) return [];
  const roles = head.children.map((cell) => columnRole(plainText(cell)));
  return body.map((row) => {
    const value = (role: ReturnType<typeof columnRole>) => {
      const i = roles.indexOf(role);
      const text = i < 0 ? "" : plainText(row.children[i] ?? { type: "tableCell", children: [] });
      return text.length > 0 ? text : undefined;
    };
    const code = value("code");
    const message = value("message");
    const state = value("state");
    return {
      ...(code !== undefined ? { code } : {}),
      ...(message !== undefined ? { message } : {}),
      ...(state !== undefined ? { state } : {}),
      meaningAndFix: value("meaning") ?? "",
    };
  });
}

/** Which column a header names; any column that is none of the known ones is the state column. */
function columnRole(header: string): "code" | "message" | "meaning" | "status" | "state" {
  const h = header.toLowerCase();
  if (/\bcode\b/.test(h) && !/status/.test(h)) return "code";
  if (/\bmessage\b/.test(h)) return "message";
  if (/mean|fix/.test(h)) return "meaning";
  if (/status/.test(h)) return "status";
  return "state";
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
