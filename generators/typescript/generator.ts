/**
 * out/<service>/index.ts: the error classes, guards, entry table and response runtime, built with
 * ts-morph in one createSourceFile call from plain structures (adding classes one by one is quadratic).
 */
import {
  IndentationText,
  Project,
  QuoteKind,
  StructureKind,
  type StatementStructures,
} from "ts-morph";
import type { CatalogEntry, CatalogModel, ErrorCodeGroup } from "../catalog/model.js";
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
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  const file = project.createSourceFile(ENTRY_PATH, {
    statements: [
      `${preambleLine(preamble, "slash")}\n/* eslint-disable */`,
      wireText(model.service, n),
      ...typeStatements(model, n),
      baseText(model.service, n),
      tableStatement(model, n),
      ...classStatements(model, n),
      classesStatement(model, n),
      classifyText(model.service, n),
    ],
  });
  return file.getFullText();
}

/**
 * A const statement whose initializer is a bracketed list of lines. Written as text: ts-morph gives a
 * multi-line initializer a hanging indent.
 */
function constStatement(o: { docs: string; exported: boolean; name: string; type?: string; open: string; lines: readonly string[]; close: string }): string {
  const body = o.lines.map((l) => `  ${l}`).join("\n");
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
}

function errorClasses(model: CatalogModel): ErrorClass[] {
  const out: ErrorClass[] = [];
  const byCode = new Map<string, ErrorCodeGroup>(model.codes.map((g) => [g.code, g]));
  for (const entry of model.entries) {
    if (entry.code === undefined) out.push({ className: entry.names.className, code: undefined, entries: [entry] });
    else if (!out.some((c) => c.code === entry.code)) {
      const group = byCode.get(entry.code)!;
      out.push({ className: group.className, code: group.code, entries: group.entries });
    }
  }
  return out;
}

function idUnion(entries: readonly CatalogEntry[]): string {
  return entries.map((e) => lit(e.id)).join(" | ");
}

function typeStatements(model: CatalogModel, n: RuntimeNames): (string | StatementStructures)[] {
  const codes = model.codes;
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: n.code,
      docs: ["An ErrorCode the catalog knows."],
      type: codes.length === 0 ? "never" : codes.map((c) => lit(c.code)).join(" | "),
    },
    constStatement({
      docs: "The catalog's ErrorCodes by name, to compare with `error.code`.",
      exported: true,
      name: n.code,
      open: "{",
      lines: codes.map((c) => `${c.constName}: ${lit(c.code)},`),
      close: "} as const",
    }),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: n.id,
      docs: ["The id of a catalog entry: one per (code, message) pair."],
      type: model.entries.length === 0 ? "never" : idUnion(model.entries),
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: n.params,
      docs: ["The placeholder values of each entry's message."],
      properties: model.entries.map((e) => ({
        name: lit(e.id),
        isReadonly: true,
        type: e.placeholders.length === 0
          ? "Readonly<Record<string, never>>"
          : `{ ${e.placeholders.map((p) => `readonly ${p.name}: string;`).join(" ")} }`,
      })),
    },
  ];
}

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
    return [
      `${lit(e.id)}: {`,
      `  code: ${e.code === undefined ? "undefined" : lit(e.code)},`,
      `  httpStatus: ${e.httpStatus},`,
      `  retryable: ${e.retryable},`,
      `  fault: ${lit(e.fault)},`,
      `  keyState: ${e.keyState === undefined ? "undefined" : lit(e.keyState)},`,
      `  meaning: ${lit(e.meaning)},`,
      `  fix: ${lit(e.fix)},`,
      `  parts: [${parts.map(lit).join(", ")}],`,
      `  placeholders: [${names.map(lit).join(", ")}],`,
      `},`,
    ];
  };
  return constStatement({
    docs: "Every catalog entry by id: what it means, how to fix it, and its message pattern.",
    exported: true,
    name: n.table,
    type: `{ readonly [I in ${n.id}]: ${n.info} }`,
    open: "{",
    lines: model.entries.flatMap(entryText),
    close: "}",
  });
}

function classStatements(model: CatalogModel, n: RuntimeNames): (string | StatementStructures)[] {
  const out: (string | StatementStructures)[] = [];
  for (const c of errorClasses(model)) {
    const ids = idUnion(c.entries);
    const statuses = [...new Set(c.entries.map((e) => e.httpStatus))].join(", ");
    const first = c.entries[0]!;
    const summary = c.code === undefined
      ? `HTTP ${statuses} (no error code): ${doc(first.meaning)}`
      : `\`${doc(c.code)}\` (HTTP ${statuses}). Messages: ${c.entries.map((e) => `\`${e.id}\``).join(", ")}.`;
    out.push({
      kind: StructureKind.Class,
      isExported: true,
      name: c.className,
      extends: n.base,
      docs: [summary],
      properties: [
        { name: "code", hasDeclareKeyword: true, isReadonly: true, type: c.code === undefined ? "undefined" : `${lit(c.code)} | undefined` },
        { name: "id", hasDeclareKeyword: true, isReadonly: true, type: c.code === undefined ? ids : `${ids} | undefined` },
      ],
    });
    out.push({
      kind: StructureKind.Function,
      isExported: true,
      name: `is${c.className}`,
      docs: [`True when x is a ${c.className}, made by this copy of the module or another; narrow on \`id\` to read typed params.`],
      parameters: [{ name: "x", type: "unknown" }],
      returnType: `x is ${c.className} & ${n.variant}<${c.code === undefined ? ids : `${ids} | undefined`}>`,
      statements: [`return brand(x) === ${lit(c.className)};`],
    });
  }
  return out;
}

function classesStatement(model: CatalogModel, n: RuntimeNames): string {
  const rows = [
    `[${n.base}, ${lit(n.base)}, undefined, []],`,
    `[${n.unknown}, ${lit(n.unknown)}, undefined, []],`,
    ...errorClasses(model).map((c) =>
      `[${c.className}, ${lit(c.className)}, ${c.code === undefined ? "undefined" : lit(c.code)}, [${c.entries.map((e) => lit(e.id)).join(", ")}]],`),
  ];
  return constStatement({
    docs: "Each class with its name, its code, and its entries in match order.",
    exported: false,
    name: "CLASSES",
    type: `readonly (readonly [typeof ${n.base}, string, string | undefined, readonly ${n.id}[]])[]`,
    open: "[",
    lines: rows,
    close: "]",
  });
}
