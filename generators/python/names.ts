/**
 * How the Python target names things (PEP 8): classes in PascalCase ending in `Error`, parameters
 * and modules in snake_case, constants in UPPER_SNAKE_CASE. A name that is a keyword, a soft keyword
 * or a builtin gets a trailing `_`.
 */
import type { CatalogModel } from "../catalog/model.js";
import { constantCase, memoName, pascalCase, words } from "../catalog/names.js";
import type { TargetNames } from "../target/define-target.js";

/** Keywords (3.9 to 3.13), soft keywords and the builtins module's names, including exceptions. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  // keywords
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  // soft keywords
  "_", "case", "match", "type",
  // builtins
  "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
  "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
  "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
  "EnvironmentError", "Exception", "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError",
  "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
  "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
  "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError",
  "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "PythonFinalizationError",
  "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration",
  "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError",
  "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
  "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
  "__build_class__", "__debug__", "__doc__", "__import__", "__loader__", "__name__", "__package__", "__spec__",
  "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable",
  "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod",
  "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr",
  "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list",
  "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property",
  "quit", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
  "super", "tuple", "type", "vars", "zip",
]);

/** "keyStore" → "key_store", "apiversion value" → "apiversion_value", "HTTPCode" → "httpcode". */
export const snakeCase = memoName((text) => words(text).map((w) => w.toLowerCase()).join("_"));

/** Appends `_` to a reserved name, as PEP 8 advises (`class_`). */
export function safePython(name: string): string {
  return PYTHON_RESERVED.has(name) ? `${name}_` : name;
}

/** An identifier in ASCII (PEP 3131 allows more, but a generated name is ASCII), not reserved. */
export function validPython(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_RESERVED.has(name);
}

/** The names one service's generated package uses for itself. */
export interface PythonServiceNames {
  /** `kms_errors` */
  readonly module: string;
  /** `kms-errors` */
  readonly distribution: string;
  /** `KmsError` */
  readonly base: string;
  /** `UnknownKmsError` */
  readonly unknown: string;
  /** `UndecodableKmsError` */
  readonly undecodable: string;
}

export function serviceNames(service: string, module?: string): PythonServiceNames {
  const prefix = pascalCase(service);
  const mod = module ?? `${snakeCase(service)}_errors`;
  return {
    module: mod,
    distribution: mod.replace(/_/g, "-"),
    base: `${prefix}Error`,
    unknown: `Unknown${prefix}Error`,
    undecodable: `Undecodable${prefix}Error`,
  };
}

/** The exception class of a code: "Forbidden.KeyNotFound" → "ForbiddenKeyNotFoundError". */
export const codeType = (code: string): string => `${pascalCase(code)}Error`;
/** The exception class of a codeless entry: "request-entity-too-large" → "RequestEntityTooLargeError". */
export const codelessType = (id: string): string => `${pascalCase(id)}Error`;
/** The TypedDict of an entry's params: "key-not-found-in-key-store" → "KeyNotFoundInKeyStoreParams". */
export const paramsType = (id: string): string => `${pascalCase(id)}Params`;
/** A message parameter: "keyStore" → "key_store". */
export const paramName = (name: string): string => snakeCase(name);
/** A limit constant: "maxRequestBodyBytes" → "MAX_REQUEST_BODY_BYTES". */
export const limitName = (key: string): string => constantCase(key);

/** The module-level names the generated `__init__.py` defines or imports besides the derived classes. */
export function pythonRuntimeNames(model: CatalogModel): string[] {
  const n = serviceNames(model.service.name);
  return [
    n.base, n.unknown, n.undecodable,
    "ErrorCode", "ErrorId", "ErrorParams", "ParsedMessage", "WireError", "DecodeError", "Body", "Headers",
    "from_response", "from_vendor_error", "parse_message", "format_message", "params_of", "decode_error", "encode_error",
    "DOCS_BASE_URL", "Final", "Literal", "Mapping", "NamedTuple", "Optional", "TypedDict", "Union", "cast", "overload",
    ...Object.keys(model.service.limits).map(limitName),
  ];
}

export const pythonNames: TargetNames = {
  keywords: PYTHON_RESERVED,
  codeType,
  codelessType,
  param: paramName,
  safe: safePython,
  valid: validPython,
  runtimeNames: pythonRuntimeNames,
};
