/**
 * The reference page's table of errors by operation: for each operation the catalog lists, the
 * errors it can return and those it cannot (an entry names the operations that return it; default:
 * all). Plain Markdown from the model, for errors-md.ts to place; empty when the catalog lists no
 * operations.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { escapeCell } from "./escape.js";

export interface OperationsTableOptions {
  /** The anchor of an entry on the page (default: its id, as ERRORS.md writes them). */
  readonly anchor?: (entry: CatalogEntry) => string;
  /** The heading's level (default 2). */
  readonly headingLevel?: number;
}

/** The section's anchor: the heading "Errors by operation". */
export const OPERATIONS_ANCHOR = "errors-by-operation";

export function operationsMarkdown(model: CatalogModel, options: OperationsTableOptions = {}): string {
  if (model.operations.length === 0) return "";
  const anchor = options.anchor ?? ((e: CatalogEntry) => e.id);
  const total = model.entries.length;
  const link = (e: CatalogEntry) => `[${escapeCell(e.code ?? `HTTP ${e.httpStatus}`)}](#${anchor(e)})`;
  // Each code once, with how many of its messages the operation cannot return when that is not all of them.
  const list = (entries: readonly CatalogEntry[]) => {
    const byCode = new Map<string, CatalogEntry[]>();
    for (const e of entries) byCode.set(e.code ?? `#${e.id}`, [...(byCode.get(e.code ?? `#${e.id}`) ?? []), e]);
    return [...byCode.values()].map((group) => {
      const all = group[0]!.code === undefined ? 1 : model.codes.find((c) => c.code === group[0]!.code)!.entries.length;
      return group.length === all ? link(group[0]!) : `${group.map((e) => `[${escapeCell(e.id)}](#${anchor(e)})`).join(", ")} (${link(group[0]!)})`;
    }).join(", ");
  };
  const restricted = model.entries.filter((e) => e.operations.length < model.operations.length);
  const lines = [
    `${"#".repeat(options.headingLevel ?? 2)} Errors by operation`,
    "",
    restricted.length === 0
      ? `Every operation can return every error on this page (${total}).`
      : `Every operation can return every error on this page (${total}), except those an error's entry excludes: ${restricted.length} ${restricted.length === 1 ? "error names" : "errors name"} the operations that return ${restricted.length === 1 ? "it" : "them"}.`,
    "",
    "| Operation | Errors it can return | Errors it cannot return |",
    "| --- | --- | --- |",
  ];
  for (const o of model.operations) {
    const cannot = model.entries.filter((e) => !e.operations.includes(o.name));
    lines.push(`| \`${o.name}\` | ${cannot.length === 0 ? `all ${total}` : `${total - cannot.length} of ${total}`} | ${cannot.length === 0 ? "none" : list(cannot)} |`);
  }
  return `${lines.join("\n")}\n`;
}
