/**
 * Error tables: the rows of a status on the reference page, and the tables of docs-sync regions with
 * the columns a page asks for (`columns=code,message,fix`). The cells are rendered here; the template
 * (templates/error-table.md.hbs) only lays them out.
 */
import type { CatalogEntry, StatusSection } from "../catalog/model.js";
import { exampleMessage } from "../catalog/format.js";
import { printPattern } from "../catalog/pattern.js";
import { codeSpan, escapeCell, escapeLine } from "./escape.js";
import { markdownTemplates } from "./templates.js";

interface Column {
  readonly header: string;
  /**
   * The cell of one row; `href` prefixes entry links ("" on the reference page itself). `unlinked`: the
   * table has no status column, so a codeless row's code cell must link its entry.
   */
  cell(entry: CatalogEntry, href: string, unlinked: boolean): string;
}

/** Every column a table can have, by the name a region's `columns=` option uses. */
export const TABLE_COLUMNS = {
  // A codeless row has no code to link, so its status links to the entry instead.
  status: { header: "HTTP status", cell: (e, href) => (e.code === undefined ? `[${e.httpStatus}](${href}#${e.id})` : String(e.httpStatus)) },
  code: {
    header: "Error code",
    cell: (e, href, unlinked) => (e.code !== undefined ? `[${escapeLine(e.code)}](${href}#${e.id})` : unlinked ? `[none, ${e.httpStatus}](${href}#${e.id})` : ""),
  },
  message: { header: "Error message", cell: (e) => (e.code === undefined ? "" : escapeCell(printPattern(e.segments))) },
  state: { header: "Key state", cell: (e) => escapeCell(e.keyState ?? "") },
  "meaning-fix": { header: "What it means and how to fix it", cell: (e) => escapeCell(`${e.meaning} ${e.fix}`) },
  meaning: { header: "What it means", cell: (e) => escapeCell(e.meaning) },
  fix: { header: "How to fix it", cell: (e) => escapeCell(e.fix) },
  example: { header: "Example message", cell: (e) => (e.code === undefined ? "" : codeSpan(exampleMessage(e), true)) },
  retryable: { header: "Retryable", cell: (e) => (e.retryable ? "yes" : "no") },
  fault: { header: "Fault", cell: (e) => e.fault },
  id: { header: "Entry", cell: (e, href) => `[${e.id}](${href}#${e.id})` },
} as const satisfies Record<string, Column>;

export type ColumnName = keyof typeof TABLE_COLUMNS;

export const COLUMN_NAMES = Object.keys(TABLE_COLUMNS) as ColumnName[];

export interface ErrorTableView {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The vendor's columns: status (where asked), code, message, key state (where a row has one), meaning and fix. */
export function defaultColumns(rows: readonly CatalogEntry[], showStatus: boolean): ColumnName[] {
  return [
    ...(showStatus ? (["status"] as const) : []),
    "code",
    "message",
    ...(rows.some((e) => e.keyState !== undefined) ? (["state"] as const) : []),
    "meaning-fix",
  ];
}

/**
 * A table of these rows and columns. The reference page keeps the vendor's layout, where a codeless
 * row's code cell is empty; a docs region (`linkCodeless`) links such a row from its code cell when
 * the table has no status column to do it.
 */
export function tableView(rows: readonly CatalogEntry[], columns: readonly ColumnName[], href: string, linkCodeless = false): ErrorTableView {
  const unlinked = linkCodeless && !columns.includes("status");
  return {
    headers: columns.map((c) => TABLE_COLUMNS[c].header),
    rows: rows.map((e) => columns.map((c) => TABLE_COLUMNS[c].cell(e, href, unlinked))),
  };
}

/**
 * The table of a status on the reference page: its coded entries, and its codeless one when coded
 * entries share the status. A status whose only entry is codeless has no table: its prose says it all,
 * as on the vendor's page.
 */
export function statusTable(status: StatusSection, href: string): ErrorTableView | undefined {
  if (!status.entries.some((e) => e.code !== undefined)) return undefined;
  return tableView(status.entries, defaultColumns(status.entries, false), href);
}

/** Renders one error table (no surrounding blank lines). */
export function renderErrorTable(table: ErrorTableView): string {
  return compactEmptyCells(markdownTemplates().errorTable(table).replace(/\n+$/, ""));
}

/** `|  |` → `| |` in table rows: the compact table style markdownlint checks (cells hold no bare `|`). */
export function compactEmptyCells(text: string): string {
  // Only the lines holding `|  |` can change: find them, rather than visiting every line of a large page.
  const parts: string[] = [];
  let done = 0;
  for (let at = text.indexOf(EMPTY_CELL); at >= 0; at = text.indexOf(EMPTY_CELL, done)) {
    const start = lineStart(text, at);
    const end = lineEnd(text, at);
    const row = text.slice(start, end);
    parts.push(text.slice(done, start), row.startsWith("|") ? row.replace(/(?<!\\)\| {2}(?=\|)/g, "| ") : row);
    done = end;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(done));
  return parts.join("");
}

const EMPTY_CELL = "|  |";

/** Line ends as a multiline RegExp sees them (`^`, `$`): \n, \r, U+2028 and U+2029. */
const isLineEnd = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !isLineEnd(text.charCodeAt(i - 1))) i--;
  return i;
}

function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isLineEnd(text.charCodeAt(i))) i++;
  return i;
}
