/**
 * The Handlebars environment of the Markdown target: a private instance (so no other generator's
 * helpers or partials leak in), the templates of templates/, and the helpers that hold the logic —
 * escaping, anchors, names — so that templates hold layout only.
 */
import type Handlebars from "handlebars";
import { compileTemplate, templateEnvironment, templateGeneration } from "../emit/templates.js";
import type { CatalogEntry, MessageSegment } from "../catalog/model.js";
import { exampleMessage } from "../catalog/format.js";
import { printPattern } from "../catalog/pattern.js";
import { ERROR_CODE_ENUM, enumValueName } from "../catalog/names.js";
import { codeSpan, escapeCell, escapeLine, escapeParagraphs } from "./escape.js";


export interface MarkdownTemplates {
  readonly errorsPage: Handlebars.TemplateDelegate;
  readonly errorTable: Handlebars.TemplateDelegate;
  readonly entryDetails: Handlebars.TemplateDelegate;
}

let cached: { templates: MarkdownTemplates; generation: number } | undefined;

/** Compiles the templates once (until the overrides change); read from templates/ or the config's override folder. */
export function markdownTemplates(): MarkdownTemplates {
  if (cached && cached.generation === templateGeneration()) return cached.templates;
  const hbs = templateEnvironment();
  registerHelpers(hbs);
  // The partial first: an override's calls are checked against what the environment has when it is compiled.
  const entryDetails = compileTemplate(hbs, "entry-details.md.hbs");
  hbs.registerPartial("entryDetails", entryDetails);
  const errorTable = compileTemplate(hbs, "error-table.md.hbs");
  const templates = { errorsPage: compileTemplate(hbs, "errors.md.hbs"), errorTable, entryDetails };
  cached = { templates, generation: templateGeneration() };
  return templates;
}

/** An HTML anchor that Markdown renderers and markdownlint both honour; ids are kebab-case. */
export function anchorTag(id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) throw new Error(`not a safe anchor id: ${JSON.stringify(id)}`);
  return `<a id="${id}"></a>`;
}


/** The message pattern in catalog syntax (`<placeholder>`, `\<` for a literal `<`). */
export function patternText(segments: readonly MessageSegment[]): string {
  return printPattern(segments);
}

/** `InvalidApiName (invalid-api-name)`: unique per page, since ids are. */
export function entryTitle(entry: CatalogEntry): string {
  return `${entry.code ?? "No error code"} (${entry.id})`;
}

/** A fenced code block whose fence is longer than any backtick run in the code. */
export function codeBlock(language: string, code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${code.replace(/\n$/, "")}\n${fence}`;
}

function registerHelpers(hbs: typeof Handlebars): void {
  const helpers: Record<string, (...args: never[]) => unknown> = {
    line: (text: string) => escapeLine(text),
    cell: (text: string | undefined) => escapeCell(text ?? ""),
    paragraphs: (text: string | undefined) => (text === undefined ? [] : escapeParagraphs(text)),
    codeSpan: (text: string) => codeSpan(text),
    codeCell: (text: string) => codeSpan(text, true),
    codeBlock: (language: string, code: string) => codeBlock(language, code),
    anchorTag: (id: string) => anchorTag(id),
    entryTitle: (entry: CatalogEntry) => escapeLine(entryTitle(entry)),
    patternText: (entry: CatalogEntry) => patternText(entry.segments),
    exampleMessage: (entry: CatalogEntry) => exampleMessage(entry),
    enumValue: (entry: CatalogEntry) => `${enumValueName(ERROR_CODE_ENUM, entry.id)} = ${entry.number}`,
    placeholderText: (text: string) => `<${text}>`,
    isClientFault: (fault: string) => fault === "client",
  };
  for (const [name, fn] of Object.entries(helpers)) {
    // Handlebars passes its options object last; helpers here take only their declared arguments.
    hbs.registerHelper(name, (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args.slice(0, fn.length)));
  }
}
