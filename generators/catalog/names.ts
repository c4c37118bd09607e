/**
 * How catalog names become names in generated code. The validator checks collisions with these
 * same functions, so a name it accepts is a name every generator can print.
 */

/** Splits "Forbidden.KeyNotFound", "key-not-found", "apiversion value" into words. */
export function words(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .filter((w) => w.length > 0);
}

/** "Forbidden.KeyNotFound" → "ForbiddenKeyNotFound"; keeps inner capitals. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
}

/** "apiversion value" → "apiversionValue"; "accessKeyId" stays. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.length === 0 ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** "key-not-found-in-key-store" → "KEY_NOT_FOUND_IN_KEY_STORE". */
export function constantCase(text: string): string {
  return words(text)
    .map((w) => w.toUpperCase())
    .join("_");
}

/** "kms" → "Kms": the prefix of the base class, the code union and the guards. */
export function servicePrefix(service: string): string {
  return pascalCase(service);
}

/** The class that a code's errors get: "Forbidden.KeyNotFound" → "ForbiddenKeyNotFoundError". */
export function codeClassName(code: string): string {
  return `${pascalCase(code)}Error`;
}

/** The class that a codeless entry gets, from its id: "request-entity-too-large" → "RequestEntityTooLargeError". */
export function codelessClassName(id: string): string {
  return `${pascalCase(id)}Error`;
}

/** The name of a code's key in the generated const object: "Forbidden.KeyNotFound" → "ForbiddenKeyNotFound". */
export function codeConstName(code: string): string {
  return pascalCase(code);
}

/** The proto enum that holds one value per catalog entry; the .proto declares it and the docs show its values. */
export const ERROR_CODE_ENUM = "ErrorCode";

/** The proto enum value of an entry: ("ErrorCode", "key-not-found") → "ERROR_CODE_KEY_NOT_FOUND". */
export function enumValueName(enumName: string, id: string): string {
  return `${constantCase(enumName)}_${constantCase(id)}`;
}

/**
 * Names the generated runtime defines for itself; a class derived from the catalog must not take one.
 * Keep in step with generators/typescript (test/typescript checks the generated exports against it).
 */
export function runtimeSymbolNames(service: string): string[] {
  const p = servicePrefix(service);
  return [
    `${p}Error`,
    `Unknown${p}Error`,
    `${p}DecodeError`,
    `${p}ErrorCode`,
    `${p}ErrorId`,
    `${p}ErrorParams`,
    `${p}ErrorJSON`,
    `${p}ErrorVariant`,
    `${p}ErrorInfo`,
    `${p}ErrorInit`,
    `${p}WireError`,
    `${p}Response`,
    `is${p}Error`,
    `${constantCase(service)}_ERRORS`,
    `${constantCase(service)}_DOCS_URL`,
    "fromResponse",
    "decodeError",
    "encodeError",
    "parseMessage",
    "formatMessage",
    "Error",
    "TypeError",
    "RangeError",
    "SyntaxError",
    "AggregateError",
    "EvalError",
    "ReferenceError",
    "URIError",
  ];
}

/** Words that cannot name a variable or a parameter in JavaScript/TypeScript strict mode. */
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
