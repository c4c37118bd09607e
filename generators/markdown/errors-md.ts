/**
 * out/<service>/ERRORS.md: the reference page of the catalog. It has what the vendor's page has (the
 * introduction, the wire message, a section and a table per status, the prose-only statuses) and what
 * that page lacks: contents, a stable anchor per entry (its id), placeholders, example messages,
 * retryability, fault, proto enum values, and how to handle the errors in TypeScript.
 *
 * The tables keep the vendor's columns, so `errcat import markdown` reads this page back.
 */
import type { CatalogEntry, CatalogModel, StatusSection } from "../catalog/model.js";
import { preambleLine, type Generator } from "../emit/generated-file.js";
import { escapeParagraphs } from "./escape.js";
import { exampleMessage } from "../catalog/format.js";
import { markdownTemplates } from "./templates.js";

export const ERRORS_MD_PATH = "ERRORS.md";

export const markdownGenerator: Generator = {
  name: "markdown",
  generate(model, { preamble }) {
    return [{ path: ERRORS_MD_PATH, contents: renderErrorsPage(model, preamble) }];
  },
};

/** The whole page, as Markdown text ending in one newline. */
export function renderErrorsPage(model: CatalogModel, preamble: string): string {
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
    anchors: { wire: anchor("wire-message"), headers: anchor("request-headers"), typescript: anchor("typescript") },
    wireMessage: wireMessageText(model),
    statuses: model.statuses.map((status) => ({
      ...status,
      anchor: anchor(`status-${status.httpStatus}`),
      prose: statusProse(status),
      table: statusTable(status, { showStatus: false, href: "" }),
    })),
    typescript: typescriptView(model),
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

function typescriptView(model: CatalogModel) {
  const prefix = model.service.prefix;
  const group = model.codes.find((c) => c.entries.length > 1) ?? model.codes[0];
  const withParams = model.entries.find((e) => e.code !== undefined && e.placeholders.length > 0);
  const retryable = model.codes.filter((c) => c.entries.some((e) => e.retryable)).map((c) => c.code);
  const guard = group ? `is${group.className}` : undefined;
  const imports = ["fromResponse", `is${prefix}Error`, ...(guard ? [guard] : []), ...(withParams ? ["formatMessage", "parseMessage"] : [])];
  const lines = [
    `import { ${imports.join(", ")} } from "./index.js";`,
    "",
    "const response = await fetch(request);",
    "if (!response.ok) {",
    "  const error = fromResponse({ status: response.status, body: new Uint8Array(await response.arrayBuffer()) });",
  ];
  if (group && guard) {
    lines.push(
      `  if (${guard}(error)) {`,
      `    // error.id is ${orList(group.entries.map((e) => JSON.stringify(e.id)))}; error.params holds the message's values.`,
      "    console.error(error.id, error.params);",
      "  }",
    );
  }
  lines.push(
    "  if (error.retryable) {",
    `    // ${retryable.length > 0 ? `${orList(retryable)}: retry` : "Retry"} with backoff.`,
    "  }",
    "  console.error(`${error.code ?? error.httpStatus}: ${error.meaning} ${error.fix} See ${error.docsUrl}`);",
    "  throw error;",
    "}",
    "",
    "// Errors are recognized by a brand, even across two copies of the generated module.",
    "function describe(e: unknown): string {",
    `  return is${prefix}Error(e) ? \`\${e.id ?? e.code} (request \${e.requestId})\` : String(e);`,
    "}",
  );
  if (withParams) {
    const message = exampleMessage(withParams);
    const params = `{ ${withParams.placeholders.map((p) => `${p.name}: ${JSON.stringify(p.example)}`).join(", ")} }`;
    lines.push(
      "",
      `parseMessage(${JSON.stringify(withParams.code)}, ${JSON.stringify(message)});`,
      `// → { id: ${JSON.stringify(withParams.id)}, params: ${params} }`,
      `formatMessage(${JSON.stringify(withParams.id)}, ${params});`,
      `// → ${JSON.stringify(message)}`,
    );
  }
  return { baseClass: `${prefix}Error`, codeType: `${prefix}ErrorCode`, example: lines.join("\n") };
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** One blank line between blocks, none at the end: what markdownlint asks for. */
function tidyMarkdown(text: string): string {
  return `${compactEmptyCells(text).replace(/\n{3,}/g, "\n\n").replace(/\s+$/, "")}\n`;
}
