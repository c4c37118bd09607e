/**
 * out/<service>/ERRORS.md: the reference page of the catalog. It has what the vendor's page has (the
 * introduction, the wire message, a section and a table per status, the prose-only statuses) and what
 * that page lacks: contents, a stable anchor per entry (its id), placeholders, example messages,
 * retryability, fault, proto enum values, and how to handle the errors in TypeScript.
 *
 * The tables keep the vendor's columns, so `errcat import markdown` reads this page back.
 */
import type { CatalogEntry, CatalogModel, StatusSection } from "../catalog/model.js";
import { preambleLine } from "../emit/generated-file.js";
import { defineTarget, readOptions, type DocsSection } from "../target/define-target.js";
import { escapeParagraphs } from "./escape.js";
import { exampleMessage } from "../catalog/format.js";
import { markdownTemplates } from "./templates.js";

export const ERRORS_MD_PATH = "ERRORS.md";

export const markdownTarget = defineTarget({
  name: "markdown",
  description: "ERRORS.md: the reference page, with a section from each selected language target",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  generate: ({ model, preamble, docsSections }) => [{ path: ERRORS_MD_PATH, contents: renderErrorsPage(model, preamble, docsSections) }],
});

/** The whole page, as Markdown text ending in one newline. */
export function renderErrorsPage(model: CatalogModel, preamble: string, sections: readonly DocsSection[] = []): string {
  const taken = new Set(model.entries.map((e) => e.id));
  const anchor = (name: string) => {
    let candidate = name;
    while (taken.has(candidate)) candidate = `${candidate}-section`;
    taken.add(candidate);
    return candidate;
  };
  const view = {
    preamble: preambleLine(preamble, "html"),
    service: model.service,
    anchors: { wire: anchor("wire-message"), headers: anchor("request-headers") },
    wireMessage: wireMessageText(model),
    statuses: model.statuses.map((status) => ({
      ...status,
      anchor: anchor(`status-${status.httpStatus}`),
      prose: statusProse(status),
      table: statusTable(status, { showStatus: false, href: "" }),
      // Each language target's line for the entry (its class, its guard), in selection order.
      notes: status.entries.map((e) => sections.flatMap((s) => (s.entryNotes?.[e.id] !== undefined ? [s.entryNotes[e.id]!] : []))),
    })),
    sections: sections.map((s) => ({ title: s.title, anchor: anchor(s.anchor), markdown: s.markdown.replace(/\s+$/, "") })),
  };
  return tidyMarkdown(markdownTemplates().errorsPage(view));
}

export interface ErrorTableView {
  readonly rows: readonly CatalogEntry[];
  readonly showStatus: boolean;
  readonly showKeyState: boolean;
  /** Prefix of entry links: "" on the reference page itself, its relative path elsewhere. */
  readonly href: string;
}

/**
 * The table of a status: its coded entries, and its codeless one when coded entries share the status.
 * A status whose only entry is codeless has no table: its prose says it all, as on the vendor's page.
 */
export function statusTable(status: StatusSection, options: { showStatus: boolean; href: string }): ErrorTableView | undefined {
  if (!status.entries.some((e) => e.code !== undefined)) return undefined;
  return tableView(status.entries, options);
}

export function tableView(rows: readonly CatalogEntry[], options: { showStatus: boolean; href: string }): ErrorTableView {
  return { rows, showStatus: options.showStatus, showKeyState: rows.some((e) => e.keyState !== undefined), href: options.href };
}

/** Renders one error table (no surrounding blank lines). */
export function renderErrorTable(table: ErrorTableView): string {
  return compactEmptyCells(markdownTemplates().errorTable(table).replace(/\n+$/, ""));
}

/** `|  |` → `| |` in table rows: the compact table style markdownlint checks (cells hold no bare `|`). */
function compactEmptyCells(text: string): string {
  return text.replace(/^\|.*$/gm, (row) => row.replace(/(?<!\\)\| {2}(?=\|)/g, "| "));
}

/** The paragraphs under a status heading: its text, or for a prose-only status its entry's meaning and fix. */
function statusProse(status: StatusSection): string[] {
  if (status.text !== undefined) return escapeParagraphs(status.text);
  const codeless = status.entries.filter((e) => e.code === undefined);
  if (codeless.length === status.entries.length && codeless.length > 0) {
    return codeless.flatMap((e) => escapeParagraphs(`${e.meaning}\n${e.fix}`));
  }
  return [];
}

function wireMessageText(model: CatalogModel): string {
  const { wire } = model.service;
  const fields = wire.fields.map((f) => `  ${f.type} ${f.name} = ${f.number};`);
  return [`package ${wire.package};`, "", `message ${wire.message} {`, ...fields, "}"].join("\n");
}

/** One blank line between blocks, none at the end: what markdownlint asks for. */
function tidyMarkdown(text: string): string {
  return `${compactEmptyCells(text).replace(/\n{3,}/g, "\n\n").replace(/\s+$/, "")}\n`;
}
