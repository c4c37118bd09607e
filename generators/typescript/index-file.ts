/**
 * out/<service>/index.ts: the catalog's part of the TypeScript output — the code and id types, the
 * entry table, one class and guard per code and codeless entry, and the union fromResponse returns.
 * Everything else is runtime.ts, copied verbatim beside it; this file hands it the table.
 *
 * Types stay linear in the catalog's size: literals in the table are `as const` or typed string, rows
 * are cast to one ClassRow type, and the functions are typed by annotation, so tsc never compares
 * the code or id unions pairwise (it gave up, or took minutes, at a few thousand entries).
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { camelCase, pascalCase } from "../catalog/names.js";
import type { FilePrinter } from "../emit/printer.js";
import { codeConstName, errorClassNames, RUNTIME_FUNCTIONS, servicePrefix, serviceNames, type ErrorClassName } from "./names.js";
import { jsDocText, stringLiteral as lit } from "./syntax.js";

export interface IndexFileOptions {
  /** The specifier of the runtime in the import: "./runtime" + this. */
  readonly importExtension: ".js" | ".ts" | "";
}

/** Prints index.ts into f (whose preamble is already set). */
export function printIndexFile(f: FilePrinter, model: CatalogModel, options: IndexFileOptions): void {
  const n = serviceNames(model.service.name);
  const classes = errorClassNames(model);
  f.import(`import * as runtime from "./runtime${options.importExtension}";`);
  f.print("/* eslint-disable */");
  f.print("");
  printTypes(f, model, n);
  printTable(f, model, n);
  printBaseClasses(f, model, n);
  for (const c of classes) printClass(f, c, n);
  printUnion(f, classes, n);
  printService(f, model, classes, n);
  printOperations(f, model, classes, n);
}

type Names = ReturnType<typeof serviceNames>;

const idUnion = (entries: readonly CatalogEntry[]) => entries.map((e) => lit(e.id)).join(" | ");

function printTypes(f: FilePrinter, model: CatalogModel, n: Names): void {
  const { codes, entries, service } = model;
  f.print`/** An ErrorCode the catalog knows. */`;
  f.print`export type ${n.code} = ${codes.length === 0 ? "never" : codes.map((c) => lit(c.code)).join(" | ")};`;
  f.print("");
  f.print`/** The catalog's ErrorCodes by name, to compare with \`error.code\`. */`;
  f.print`export const ${n.code} = {`;
  for (const c of codes) f.print`  ${codeConstName(c.code)}: ${lit(c.code)},`;
  f.print("} as const;");
  f.print("");
  f.print`/** The id of a catalog entry: one per (code, message) pair. */`;
  f.print`export type ${n.id} = ${entries.length === 0 ? "never" : idUnion(entries)};`;
  f.print("");
  f.print`/** The placeholder values of each entry's message. */`;
  f.print`export interface ${n.params} {`;
  for (const e of entries) f.print`  readonly ${lit(e.id)}: ${paramsType(e)};`;
  f.print("}");
  f.print("");
  f.print`/** A catalog entry with the placeholder values of a message: what parseMessage finds. */`;
  f.print`export type ${n.match} = { readonly [I in ${n.id}]: { readonly id: I; readonly params: ${n.params}[I] } }[${n.id}];`;
  f.print("");
  f.print`/** What an error says for one entry id, or for none: narrow on \`id\` to read typed params. */`;
  f.print`export type ${n.variant}<I extends ${n.id} | undefined> = I extends ${n.id}`;
  f.print`  ? { readonly id: I; readonly params: ${n.params}[I]; readonly meaning: string; readonly fix: string }`;
  f.print`  : { readonly id: undefined; readonly params: Readonly<Record<string, never>>; readonly meaning: undefined; readonly fix: undefined };`;
  f.print("");
  const wireName = `${service.wire.package}.${service.wire.message}`;
  f.print`/** The fields of the \`${jsDocText(wireName)}\` message, the body of every error response. */`;
  f.print`export interface ${n.wire} {`;
  for (const field of [...service.wire.fields].sort((a, b) => a.number - b.number)) {
    f.print`  ${camelCase(field.name)}: ${field.type === "int32" ? "number" : "string"};`;
  }
  f.print("}");
  f.print("");
  f.print`/** What the catalog says about one entry. */`;
  f.print`export type ${n.info} = runtime.EntryInfo<${n.code}>;`;
  f.print`/** What ${n.base}'s constructor takes; fromResponse fills it from a response. */`;
  f.print`export type ${n.init} = runtime.ErrorInit<${n.id}>;`;
  f.print`/** What JSON.stringify writes for an error. */`;
  f.print`export type ${n.json} = runtime.ErrorJSON<${n.id}>;`;
  f.print`/** The parts of an HTTP response that fromResponse reads. */`;
  f.print`export type ${n.response} = runtime.ServiceResponse;`;
  f.print("");
}

function paramsType(e: CatalogEntry): string {
  return e.placeholders.length === 0 ? "Readonly<Record<string, never>>" : `{ ${e.placeholders.map((p) => `readonly ${p.name}: string;`).join(" ")} }`;
}

/**
 * The entry table. Each code is written `as const`: tsc scans the whole code union for every string
 * whose contextual type it is, which is quadratic at tens of thousands of codes.
 */
function printTable(f: FilePrinter, model: CatalogModel, n: Names): void {
  f.print`/** Where docsUrl points by default: the generated ERRORS.md. Set ${n.base}.docsBaseUrl to publish it elsewhere. */`;
  f.print`export const ${n.docsUrl} = "ERRORS.md";`;
  f.print("");
  f.print`/** Every catalog entry by id: what it means, how to fix it, and its message pattern. */`;
  f.print`export const ${n.table}: { readonly [I in ${n.id}]: ${n.info} } = {`;
  for (const e of model.entries) {
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
    f.print`  ${lit(e.id)}: {`;
    f.print`    code: ${e.code === undefined ? "undefined" : `${lit(e.code)} as const`},`;
    f.print`    httpStatus: ${e.httpStatus},`;
    f.print`    retryable: ${e.retryable},`;
    f.print`    fault: ${lit(e.fault)},`;
    f.print`    keyState: ${e.keyState === undefined ? "undefined" : lit(e.keyState)},`;
    f.print`    meaning: ${lit(e.meaning)},`;
    f.print`    fix: ${lit(e.fix)},`;
    f.print`    parts: [${parts.map(lit).join(", ")}],`;
    f.print`    placeholders: [${names.map(lit).join(", ")}],`;
    f.print`  },`;
  }
  f.print("};");
  f.print("");
}

function printBaseClasses(f: FilePrinter, model: CatalogModel, n: Names): void {
  const title = model.service.title;
  f.print`/** The body is not a valid \`${jsDocText(`${model.service.wire.package}.${model.service.wire.message}`)}\` message. */`;
  f.print`export class ${n.decodeError} extends runtime.DecodeError {}`;
  f.print("");
  f.print`/** An error returned by the ${jsDocText(title)}, or a response that was not one. */`;
  f.print`export class ${n.base} extends runtime.ServiceError {`;
  f.print`  /** Where docsUrl points: ${n.docsUrl} unless you set it (e.g. to the URL of your published ERRORS.md). */`;
  f.print`  static override docsBaseUrl: string = ${n.docsUrl};`;
  f.print`  declare readonly id: ${n.id} | undefined;`;
  f.print("}");
  f.print("");
  f.print`/** An error whose code the catalog does not know, or a response nothing classifies (its raw body kept in \`body\`); code and message are kept as sent. */`;
  f.print`export class ${n.unknown} extends ${n.base} {`;
  f.print`  declare readonly id: undefined;`;
  f.print`  declare readonly params: Readonly<Record<string, never>>;`;
  f.print`  declare readonly meaning: undefined;`;
  f.print`  declare readonly fix: undefined;`;
  f.print("}");
  f.print("");
  f.print`/** True when x is a ${n.base}, made by this copy of the module or another. */`;
  f.print`export function ${n.isBase}(x: unknown): x is ${n.base} {`;
  f.print`  return service.isError(x);`;
  f.print("}");
  f.print("");
}

/** The ids a class's errors can have: a code's errors may match none of its messages; a codeless entry's always have its id. */
function idType(c: ErrorClassName): string {
  return c.code === undefined ? idUnion(c.entries) : `${idUnion(c.entries)} | undefined`;
}

function printClass(f: FilePrinter, c: ErrorClassName, n: Names): void {
  const statuses = [...new Set(c.entries.map((e) => e.httpStatus))].join(", ");
  const first = c.entries[0]!;
  const summary = c.code === undefined
    ? `HTTP ${statuses} (no error code): ${first.meaning}`
    : `\`${c.code}\` (HTTP ${statuses}). Messages: ${c.entries.map((e) => `\`${e.id}\``).join(", ")}.`;
  const names = [...new Set(c.entries.flatMap((e) => e.placeholders.map((p) => p.name)))];
  f.print`${f.doc(summary)}`;
  f.print`export class ${c.className} extends ${n.base} {`;
  f.print`  declare readonly code: ${c.code === undefined ? "undefined" : `${lit(c.code)} | undefined`};`;
  f.print`  declare readonly id: ${idType(c)};`;
  // Every param name of the class's entries, each optional: a misspelt one does not compile, even before narrowing on id.
  f.print`  declare readonly params: ${names.length === 0 ? "Readonly<Record<string, never>>" : `{ ${names.map((p) => `readonly ${p}?: string;`).join(" ")} }`};`;
  if (c.code === undefined) {
    f.print`  declare readonly meaning: string;`;
    f.print`  declare readonly fix: string;`;
  }
  f.print("}");
  f.print("");
  f.print`/** True when x is a ${c.className}, made by this copy of the module or another; narrow on \`id\` to read typed params. */`;
  f.print`export function ${c.guard}(x: unknown): x is ${c.className} & ${n.variant}<${idType(c)}> {`;
  f.print`  return service.isClass(x, ${lit(c.className)});`;
  f.print("}");
  f.print("");
}

function printUnion(f: FilePrinter, classes: readonly ErrorClassName[], n: Names): void {
  f.print`/** What fromResponse returns: a variant per class and entry, which \`switch (error.code)\` and \`error.id\` narrow. */`;
  f.print`export type ${n.any} =`;
  for (const c of classes) f.print`  | (${c.className} & ${n.variant}<${idType(c)}>)`;
  f.print`  | ${n.unknown};`;
  f.print("");
}

/**
 * The runtime bound to this catalog, and the functions bound to it. Each class row is cast to ClassRow:
 * rows of distinct tuple types would make tsc compare them pairwise, which fails ("union type too
 * complex") from about 1,400 codes; the ids are typed string for the quadratic scan described at printTable.
 */
function printService(f: FilePrinter, model: CatalogModel, classes: readonly ErrorClassName[], n: Names): void {
  const wire = [...model.service.wire.fields].sort((a, b) => a.number - b.number);
  f.print`const service: runtime.Service = runtime.defineService({`;
  f.print`  brand: ${lit(`errcat.${model.service.name}.error`)},`;
  f.print`  wire: [${wire.map((w) => `[${lit(camelCase(w.name))}, ${w.number}, ${lit(w.type)}]`).join(", ")}],`;
  f.print`  entries: ${n.table},`;
  f.print`  classes: [`;
  f.print`    [${n.base}, ${lit(n.base)}, undefined, []] as runtime.ClassRow,`;
  f.print`    [${n.unknown}, ${lit(n.unknown)}, undefined, []] as runtime.ClassRow,`;
  for (const c of classes) {
    f.print`    [${c.className}, ${lit(c.className)}, ${c.code === undefined ? "undefined" : lit(c.code)}, [${c.entries.map((e) => lit(e.id)).join(", ")}]] as runtime.ClassRow,`;
  }
  f.print`  ],`;
  f.print`  unknown: ${n.unknown},`;
  f.print`  decodeError: [${n.decodeError}, ${lit(n.decodeError)}],`;
  f.print`});`;
  f.print("");
  f.print`/**`;
  f.print` * Turns an error response into a ${n.base}. Never throws: a body that is empty, not protobuf, or`;
  f.print` * carries a code the catalog does not know still gives an error to throw, inspect and log.`;
  f.print` */`;
  f.print`export const fromResponse: (response: ${n.response}) => ${n.any} = service.fromResponse as unknown as (response: ${n.response}) => ${n.any};`;
  f.print("");
  f.print`/** Decodes the body of an error response. Unknown fields are skipped; malformed input throws ${n.decodeError}. */`;
  f.print`export function decodeError(bytes: Uint8Array | ArrayBuffer): ${n.wire} {`;
  f.print`  const v = service.readFields(bytes);`;
  f.print`  return { ${wire.map((w, i) => `${camelCase(w.name)}: v[${i}] as ${w.type === "int32" ? "number" : "string"}`).join(", ")} };`;
  f.print`}`;
  f.print("");
  f.print`/** Encodes an error body (for tests, mocks and servers); fields at their default (0, "") are left out, as protobuf does. */`;
  f.print`export const encodeError: (fields: Partial<${n.wire}>) => Uint8Array = service.encodeError as (fields: Partial<${n.wire}>) => Uint8Array;`;
  f.print("");
  f.print`/** Finds the catalog entry of a code and message, with its placeholder values; undefined when the catalog has no such pair. */`;
  f.print`export const parseMessage: (code: string, message: string) => ${n.match} | undefined = service.parseMessage as unknown as (code: string, message: string) => ${n.match} | undefined;`;
  f.print("");
  f.print`/** The message the server sends for an entry, placeholders filled in ("" for an entry without a message). */`;
  f.print`export const formatMessage: <I extends ${n.id}>(id: I, params: ${n.params}[I]) => string = service.formatMessage;`;
}

/** The names of the per-operation types: `EncryptError`, or `EncryptOperationError` where that names a class already. */
export function operationTypeNames(model: CatalogModel): { readonly operation: string; readonly errors: string; readonly byOperation: ReadonlyMap<string, string>; readonly guard: string } {
  const n = serviceNames(model.service.name);
  const p = servicePrefix(model.service.name);
  const taken = new Set<string>([...errorClassNames(model).flatMap((c) => [c.className, c.guard]), ...Object.values(n), ...RUNTIME_FUNCTIONS]);
  const byOperation = new Map<string, string>();
  for (const o of model.operations) {
    const plain = `${pascalCase(o.name)}Error`;
    const name = taken.has(plain) || [...byOperation.values()].includes(plain) ? `${pascalCase(o.name)}OperationError` : plain;
    byOperation.set(o.name, name);
    taken.add(name);
  }
  const guard = taken.has("isOperationError") ? `is${p}OperationError` : "isOperationError";
  return { operation: `${p}Operation`, errors: `${p}OperationErrors`, byOperation, guard };
}

/**
 * Per-operation unions (`EncryptError`): the classes and entry ids the catalog says the operation can
 * return, and the unknown class, since a server may send any code. isOperationError checks it at run time.
 */
function printOperations(f: FilePrinter, model: CatalogModel, classes: readonly ErrorClassName[], n: Names): void {
  if (model.operations.length === 0) return;
  const names = operationTypeNames(model);
  f.print("");
  f.print`/** An operation of the ${jsDocText(model.service.title)}, as its SDKs name it. */`;
  f.print`export type ${names.operation} = ${model.operations.map((o) => lit(o.name)).join(" | ")};`;
  for (const o of model.operations) {
    const members = classes.flatMap((c) => {
      const ids = c.entries.filter((e) => e.operations.includes(o.name));
      if (ids.length === 0) return [];
      return [`(${c.className} & ${n.variant}<${c.code === undefined ? idUnion(ids) : `${idUnion(ids)} | undefined`}>)`];
    });
    f.print("");
    f.print`/** What \`${jsDocText(o.name)}\` can return, by the catalog: a variant per class and entry, which \`switch (error.code)\` and \`error.id\` narrow. */`;
    f.print`export type ${names.byOperation.get(o.name)!} =`;
    for (const m of members) f.print`  | ${m}`;
    f.print`  | ${n.unknown};`;
  }
  f.print("");
  f.print`/** Each operation's union, by operation name. */`;
  f.print`export interface ${names.errors} {`;
  for (const o of model.operations) f.print`  readonly ${o.name}: ${names.byOperation.get(o.name)!};`;
  f.print("}");
  f.print("");
  // Only entries that name fewer operations than all are listed; the others are returned by every operation.
  f.print`const operationsOf: Readonly<Record<string, readonly ${names.operation}[]>> = {`;
  for (const e of model.entries) {
    if (e.operations.length === model.operations.length) continue;
    f.print`  ${lit(e.id)}: [${e.operations.map(lit).join(", ")}],`;
  }
  f.print("};");
  f.print("");
  f.print`/** True when the catalog says \`operation\` can return \`error\` (an error of a code the catalog does not know always can); narrows it to that operation's union. */`;
  f.print`export function ${names.guard}<O extends ${names.operation}>(operation: O, error: ${n.any}): error is ${names.errors}[O] {`;
  f.print`  if (error instanceof ${n.unknown}) return true;`;
  f.print`  const returns = (id: string): boolean => operationsOf[id]?.includes(operation) ?? true;`;
  f.print`  if (error.id !== undefined) return returns(error.id);`;
  f.print`  // A code's error whose message none of its entries matched: the operation returns the code if it returns one of them.`;
  f.print`  return (Object.keys(${n.table}) as ${n.id}[]).some((id) => ${n.table}[id].code === error.code && returns(id));`;
  f.print`}`;
}
