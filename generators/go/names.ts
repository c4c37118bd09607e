/**
 * How the Go target names things: exported identifiers in MixedCaps with Go's initialisms in
 * capitals (`InvalidAPIName`, `AccessKeyID`); a sentinel `Err…` per code and per codeless entry, a
 * `Code…` constant per code, an `ID…` constant per entry and an `…Params` struct per entry with
 * placeholders. A derived name that is a keyword or predeclared identifier gets a trailing `_`.
 */
import { readFileSync } from "node:fs";
import type { CatalogModel } from "../catalog/model.js";
import { memoName, words } from "../catalog/names.js";
import type { CatalogPlace, TargetNames, TargetRule } from "../target/define-target.js";

/** Go's keywords and predeclared identifiers. */
export const GO_RESERVED: ReadonlySet<string> = new Set([
  "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto",
  "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
  "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16",
  "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true", "false", "iota",
  "nil", "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
  "panic", "print", "println", "real", "recover", "_",
]);

/** The initialisms staticcheck's ST1003 (and Go's own code) writes in one case. */
const INITIALISMS: ReadonlySet<string> = new Set([
  "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip", "json", "qps", "ram",
  "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "gid", "uid", "uuid", "uri", "url", "utf8", "vm",
  "xml", "xmpp", "xsrf", "xss", "sip", "rtp", "amqp", "db", "ts",
]);

/** "Forbidden.KeyNotFound" → "ForbiddenKeyNotFound", "InvalidApiName" → "InvalidAPIName", "accessKeyId" → "AccessKeyID". */
export const goPascal = memoName((text) => words(text).map((w) => (isInitialism(w) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(""));

const LONGEST_INITIALISM = Math.max(...[...INITIALISMS].map((i) => i.length));

// Checked for every word of every derived name: a longer word is not looked up (nor lower-cased) at all.
const isInitialism = (word: string) => word.length <= LONGEST_INITIALISM && INITIALISMS.has(word.toLowerCase());

export function safeGo(name: string): string {
  return GO_RESERVED.has(name) ? `${name}_` : name;
}

export function validGo(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !GO_RESERVED.has(name);
}

/** The Go runtime's source, copied into every package. */
export const RUNTIME_SOURCE: string = readFileSync(new URL("../../generators/go/runtime/runtime.go", import.meta.url), "utf8");

/** The runtime's package clause: what precedes it is the runtime's own comment, what follows is copied. */
export const RUNTIME_PACKAGE_CLAUSE = "package errcat\n";

/** The exported names runtime.go declares at package level (read from its source). */
export const RUNTIME_NAMES: readonly string[] = (() => {
  const names = new Set<string>();
  let block: string | undefined;
  for (const line of RUNTIME_SOURCE.split("\n")) {
    const single = /^(?:func|type|var|const) ([A-Z]\w*)/.exec(line);
    if (single) names.add(single[1]!);
    if (/^(?:var|const) \($/.test(line)) block = line;
    else if (line === ")") block = undefined;
    else if (block) {
      const spec = /^\t([A-Z]\w*)\b/.exec(line);
      if (spec) names.add(spec[1]!);
    }
  }
  return [...names].sort();
})();

export const goNames: TargetNames = {
  keywords: GO_RESERVED,
  codeType: (code) => `Err${goPascal(code)}`,
  codelessType: (id) => `Err${goPascal(id)}`,
  param: (name) => goPascal(name),
  safe: safeGo,
  valid: validGo,
  runtimeNames: () => RUNTIME_NAMES,
};

/** Every derived name of one package. */
export interface GoPackageNames {
  sentinel(entry: CatalogModel["entries"][number]): string;
  code(code: string): string;
  id(id: string): string;
  /** The params struct of an entry with placeholders. */
  params(id: string): string;
  field(placeholder: string): string;
  limit(key: string): string;
}

export const goPackageNames: GoPackageNames = {
  sentinel: (e) => safeGo(e.code !== undefined ? goNames.codeType(e.code) : goNames.codelessType(e.id)),
  code: (code) => safeGo(`Code${goPascal(code)}`),
  id: (id) => safeGo(`ID${goPascal(id)}`),
  params: (id) => safeGo(`${goPascal(id)}Params`),
  field: (name) => safeGo(goPascal(name)),
  // A limit's key may be any text: a name that cannot start an identifier is prefixed.
  limit: (key) => safeGo(/^[A-Za-z]/.test(goPascal(key)) ? goPascal(key) : `Limit${goPascal(key)}`),
};

/**
 * The package-level names that the generic rules do not compare: `ID…`, `…Params` and limit
 * constants against each other, against `Code…`/`Err…` names and against the runtime's names.
 */
export const goNameRule: TargetRule = {
  id: "go-name-collision",
  description: "Two package-level names of the generated Go package are the same, or one is a name of the Go runtime.",
  fix: "Rename one of the entries, placeholders' entries or limits so that their Go names differ.",
  check(model, report) {
    const taken = new Map<string, { what: string; at: CatalogPlace; generic: boolean }>();
    for (const name of RUNTIME_NAMES) taken.set(name, { what: "a name of the Go runtime", at: { service: ["name"] }, generic: true });
    const claim = (name: string, what: string, at: CatalogPlace, generic: boolean) => {
      const previous = taken.get(name);
      if (previous === undefined) taken.set(name, { what, at, generic });
      // Two sentinels (or a sentinel and a runtime name) are the generic rules' to report.
      else if (!(generic && previous.generic)) report(at, `the Go name ${name} of ${what} is already ${previous.what}`);
    };
    const codes = new Set<string>();
    for (const e of model.entries) {
      if (e.code !== undefined && !codes.has(e.code)) {
        codes.add(e.code);
        claim(goPackageNames.sentinel(e), `the sentinel of code ${e.code}`, { entry: e.id, field: "code" }, true);
        claim(goPackageNames.code(e.code), `the constant of code ${e.code}`, { entry: e.id, field: "code" }, true);
      } else if (e.code === undefined) {
        claim(goPackageNames.sentinel(e), `the sentinel of entry ${e.id}`, { entry: e.id, field: "id" }, true);
      }
    }
    for (const e of model.entries) {
      claim(goPackageNames.id(e.id), `the id constant of entry ${e.id}`, { entry: e.id, field: "id" }, false);
      if (e.placeholders.length > 0) claim(goPackageNames.params(e.id), `the params struct of entry ${e.id}`, { entry: e.id, field: "id" }, false);
    }
    for (const key of Object.keys(model.service.limits)) claim(goPackageNames.limit(key), `the limit ${key}`, { service: ["limits", key] }, false);
  },
};
