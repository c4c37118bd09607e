/**
 * errors.html (the html target's page), the reference as one self-contained page for an internal portal.
 * Everything is inline (the diagrams as SVG, the style, a small search script that a Content Security
 * Policy pins by hash), so it works offline, from file://, and loads nothing. Each entry has its id as
 * anchor, as on ERRORS.md; a search box filters the entries by code, message and status; printing
 * gives every entry without the page's controls.
 */
import { createHash } from "node:crypto";
import type Handlebars from "handlebars";
import { compileTemplate, templateEnvironment, templateGeneration, templateText } from "../emit/templates.js";
import type { CatalogEntry, CatalogModel, StatusSection } from "../catalog/model.js";
import { exampleMessage } from "../catalog/format.js";
import { printPattern } from "../catalog/pattern.js";
import { ERROR_CODE_ENUM, enumValueName } from "../catalog/names.js";
import type { DocsSection } from "../target/define-target.js";
import { handlingDiagram, keyStateDiagram, type HandlingAction } from "../markdown/diagrams.js";
import { handlingMermaid, keyStateMermaid } from "../markdown/mermaid.js";
import { entryLinks, followableUrl, pieceLines, type TextPiece } from "../markdown/links.js";
import { pageAnchors, saysNothingNew } from "../markdown/errors-md.js";
import { escapeHtml } from "./html-escape.js";
import { handlingSvg, keyStateSvg } from "./svg.js";
import { inlineMarkdownToHtml, markdownToHtml } from "./markdown-html.js";

interface PageAssets {
  readonly page: Handlebars.TemplateDelegate;
  readonly style: string;
  readonly script: string;
}

let assets: (PageAssets & { generation: number }) | undefined;

function pageAssets(): PageAssets {
  if (assets && assets.generation === templateGeneration()) return assets;
  const hbs = templateEnvironment();
  // Catalog text goes through escapeHtml; already-rendered HTML is written with {{{…}}}.
  hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hbs.registerHelper("text", (value: unknown) => new hbs.SafeString(escapeHtml(value === undefined || value === null ? "" : String(value))));
  const read = (name: string) => templateText(name);
  assets = { page: compileTemplate(hbs, "errors.html.hbs"), style: read("errors-page.css"), script: read("errors-page.js"), generation: templateGeneration() };
  return assets;
}

/** The whole page, ending in one newline. */
export function renderErrorsHtml(model: CatalogModel, preamble: string, sections: readonly DocsSection[] = []): string {
  const { page, style, script } = pageAssets();
  const anchors = pageAnchors(model, sections);
  const handling = handlingDiagram(model);
  const keyStates = keyStateDiagram(model);
  const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
  const view = {
    // `--` cannot appear inside an HTML comment.
    preamble: preamble.replace(/--/g, "- -"),
    csp: `default-src 'none'; style-src ${hash(style)}; script-src ${hash(script)}; img-src data:; base-uri 'none'; form-action 'none'`,
    style,
    script,
    service: model.service,
    introduction: paragraphs(model.service.introduction),
    scope: model.service.scope === undefined ? [] : paragraphs(model.service.scope),
    entryCount: model.entries.length,
    anchors,
    wire: wireMessageText(model),
    handling: {
      svg: handlingSvg(handling),
      mermaid: handlingMermaid(handling),
      groups: [...handling.questions.map((q) => q.action), handling.last].map(actionView),
    },
    keyStates: keyStates && { svg: keyStateSvg(keyStates), mermaid: keyStateMermaid(keyStates) },
    statuses: model.statuses.filter((s) => s.entries.length > 0).map((status) => ({
      httpStatus: status.httpStatus,
      title: status.title,
      anchor: anchors.statuses.get(status.httpStatus)!,
      prose: status.text === undefined ? [] : paragraphs(status.text),
      entries: status.entries.map((e) => entryView(e, status, anchors.statuses.get(status.httpStatus)!, sections)),
    })),
    sections: sections.map((s, i) => ({ title: s.title, anchor: anchors.sections[i]!, html: markdownToHtml(s.markdown) })),
  };
  return page(view);
}

function entryView(entry: CatalogEntry, status: StatusSection, statusAnchor: string, sections: readonly DocsSection[]) {
  const links = entryLinks(entry);
  const message = entry.code === undefined ? undefined : printPattern(entry.segments);
  const example = entry.code === undefined ? undefined : exampleMessage(entry);
  // What the search box matches: the code, the status, the id and the message (pattern and example), in lower case.
  const search = [entry.code ?? "", String(entry.httpStatus), `${Math.floor(entry.httpStatus / 100)}xx`, entry.id, message ?? "", example ?? "", status.title]
    .join("\n").toLowerCase();
  return {
    entry,
    title: entry.code ?? "No error code",
    search,
    message,
    example,
    statusTitle: status.title,
    statusAnchor,
    enumValue: `${enumValueName(ERROR_CODE_ENUM, entry.id)} = ${entry.number}`,
    notes: sections.flatMap((s) => (s.entryNotes?.[entry.id] !== undefined ? [inlineMarkdownToHtml(s.entryNotes[entry.id]!)] : [])),
    // The 413 case: the status's text already says the entry's meaning and fix.
    repeatsStatus: status.text !== undefined && saysNothingNew(entry, status),
    meaning: linkedParagraphsHtml(links.meaning),
    fix: linkedParagraphsHtml(links.fix),
    seeAlso: links.seeAlso.map((l) => {
      const url = followableUrl(l.url);
      return url === undefined ? escapeHtml(l.title) : `<a href="${escapeHtml(url)}">${escapeHtml(l.title)}</a>`;
    }),
  };
}

function actionView(action: HandlingAction) {
  return {
    title: action.title,
    key: action.key,
    lines: action.lines.map((l) => (l.anchor !== undefined ? `<a href="#${escapeHtml(l.anchor)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text))),
  };
}

/** Text as paragraphs, one per non-empty line (as on ERRORS.md). */
function paragraphs(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => l.trim().length > 0);
}

function linkedParagraphsHtml(pieces: readonly TextPiece[]): string[] {
  return pieceLines(pieces).map((line) => line.map((p) => (p.url === undefined ? escapeHtml(p.text) : `<a href="${escapeHtml(p.url)}">${escapeHtml(p.text)}</a>`)).join(""));
}

function wireMessageText(model: CatalogModel): string {
  const { wire } = model.service;
  return [`package ${wire.package};`, "", `message ${wire.message} {`, ...wire.fields.map((f) => `  ${f.type} ${f.name} = ${f.number};`), "}"].join("\n");
}
