/**
 * How the TypeScript target names things. The catalog model has no TypeScript names: they are all
 * derived here, from codes, ids, placeholder names and the service name.
 */
import type { CatalogModel } from "../catalog/model.js";
import { constantCase, pascalCase } from "../catalog/names.js";
import type { TargetNames } from "../target/define-target.js";

/** Words that cannot name a variable or a parameter in JavaScript/TypeScript strict mode, and TypeScript's type keywords. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
  "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
  "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface",
  "package", "private", "protected", "public", "await", "arguments", "eval", "undefined", "NaN",
  "Infinity", "any", "boolean", "number", "string", "symbol", "never", "unknown", "object",
]);

/** Property names that would reach Object.prototype or shadow its methods on a params object. */
export const UNSAFE_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  "__proto__", "constructor", "prototype", "toString", "toLocaleString", "valueOf",
  "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "__defineGetter__",
  "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** "kms" → "Kms": the prefix of the base class, the code union and the guards. */
export function servicePrefix(service: string): string {
  return pascalCase(service);
}

/** The class that a code's errors get: "Forbidden.KeyNotFound" → "ForbiddenKeyNotFoundError". */
export function codeClassName(code: string): string {
  return safeIdentifier(`${pascalCase(code)}Error`);
}

/** The class that a codeless entry gets, from its id: "request-entity-too-large" → "RequestEntityTooLargeError". */
export function codelessClassName(id: string): string {
  return safeIdentifier(`${pascalCase(id)}Error`);
}

/** The name of a code's key in the generated const object: "Forbidden.KeyNotFound" → "ForbiddenKeyNotFound". */
export function codeConstName(code: string): string {
  return pascalCase(code);
}

/** A name usable as an identifier: a reserved word gets `$` appended, as protobuf-es's safeIdentifier does; a leading digit gets `_` before it. */
export function safeIdentifier(name: string): string {
  const s = /^[0-9]/.test(name) ? `_${name}` : name;
  return RESERVED_WORDS.has(s) ? `${s}$` : s;
}

/** The names the generated index.ts defines for a service, beside its per-code classes and guards. */
export interface ServiceNames {
  readonly base: string;
  readonly unknown: string;
  readonly decodeError: string;
  readonly code: string;
  readonly id: string;
  readonly params: string;
  readonly json: string;
  readonly variant: string;
  readonly match: string;
  readonly any: string;
  readonly info: string;
  readonly init: string;
  readonly wire: string;
  readonly response: string;
  readonly isBase: string;
  readonly table: string;
  readonly docsUrl: string;
}

export function serviceNames(service: string): ServiceNames {
  const p = servicePrefix(service);
  const c = constantCase(service);
  return {
    base: `${p}Error`,
    unknown: `Unknown${p}Error`,
    decodeError: `${p}DecodeError`,
    code: `${p}ErrorCode`,
    id: `${p}ErrorId`,
    params: `${p}ErrorParams`,
    json: `${p}ErrorJSON`,
    variant: `${p}ErrorVariant`,
    match: `${p}MessageMatch`,
    any: `Any${p}Error`,
    info: `${p}ErrorInfo`,
    init: `${p}ErrorInit`,
    wire: `${p}WireError`,
    response: `${p}Response`,
    isBase: `is${p}Error`,
    table: `${c}_ERRORS`,
    docsUrl: `${c}_DOCS_URL`,
  };
}

/** The functions every generated index.ts exports, whatever the service. */
export const RUNTIME_FUNCTIONS = ["fromResponse", "decodeError", "encodeError", "parseMessage", "formatMessage"] as const;

/** The built-in classes a generated class must not shadow. */
const BUILTIN_ERRORS = ["Error", "TypeError", "RangeError", "SyntaxError", "AggregateError", "EvalError", "ReferenceError", "URIError"];

/**
 * Names the generated module defines for itself; a class derived from the catalog must not take one.
 * test/typescript checks the generated exports against this list.
 */
export function runtimeSymbolNames(service: string): string[] {
  return [...Object.values(serviceNames(service)), ...RUNTIME_FUNCTIONS, ...BUILTIN_ERRORS];
}

/** The class and guard of each code and codeless entry, in catalog order. */
export interface ErrorClassName {
  readonly className: string;
  readonly guard: string;
  readonly code: string | undefined;
  /** The entries of the class, in match order. */
  readonly entries: CatalogModel["entries"];
}

export function errorClassNames(model: CatalogModel): ErrorClassName[] {
  const out: ErrorClassName[] = [];
  const groups = new Map(model.codes.map((g) => [g.code, g]));
  for (const entry of model.entries) {
    if (entry.code === undefined) {
      const className = codelessClassName(entry.id);
      out.push({ className, guard: `is${className}`, code: undefined, entries: [entry] });
      continue;
    }
    const group = groups.get(entry.code);
    // A code's class comes where its first entry is; delete marks the code as placed.
    if (group === undefined) continue;
    groups.delete(entry.code);
    const className = codeClassName(group.code);
    out.push({ className, guard: `is${className}`, code: group.code, entries: group.entries });
  }
  return out;
}

export const typescriptNames: TargetNames = {
  keywords: RESERVED_WORDS,
  codeType: codeClassName,
  codelessType: codelessClassName,
  // Params are property names, spelled as the catalog names them.
  param: (name) => name,
  safe: safeIdentifier,
  valid: (name) => IDENTIFIER.test(name) && !RESERVED_WORDS.has(name),
  runtimeNames: (model) => runtimeSymbolNames(model.service.name),
};
