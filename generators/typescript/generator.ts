/**
 * out/<service>/index.ts: the error classes, guards, entry table and response runtime. ts-morph
 * creates the file in one createSourceFile call with a writer function; the statements are built
 * as text, laid out as ts-morph lays out statement structures. Printing structures (one class and
 * one guard per code) cost more than the rest of the generator at 25,000 entries.
 */
import { IndentationText, Project, QuoteKind } from "ts-morph";
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { constantCase } from "../catalog/names.js";
import { preambleLine, type Generator } from "../emit/generated-file.js";
import { baseText, checkWireFields, classifyText, runtimeNames, wireText, type RuntimeNames } from "./runtime-text.js";

export const ENTRY_PATH = "index.ts";

export const typescriptGenerator: Generator = {
  name: "typescript",
  generate(model, { preamble }) {
    return [{ path: ENTRY_PATH, contents: typescriptIndex(model, preamble) }];
  },
};

/** The text of index.ts for a model, its first line the preamble. */
export function typescriptIndex(model: CatalogModel, preamble: string): string {
  checkWireFields(model.service);
  const n = runtimeNames(model.service.prefix, constantCase(model.service.name));
  const classes = errorClasses(model);
  const statements = new StatementList();
  statements.add("text", `${preambleLine(preamble, "slash")}\n/* eslint-disable */`);
  statements.add("text", wireText(model.service, n));
  typeStatements(statements, model, n);
  statements.add("text", baseText(model.service, n));
  statements.add("text", tableStatement(model, n));
  classStatements(statements, classes, n);
  statements.add("text", `/** A class with its name, its code, and its entries in match order. */\ntype ClassRow = readonly [typeof ${n.base}, string, string | undefined, readonly string[]];`);
  statements.add("text", classesStatement(classes, n));
  statements.add("text", classifyText(model.service, n));
  // Line breaks as the writer's write() would leave them.
  const text = statements.text().replace(/\r\n/g, "\n");
  // The project is local: it and the file's syntax tree are garbage once the text is out.
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  return project.createSourceFile(ENTRY_PATH, (writer) => {
    // write() scans every character to track indentation (a sixth of the generator's time at 25,000
    // entries); the text is laid out already, so unsafeInsert puts all but its last character as is.
    writer.write(text.slice(-1)).unsafeInsert(0, text.slice(0, -1));
  }).getFullText();
}

/**
 * Top-level statements joined as ts-morph joins statement structures: a blank line after a closing
 * brace and before a class, interface or function; otherwise a line break.
 */
class StatementList {
  private readonly chunks: string[] = [];
  private last = "";

  /** Adds a statement; "block" for a class, interface or function. */
  add(kind: "text" | "block", statement: string): void {
    if (this.chunks.length > 0) {
      const trimmed = this.last.trimEnd();
      if (kind === "block" || trimmed.endsWith("}")) this.chunks.push(blankLineAfter(this.last));
      else if (!endsWithNewLine(this.last)) this.chunks.push("\n");
    }
    this.chunks.push(statement);
    this.last = statement;
  }

  text(): string {
    if (!endsWithNewLine(this.last)) this.chunks.push("\n");
    const text = this.chunks.join("");
    this.chunks.length = 0;
    return text;
  }
}

function endsWithNewLine(s: string): boolean {
  return s.endsWith("\n") || s.endsWith("\r");
}

/** What makes s end with a blank line (two line breaks, ignoring carriage returns). */
function blankLineAfter(s: string): string {
  let breaks = 0;
  for (let i = s.length - 1; i >= 0 && breaks < 2; i--) {
    const c = s[i];
    if (c === "\n") breaks++;
    else if (c !== "\r") break;
  }
  if (breaks >= 2) return "";
  return endsWithNewLine(s) ? "\n" : "\n\n";
}

/** A JSDoc comment as ts-morph prints a docs string: one line, or a starred line per line. */
function jsDoc(text: string): string {
  const lines = text.split(/\r?\n/);
  if (lines.length <= 1) return lines[0] === "" || lines[0]!.endsWith(" ") ? `/** ${lines[0]}*/` : `/** ${lines[0]} */`;
  let out = "/**\n";
  for (let i = lines[0]!.length === 0 ? 1 : 0; i < lines.length; i++) out += lines[i]!.length > 0 ? ` * ${lines[i]}\n` : " *\n";
  return `${out} */`;
}

/**
 * A const statement whose initializer is a bracketed list of lines. Written as text: ts-morph gives a
 * multi-line initializer a hanging indent.
 */
function constStatement(o: { docs: string; exported: boolean; name: string; type?: string; open: string; lines: readonly string[]; close: string }): string {
  const body = o.lines.length === 0 ? "" : `  ${o.lines.join("\n  ")}`;
  return `/** ${o.docs} */\n${o.exported ? "export " : ""}const ${o.name}${o.type === undefined ? "" : `: ${o.type}`} = ${o.open}\n${body}\n${o.close};`;
}

/** A string as a TypeScript literal. */
const lit = (s: string) => JSON.stringify(s);

/** Text safe inside a JSDoc comment. */
const doc = (s: string) => s.replace(/\*\//g, "*\\/");

/** The classes of the model: one per code, one per codeless entry, in catalog order. */
interface ErrorClass {
  readonly className: string;
  readonly code: string | undefined;
  readonly entries: readonly CatalogEntry[];
  /** The entries' ids as a union type. */
  readonly ids: string;
}

function errorClasses(model: CatalogModel): ErrorClass[] {
  const out: ErrorClass[] = [];
  const groups = new Map(model.codes.map((g) => [g.code, g]));
  for (const entry of model.entries) {
    if (entry.code === undefined) {
      out.push({ className: entry.names.className, code: undefined, entries: [entry], ids: lit(entry.id) });
      continue;
    }
    const group = groups.get(entry.code);
    // A code's class comes where its first entry is; delete marks the code as placed.
    if (group === undefined) continue;
    groups.delete(entry.code);
    out.push({ className: group.className, code: group.code, entries: group.entries, ids: idUnion(group.entries) });
  }
  return out;
}

function idUnion(entries: readonly CatalogEntry[]): string {
  return entries.map((e) => lit(e.id)).join(" | ");
}

function typeStatements(statements: StatementList, model: CatalogModel, n: RuntimeNames): void {
  const codes = model.codes;
  statements.add("text", `/** An ErrorCode the catalog knows. */\nexport type ${n.code} = ${codes.length === 0 ? "never" : codes.map((c) => lit(c.code)).join(" | ")};`);
  statements.add("text", constStatement({
    docs: "The catalog's ErrorCodes by name, to compare with `error.code`.",
    exported: true,
    name: n.code,
    open: "{",
    lines: codes.map((c) => `${c.constName}: ${lit(c.code)},`),
    close: "} as const",
  }));
  statements.add("text", `/** The id of a catalog entry: one per (code, message) pair. */\nexport type ${n.id} = ${model.entries.length === 0 ? "never" : idUnion(model.entries)};`);
  const properties = model.entries.map((e) => {
    const type = e.placeholders.length === 0
      ? "Readonly<Record<string, never>>"
      : `{ ${e.placeholders.map((p) => `readonly ${p.name}: string;`).join(" ")} }`;
    return `  readonly ${lit(e.id)}: ${type};\n`;
  });
  statements.add("block", `/** The placeholder values of each entry's message. */\nexport interface ${n.params} {\n${properties.join("")}}`);
}

/**
 * The entry table. Each code is written `as const`: tsc scans the whole code union for every string
 * whose contextual type it is, which is quadratic at tens of thousands of codes.
 */
function tableStatement(model: CatalogModel, n: RuntimeNames): string {
  const entryText = (e: CatalogEntry) => {
    const parts: string[] = [];
    const names: string[] = [];
    if (e.segments.length > 0) {
      let text = "";
      for (const s of e.segments) {
        if (s.kind === "literal") text += s.text;
        else {
          parts.push(text);
          names.push(s.name);
          text = "";
        }
      }
      parts.push(text);
    }
    return `${lit(e.id)}: {
    code: ${e.code === undefined ? "undefined" : `${lit(e.code)} as const`},
    httpStatus: ${e.httpStatus},
    retryable: ${e.retryable},
    fault: ${lit(e.fault)},
    keyState: ${e.keyState === undefined ? "undefined" : lit(e.keyState)},
    meaning: ${lit(e.meaning)},
    fix: ${lit(e.fix)},
    parts: [${parts.map(lit).join(", ")}],
    placeholders: [${names.map(lit).join(", ")}],
  },`;
  };
  return constStatement({
    docs: "Every catalog entry by id: what it means, how to fix it, and its message pattern.",
    exported: true,
    name: n.table,
    type: `{ readonly [I in ${n.id}]: ${n.info} }`,
    open: "{",
    lines: model.entries.map(entryText),
    close: "}",
  });
}

function classStatements(statements: StatementList, classes: readonly ErrorClass[], n: RuntimeNames): void {
  for (const c of classes) {
    const ids = c.ids;
    const statuses = [...new Set(c.entries.map((e) => e.httpStatus))].join(", ");
    const first = c.entries[0]!;
    const summary = c.code === undefined
      ? `HTTP ${statuses} (no error code): ${doc(first.meaning)}`
      : `\`${doc(c.code)}\` (HTTP ${statuses}). Messages: ${c.entries.map((e) => `\`${e.id}\``).join(", ")}.`;
    const idType = c.code === undefined ? ids : `${ids} | undefined`;
    statements.add("block", `${jsDoc(summary)}
export class ${c.className} extends ${n.base} {
  declare readonly code: ${c.code === undefined ? "undefined" : `${lit(c.code)} | undefined`};
  declare readonly id: ${idType};
}`);
    statements.add("block", `/** True when x is a ${c.className}, made by this copy of the module or another; narrow on \`id\` to read typed params. */
export function is${c.className}(x: unknown): x is ${c.className} & ${n.variant}<${idType}> {
  return brand(x) === ${lit(c.className)};
}`);
  }
}

/**
 * Every class's row. Each row is cast to ClassRow: rows of distinct tuple types would make tsc compare
 * them pairwise, which fails ("union type too complex") from about 1,400 codes. The entry ids are typed
 * string, not the id union, for the quadratic scan described at tableStatement.
 */
function classesStatement(classes: readonly ErrorClass[], n: RuntimeNames): string {
  const rows = [
    `[${n.base}, ${lit(n.base)}, undefined, []] as ClassRow,`,
    `[${n.unknown}, ${lit(n.unknown)}, undefined, []] as ClassRow,`,
    ...classes.map((c) =>
      `[${c.className}, ${lit(c.className)}, ${c.code === undefined ? "undefined" : lit(c.code)}, [${c.entries.map((e) => lit(e.id)).join(", ")}]] as ClassRow,`),
  ];
  return constStatement({
    docs: "Each class's row, in catalog order.",
    exported: false,
    name: "CLASSES",
    type: "readonly ClassRow[]",
    open: "[",
    lines: rows,
    close: "]",
  });
}
