/**
 * How the java target names things: Java casing of catalog names, and the words a derived name must
 * not be (keywords, literals, restricted identifiers, java.lang's types, the members every params
 * record and exception already has), which `safe` escapes by appending `_`.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { camelCase, constantCase, pascalCase } from "../catalog/names.js";
import type { TargetNames } from "../target/define-target.js";

/** Java's keywords, its literals and the restricted identifiers that cannot name a type. */
export const JAVA_KEYWORDS: ReadonlySet<string> = new Set([
  "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
  "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
  "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
  "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
  "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_",
  "var", "yield", "record", "sealed", "permits", "exports", "module", "non-sealed", "open", "opens",
  "provides", "requires", "to", "transitive", "uses", "with",
]);

/** The public types of java.lang: a generated type of the same name would shadow them in its package. */
export const JAVA_LANG_TYPES: ReadonlySet<string> = new Set([
  "AbstractMethodError", "Appendable", "ArithmeticException", "ArrayIndexOutOfBoundsException", "ArrayStoreException",
  "AssertionError", "AutoCloseable", "Boolean", "BootstrapMethodError", "Byte", "Character", "CharSequence", "Class",
  "ClassCastException", "ClassCircularityError", "ClassFormatError", "ClassLoader", "ClassNotFoundException", "ClassValue",
  "CloneNotSupportedException", "Cloneable", "Comparable", "Deprecated", "Double", "Enum", "EnumConstantNotPresentException",
  "Error", "Exception", "ExceptionInInitializerError", "Float", "FunctionalInterface", "IllegalAccessError",
  "IllegalAccessException", "IllegalArgumentException", "IllegalCallerException", "IllegalMonitorStateException",
  "IllegalStateException", "IllegalThreadStateException", "IncompatibleClassChangeError", "IndexOutOfBoundsException",
  "InheritableThreadLocal", "InstantiationError", "InstantiationException", "Integer", "InternalError", "InterruptedException",
  "Iterable", "LayerInstantiationException", "LinkageError", "Long", "Math", "MatchException", "Module", "ModuleLayer",
  "NegativeArraySizeException", "NoClassDefFoundError", "NoSuchFieldError", "NoSuchFieldException", "NoSuchMethodError",
  "NoSuchMethodException", "NullPointerException", "Number", "NumberFormatException", "Object", "OutOfMemoryError", "Override",
  "Package", "Process", "ProcessBuilder", "ProcessHandle", "Readable", "Record", "ReflectiveOperationException", "Runnable",
  "Runtime", "RuntimeException", "RuntimePermission", "SafeVarargs", "SecurityException", "SecurityManager", "Short",
  "StackOverflowError", "StackTraceElement", "StackWalker", "StrictMath", "String", "StringBuffer", "StringBuilder",
  "StringIndexOutOfBoundsException", "SuppressWarnings", "System", "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal",
  "Throwable", "TypeNotPresentException", "UnknownError", "UnsatisfiedLinkError", "UnsupportedClassVersionError",
  "UnsupportedOperationException", "VerifyError", "VirtualMachineError", "Void", "WrongThreadException",
]);

/**
 * Methods every params record and exception already has (java.lang.Object's, the KmsParams
 * interface's, the runtime base's): a record component of the same name would clash with them.
 */
export const MEMBER_NAMES: ReadonlySet<string> = new Set([
  "clone", "equals", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait",
  "entry", "asMap",
]);

/** Type names the java target's runtime (copied into every module) defines; package dev.errcat.runtime. */
export const RUNTIME_TYPES: readonly string[] = [
  "CatalogException", "CatalogTable", "Classification", "ErrorBody", "ErrorBodyDecoder", "Fault", "MessagePattern",
  "Utf8", "WireDecodeException",
];

/** The Java package of the runtime: fixed, so its files are the same bytes in every module. */
export const RUNTIME_PACKAGE = "dev.errcat.runtime";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The names one service's module defines beside its exception classes. */
export interface ServiceTypeNames {
  readonly base: string;
  readonly unknown: string;
  readonly undecodable: string;
  readonly facade: string;
  readonly params: string;
  readonly limits: string;
  readonly errorCode: string;
}

export function serviceTypeNames(service: string): ServiceTypeNames {
  const p = pascalCase(service);
  return {
    base: `${p}Exception`,
    unknown: `Unknown${p}Exception`,
    undecodable: `Undecodable${p}Exception`,
    facade: `${p}Errors`,
    params: `${p}Params`,
    limits: `${p}Limits`,
    errorCode: "ErrorCode",
  };
}

function safe(name: string): string {
  return JAVA_KEYWORDS.has(name) || JAVA_LANG_TYPES.has(name) || MEMBER_NAMES.has(name) ? `${name}_` : name;
}

export const javaNames: TargetNames = {
  keywords: JAVA_KEYWORDS,
  codeType: (code) => safe(`${pascalCase(code)}Exception`),
  codelessType: (id) => safe(`${pascalCase(id)}Exception`),
  param: (name) => safe(camelCase(name)),
  safe,
  valid: (name) => IDENTIFIER.test(name) && !JAVA_KEYWORDS.has(name),
  runtimeNames: (model) => [...Object.values(serviceTypeNames(model.service.name)), ...RUNTIME_TYPES],
};

/** The record of an entry's params, nested in the service's params interface: "key-not-found-in-key-store" → "KeyNotFoundInKeyStore". */
export function paramsRecordName(entry: CatalogEntry, model: CatalogModel): string {
  const name = pascalCase(entry.id);
  const t = serviceTypeNames(model.service.name);
  // Inside the params interface these would shadow the types its code names.
  const taken = new Set<string>(["None", "Map", t.params, t.errorCode]);
  return taken.has(name) ? `${name}_` : safe(name);
}

/** The ErrorCode constant of an entry: "key-not-found-in-key-store" → "KEY_NOT_FOUND_IN_KEY_STORE". */
export function enumConstantName(entry: CatalogEntry): string {
  return constantCase(entry.id);
}

/** A limit's constant: "maxRequestBodyBytes" → "MAX_REQUEST_BODY_BYTES". */
export function limitConstantName(key: string): string {
  const name = constantCase(key);
  return IDENTIFIER.test(name) ? name : `LIMIT_${name}`;
}

/** The Java type of each catalog type, in type-index order: the codes in model order, then the codeless entries. */
export interface JavaType {
  readonly name: string;
  /** The code, for a code's type. */
  readonly code?: string;
  readonly entries: readonly CatalogEntry[];
}

export function javaTypes(model: CatalogModel): JavaType[] {
  const types: JavaType[] = model.codes.map((g) => ({ name: javaNames.codeType(g.code), code: g.code, entries: g.entries }));
  for (const e of model.entries) if (e.code === undefined) types.push({ name: javaNames.codelessType(e.id), entries: [e] });
  return types;
}
