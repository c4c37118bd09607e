/**
 * catalog.go: the one generated Go file that holds the service's catalog: the `Code…` and `ID…`
 * constants, the limit constants, a sentinel per error type, a params struct per entry with
 * placeholders, and the table the runtime installs. Everything else is runtime.go, copied verbatim.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { WIRE_FIELDS_READ } from "../catalog/model.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import type { FilePrinter, Printable } from "../emit/printer.js";
import type { TargetContext } from "../target/define-target.js";
import { goPackageNames as n } from "./names.js";
import { goSyntax } from "./syntax.js";
import type { GoOptions, GoSettings } from "./options.js";

const ROLES: Readonly<Record<keyof typeof WIRE_FIELDS_READ, string>> = {
  StatusCode: "roleStatusCode",
  ErrorCode: "roleErrorCode",
  ErrorMessage: "roleErrorMessage",
  RequestId: "roleRequestID",
};

/** The literal text around an entry's placeholders: one more part than placeholders; none without a message. */
export function messageParts(entry: CatalogEntry): string[] {
  if (entry.message === undefined) return [];
  const parts = [""];
  for (const s of entry.segments) {
    if (s.kind === "literal") parts[parts.length - 1] += s.text;
    else parts.push("");
  }
  return parts;
}

/** The placeholder names in message order. */
export function messageNames(entry: CatalogEntry): string[] {
  return entry.segments.flatMap((s) => (s.kind === "placeholder" ? [s.name] : []));
}

function packageDoc(model: CatalogModel, pkg: string): string {
  const s = model.service;
  return [
    `Package ${pkg} turns the error responses of the ${s.title}${s.vendor !== undefined ? ` (${s.vendor})` : ""} into typed errors:`,
    "FromResponse and FromBody classify a response, errors.Is matches it against a sentinel per error code",
    "(or ErrUnknown), and errors.As finds the *Error, whose Params method gives the message's parameters.",
    s.introduction,
  ].join("\n");
}

function describeEntry(e: CatalogEntry): string {
  return `${e.code !== undefined ? `${e.code}, ` : "no code, "}HTTP ${e.httpStatus}${e.message !== undefined ? `: ${e.message}` : ""}`;
}

export function catalogFile(ctx: TargetContext<GoOptions>, options: GoSettings): GeneratedFile {
  const { model } = ctx;
  const f = ctx.file("catalog.go", goSyntax(options.package, packageDoc(model, options.package)));
  const codes = model.codes;
  const codeless = model.entries.filter((e) => e.code === undefined);

  for (const group of codes) {
    f.print``;
    f.print`${f.doc(`${n.code(group.code)} is the error code ${group.code} (HTTP ${group.httpStatuses.join(", ")}), as ErrorCode and Error.Code hold it.`)}`;
    f.print`const ${n.code(group.code)} = ${f.string(group.code)}`;
  }
  for (const e of model.entries) {
    f.print``;
    f.print`${f.doc(`${n.id(e.id)} is the catalog entry ${e.id} (${describeEntry(e)}), as Error.ID holds it.`)}`;
    f.print`const ${n.id(e.id)} = ${f.string(e.id)}`;
  }
  for (const [key, value] of Object.entries(model.service.limits)) {
    f.print``;
    f.print`${f.doc(`${n.limit(key)} is the service limit ${key}.`)}`;
    f.print`const ${n.limit(key)} = ${String(value)}`;
  }
  for (const group of codes) {
    f.print``;
    const meaning = group.entries.length === 1 ? group.entries[0]!.meaning : `one of the entries ${group.entries.map((e) => n.id(e.id)).join(", ")}.`;
    f.print`${f.doc(`${n.sentinel(group.entries[0]!)} matches, with errors.Is, the errors with code ${group.code}: ${meaning}`)}`;
    f.print`var ${n.sentinel(group.entries[0]!)} = &Sentinel{name: ${f.string(group.code)}, code: ${n.code(group.code)}}`;
  }
  for (const e of codeless) {
    f.print``;
    f.print`${f.doc(`${n.sentinel(e)} matches, with errors.Is, an HTTP ${e.httpStatus} response without a code (entry ${e.id}): ${e.meaning}`)}`;
    f.print`var ${n.sentinel(e)} = &Sentinel{name: ${f.string(e.id)}}`;
  }
  for (const e of model.entries) {
    if (e.placeholders.length === 0) continue;
    const type = n.params(e.id);
    const names = messageNames(e);
    f.print``;
    f.print`${f.doc(`${type} are the parameters of the message of ${n.id(e.id)}: ${e.message ?? ""}`)}`;
    f.print`type ${type} struct {`;
    names.forEach((name, i) => {
      const p = e.placeholders.find((x) => x.name === name)!;
      if (i > 0) f.print``;
      f.print`${f.doc(`${n.field(name)} is <${p.text}>: ${p.description}`, "\t")}`;
      f.print`\t${n.field(name)} string`;
    });
    f.print`}`;
    f.print``;
    f.print`func (${type}) entryID() string {`;
    f.print`\treturn ${n.id(e.id)}`;
    f.print`}`;
    f.print``;
    f.print`func (p ${type}) values() []string {`;
    f.print`\treturn []string{${names.map((name) => `p.${n.field(name)}`).join(", ")}}`;
    f.print`}`;
    f.print``;
    f.print`func (${type}) from(v []string) Params {`;
    f.print`\treturn ${type}{${names.map((name, i) => `${n.field(name)}: v[${i}]`).join(", ")}}`;
    f.print`}`;
  }

  const wire = [...model.service.wire.fields].sort((a, b) => a.number - b.number).map((w) => {
    const role = (ROLES as Record<string, string | undefined>)[w.name];
    return `{number: ${w.number}${w.type === "string" ? ", text: true" : ""}${role !== undefined ? `, role: ${role}` : ""}}`;
  });
  f.print``;
  f.print`func init() {`;
  f.print`\tinstall(&catalog{`;
  // Padded as gofmt aligns the values of consecutive keys.
  f.print`\t\tservice: ${f.string(model.service.name)},`;
  f.print`\t\tdocs:    ${f.string(options.docsUrl)},`;
  f.print`\t\twire:    []wireField{${wire.join(", ")}},`;
  f.print`\t\tentries: []entry{`;
  // Match order: each code's entries together, as catalog.json lists them; then the codeless entries.
  for (const e of [...codes.flatMap((g) => g.entries), ...codeless]) f.print`\t\t\t${entryLiteral(f, e)},`;
  f.print`\t\t},`;
  f.print`\t})`;
  f.print`}`;
  return f.toFile();
}

/** An entry of the table as one line of Go (a single-line literal, which gofmt does not align). */
function entryLiteral(f: FilePrinter, e: CatalogEntry): Printable[] {
  const parts = messageParts(e);
  const names = messageNames(e);
  const strings = (values: readonly string[]): Printable[] => values.flatMap((v, i) => (i === 0 ? [f.string(v)] : [", ", f.string(v)]));
  const out: Printable[] = [`{id: ${n.id(e.id)}, sentinel: ${n.sentinel(e)}, httpStatus: ${e.httpStatus}`];
  if (e.code !== undefined) out.push(`, code: ${n.code(e.code)}`);
  if (parts.length > 0) out.push(", parts: []string{", ...strings(parts), "}");
  if (names.length > 0) out.push(", names: []string{", ...strings(names), "}");
  if (e.retryable) out.push(", retryable: true");
  out.push(`, fault: ${e.fault === "server" ? "FaultServer" : "FaultClient"}`);
  if (e.keyState !== undefined) out.push(", keyState: ", f.string(e.keyState));
  out.push(", meaning: ", f.string(e.meaning), ", fix: ", f.string(e.fix));
  if (names.length > 0) {
    out.push(`, params: ${n.params(e.id)}{}`);
  }
  out.push("}");
  return out;
}
