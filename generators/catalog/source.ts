/**
 * A catalog file parsed with positions: the YAML document, its line counter, and a way to find the
 * line and column of any path in it.
 */
import { createRequire } from "node:module";
import type { Document, LineCounter, Node, YAMLError } from "yaml";

// Loaded on first use: a valid catalog is read on the fast path (fast-yaml.ts) and never needs
// positions, so `errcat validate` and `generate` skip loading this parser.
let yamlModule: typeof import("yaml") | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));
const isMap = (n: unknown) => yaml().isMap(n);
const isScalar = (n: unknown) => yaml().isScalar(n);
const isSeq = (n: unknown) => yaml().isSeq(n);
import type { Diagnostic } from "./diagnostics.js";
import type { RuleId } from "./rules.js";

export type DataPath = readonly (string | number)[];

export interface CatalogSource {
  /** The path as the user gave it, used in diagnostics and the generated headers. */
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The parsed data, or undefined when YAML itself failed. */
  readonly data: unknown;
}

export function parseCatalogSource(file: string, text: string): { source: CatalogSource; diagnostics: Diagnostic[] } {
  const lineCounter = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = [];
  for (const error of reportedYamlErrors([...document.errors, ...document.warnings])) {
    const unclosedQuote = error.code === "MISSING_CHAR" && /quote/.test(error.message);
    const start = unclosedQuote ? unclosedQuoteStart(document, error.pos[0]) : error.pos[0];
    const { line, col } = lineCounter.linePos(start);
    const firstLine = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    const duplicate = error.code === "DUPLICATE_KEY" ? duplicateKeyText(text, error.pos[0]) : undefined;
    diagnostics.push({
      file,
      line,
      column: col,
      rule: "yaml-syntax",
      message: duplicate !== undefined
        ? `YAML: key \`${duplicate}\` appears twice in this mapping: remove or rename one of the two`
        : unclosedQuote
          ? "YAML: this quoted text is never closed: add the closing quote at its end"
          : error.code === "MULTIPLE_DOCS"
            ? "YAML: a catalog is one YAML document, but this `---` starts a second: remove it and what follows, or merge the two"
            : /Maximum call stack/.test(firstLine)
              ? "YAML: the document nests too deep to read: a catalog needs only a few levels of indentation and brackets"
              : `YAML: ${firstLine}${yamlHint(error.code)}`,
    });
  }
  let data: unknown;
  if (document.errors.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // yaml throws here, not in document.errors, for an alias without its anchor and for an alias bomb.
      diagnostics.push(aliasDiagnostic(file, document, lineCounter, error));
    }
  }
  return { source: { file, text, document, lineCounter, data }, diagnostics };
}

/** The diagnostic for an alias that toJS refused: at the alias without an anchor, else at the first alias. */
function aliasDiagnostic(file: string, document: Document.Parsed, lineCounter: LineCounter, error: unknown): Diagnostic {
  const unresolved = error instanceof Error && /^Unresolved alias/.test(error.message);
  let at: { offset: number; name: string } | undefined;
  yaml().visit(document, {
    Alias(_key, node) {
      if (at !== undefined || !node.range) return;
      if (!unresolved || node.resolve(document) === undefined) at = { offset: node.range[0], name: node.source };
    },
  });
  const { line, col } = lineCounter.linePos(at?.offset ?? 0);
  return {
    file,
    line,
    column: col,
    rule: "yaml-syntax",
    message: unresolved
      ? `YAML: alias \`*${at?.name ?? ""}\` names no anchor set before it: add \`&${at?.name ?? ""}\` to the value it stands for, or write the value here`
      : "YAML: these aliases expand to too many values (more than 100 alias uses): write the values out instead of repeating aliases",
  };
}

/**
 * Which YAML errors to report. After most syntax errors the parser's recovery misreads what follows, so
 * only the first of those is reported; duplicate keys and tab indents do not derail it and are all
 * reported, and after a tab indent nothing else is (everything below it is misread).
 */
function reportedYamlErrors(errors: readonly YAMLError[]): YAMLError[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const independent = sorted.filter((e) => e.code === "DUPLICATE_KEY" || e.code === "TAB_AS_INDENT");
  const firstOther = sorted.find((e) => !independent.includes(e));
  const tabs = independent.some((e) => e.code === "TAB_AS_INDENT");
  return firstOther === undefined || tabs ? independent : [...independent, firstOther].sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Where a quoted scalar that runs to the end of the file opens (yaml reports the end of the file). */
function unclosedQuoteStart(document: Document.Parsed, fallback: number): number {
  let start = fallback;
  yaml().visit(document, {
    Scalar(_key, node) {
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range && node.range[1] >= fallback && node.range[0] < start) {
        start = node.range[0];
      }
    },
  });
  return start;
}

/** The text of the key at `offset` (a plain or quoted key on one line). */
function duplicateKeyText(text: string, offset: number): string | undefined {
  const match = /^("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(text.slice(offset));
  return match ? match[1] : undefined;
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return ": remove or rename one of the two keys";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return ": check the indentation and the punctuation of this line";
    case "TAB_AS_INDENT":
      return ": indent with spaces (YAML does not allow tabs there)";
    default:
      return "";
  }
}

/** The YAML node at a data path, the deepest existing ancestor if the path is missing, and whether it was found. */
export function nodeAt(source: CatalogSource, path: DataPath, which: "value" | "key" = "value"): { node: Node | undefined; found: boolean } {
  let node: unknown = source.document.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node: node as Node, found: false };
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) return { node: node as Node, found: false };
      keyNode = undefined;
      node = item;
    } else {
      return { node: node as Node | undefined, found: false };
    }
  }
  if (which === "key" && keyNode) return { node: keyNode as Node, found: true };
  return { node: node as Node | undefined, found: true };
}

/** 1-based line and column of a node's start (1:1 for a missing node). */
export function positionOf(source: CatalogSource, node: Node | undefined, offsetInValue = 0): { line: number; column: number } {
  const start = node?.range?.[0];
  if (start === undefined) return { line: 1, column: 1 };
  const { line, col } = source.lineCounter.linePos(start + valueOffsetToSource(source, node, offsetInValue));
  return { line, column: col };
}

/**
 * Maps an offset in a scalar's value to an offset from the node's start, where the source writes the
 * value as is (plain or quoted on one line, without escapes); otherwise points at the node.
 */
function valueOffsetToSource(source: CatalogSource, node: Node | undefined, offset: number): number {
  if (offset === 0 || !node || !isScalar(node) || typeof node.value !== "string" || !node.range) return 0;
  const raw = source.text.slice(node.range[0], node.range[1]);
  if (node.type === "PLAIN" && raw === node.value) return offset;
  if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && raw.slice(1, -1) === node.value) return offset + 1;
  return 0;
}

/** A diagnostic at a data path. */
export function diagnosticAt(
  source: CatalogSource,
  path: DataPath,
  rule: RuleId | "",
  message: string,
  options: { which?: "value" | "key"; offsetInValue?: number } = {},
): Diagnostic {
  const { node } = nodeAt(source, path, options.which ?? "value");
  const { line, column } = positionOf(source, node, options.offsetInValue ?? 0);
  return { file: source.file, line, column, rule, message };
}
