/**
 * out/<service>/ERRORS.md: the reference page of the catalog. It has what the vendor's page has (the
 * introduction, the wire message, a section and a table per status, the prose-only statuses) and what
 * that page lacks: contents, how to handle an error and the key states as diagrams, a stable anchor per
 * entry (its id), placeholders, example messages, retryability, fault, proto enum values, and a
 * section from each language target on handling the errors in that language.
 *
 * The tables keep the vendor's columns, so `errcat import markdown` reads this page back.
 */
import type { Provenance, CatalogEntry, CatalogModel, StatusSection } from "../catalog/model.js";
import { preambleLine } from "../emit/generated-file.js";
import { defineTarget, readOptions, type DocsSection } from "../target/define-target.js";
import { escapeLine, escapeParagraphs, linkedParagraphs, textLines } from "./escape.js";
import { compactEmptyCells, renderErrorTable, statusTable } from "./error-table.js";
import { handlingDiagram, keyStateDiagram, type DiagramLine, type HandlingAction } from "./diagrams.js";
import { handlingMermaid, keyStateMermaid } from "./mermaid.js";
import { entryLinks, followableUrl, pieceLines } from "./links.js";
import { markdownTemplates } from "./templates.js";
import { operationsMarkdown, OPERATIONS_ANCHOR } from "./operations.js";
import { provenanceMarkdown, sourceText, usualSource } from "./provenance.js";

export const ERRORS_MD_PATH = "ERRORS.md";

export const markdownTarget = defineTarget({
  name: "markdown",
  description: "ERRORS.md: the reference page, with diagrams and a section from each selected language target",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  generate: ({ model, preamble, docsSections }) => [{ path: ERRORS_MD_PATH, contents: renderErrorsPage(model, preamble, docsSections) }],
});

/** The anchors of the page's own sections; an entry id that takes one pushes the section's to `…-section`. */
export function pageAnchors(model: CatalogModel, sections: readonly DocsSection[] = []) {
  const taken = new Set(model.entries.map((e) => e.id));
  const anchor = (name: string) => {
    let candidate = name;
    while (taken.has(candidate)) candidate = `${candidate}-section`;
    taken.add(candidate);
    return candidate;
  };
  return {
    wire: anchor("wire-message"),
    headers: anchor("request-headers"),
    handling: anchor("handling"),
    keyStates: anchor("key-states"),
    operations: anchor(OPERATIONS_ANCHOR),
    statuses: new Map(model.statuses.map((s) => [s.httpStatus, anchor(`status-${s.httpStatus}`)])),
    sections: sections.map((s) => anchor(s.anchor)),
  };
}

/** The whole page, as Markdown text ending in one newline. */
export function renderErrorsPage(model: CatalogModel, preamble: string, sections: readonly DocsSection[] = []): string {
  const anchors = pageAnchors(model, sections);
  const keyStates = keyStateDiagram(model);
  const usual = usualSource(model.entries);
  const view = {
    usualSource: usual && sourceText(usual),
    preamble: preambleLine(preamble, "html"),
    service: model.service,
    anchors,
    wireMessage: wireMessageText(model),
    handling: { anchor: anchors.handling, mermaid: handlingMermaid(handlingDiagram(model)), groups: handlingGroups(model, "") },
    keyStates: keyStates && { anchor: anchors.keyStates, mermaid: keyStateMermaid(keyStates) },
    operations: model.operations.length === 0 ? undefined : { anchor: anchors.operations, markdown: operationsMarkdown(model) },
    statuses: model.statuses.map((status) => {
      const anchor = anchors.statuses.get(status.httpStatus)!;
      const table = statusTable(status, "");
      return {
        ...status,
        anchor,
        prose: statusProse(status),
        table: table && renderErrorTable(table),
        entries: status.entries.map((e) => entryView(e, status, {
          href: "",
          // Each language target's line for the entry (its class, its guard), in selection order.
          notes: sections.flatMap((s) => (s.entryNotes?.[e.id] !== undefined ? [s.entryNotes[e.id]!] : [])),
          proseAnchor: saysNothingNew(e, status) ? anchor : undefined,
          usualSource: usual,
        })),
      };
    }),
    sections: sections.map((s, i) => ({ title: s.title, anchor: anchors.sections[i]!, markdown: s.markdown.replace(/\s+$/, "") })),
  };
  return tidyMarkdown(markdownTemplates().errorsPage(view));
}

export interface EntryView {
  readonly entry: CatalogEntry;
  readonly statusTitle: string;
  readonly notes: readonly string[];
  /** Set when the status's text already says the entry's meaning and fix: the anchor of that text. */
  readonly proseAnchor: string | undefined;
  readonly meaning: readonly string[];
  readonly fix: readonly string[];
  readonly seeAlso: readonly string[];
  /** Where the entry's facts come from, when the catalog names sources ("" otherwise). */
  readonly provenance: string;
}

/** What the details of an entry show, rendered; `href` prefixes links to the reference page. */
export function entryView(entry: CatalogEntry, status: StatusSection, options: { href: string; notes: readonly string[]; proseAnchor: string | undefined; usualSource?: Provenance | undefined }): EntryView {
  const links = entryLinks(entry);
  return {
    entry,
    statusTitle: status.title,
    notes: options.notes,
    proseAnchor: options.proseAnchor === undefined ? undefined : `${options.href}#${options.proseAnchor}`,
    meaning: linkedParagraphs(pieceLines(links.meaning)),
    fix: linkedParagraphs(pieceLines(links.fix)),
    seeAlso: links.seeAlso.map((l) => {
      const url = followableUrl(l.url);
      return url === undefined ? escapeLine(l.title) : `[${escapeLine(l.title)}](<${url}>)`;
    }),
    provenance: provenanceMarkdown(entry, options.usualSource),
  };
}

/** An entry's details (its list, placeholders, meaning, fix and links), without anchor and heading. */
export function renderEntryDetails(view: EntryView): string {
  return tidyMarkdown(markdownTemplates().entryDetails(view)).replace(/\n$/, "");
}

/**
 * Whether the status's prose already says the entry's meaning and fix (the 413 case): every line of
 * them is a line of the status's text, or the status has no text and its prose is its entries' own.
 */
export function saysNothingNew(entry: CatalogEntry, status: StatusSection): boolean {
  const said = statusSays(status);
  if (typeof said === "boolean") return said;
  return textLines(`${entry.meaning}\n${entry.fix}`).every((l) => l.trim().length === 0 || said.has(l.trim()));
}

// Once per status, not once per entry: a status of 2,500 entries would otherwise be read 2,500 times.
const statusLines = new WeakMap<StatusSection, ReadonlySet<string> | boolean>();

/** The lines a status's text says; without a text, whether it has prose of its own (its entries' meaning and fix). */
function statusSays(status: StatusSection): ReadonlySet<string> | boolean {
  let said = statusLines.get(status);
  if (said === undefined) {
    said = status.text === undefined ? statusProse(status).length > 0 : new Set(textLines(status.text).map((l) => l.trim()));
    statusLines.set(status, said);
  }
  return said;
}

/** Each box of the handling flowchart as a Markdown line: its title, its codes linked to their entries, and the unlisted codes. */
export function handlingGroups(model: CatalogModel, href: string): string[] {
  const diagram = handlingDiagram(model);
  const actions: HandlingAction[] = [...diagram.questions.map((q) => q.action), diagram.last];
  return actions.map((a) => {
    const listed = a.lines.filter((l) => l.anchor !== undefined).map((l) => diagramLink(l, href));
    const unlisted = a.lines.filter((l) => l.anchor === undefined).map((l) => escapeLine(l.text));
    return `**${escapeLine(a.title)}**: ${[listed.join(", "), ...unlisted].filter((t) => t.length > 0).join("; ")}`;
  });
}

function diagramLink(line: DiagramLine, href: string): string {
  return `[${escapeLine(line.text)}](${href}#${line.anchor!})`;
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
  // trimEnd() strips what /\s+$/ matches, without trying the pattern at every space of a large page.
  return `${compactEmptyCells(text).replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
