/**
 * Validation of a parsed catalog: its shape (schema.ts), then the rules that look across entries.
 * Every problem becomes a diagnostic at the offending node; all of them are reported in one run.
 */
import * as z from "zod";
import { estimateOutput } from "./output-estimate.js";
import { CATALOG_LIMITS, catalogSchema, entrySchema, reservedSchema, serviceSchema, statusSchema, type CatalogDocument } from "./schema.js";
import { diagnosticAt, nodeAt, type CatalogSource, type DataPath } from "./source.js";
import type { Diagnostic } from "./diagnostics.js";
import type { RuleId } from "./rules.js";
import { WIRE_FIELDS_READ } from "./model.js";
import { requestConditionDiagnostics } from "./request-conditions.js";
import { operationDiagnostics } from "./operations.js";
import { parsePattern, patternsOverlap, printPattern, type Segment } from "./pattern.js";
import { closest } from "../suggest.js";
import {
  constantCase, pascalCase,
} from "./names.js";

export interface ValidationResult {
  readonly diagnostics: Diagnostic[];
  /** The catalog, when it has no problems. */
  readonly catalog: CatalogDocument | undefined;
}

/**
 * An entry as the cross-entry rules see it: unknown keys and the fields those rules do not read are
 * tolerated (the shape check reports them), so one typo does not hide an entry's other problems.
 */
const crossEntrySchema = entrySchema
  .loose()
  .partial({ meaning: true, fix: true, fault: true, retryable: true, retryableReason: true, keyState: true, links: true });
type CrossEntry = z.infer<typeof crossEntrySchema>;

export function validateCatalog(source: CatalogSource): ValidationResult {
  // Too many entries to generate: said alone and at once, before rules whose cost grows with the entries.
  const listed = (source.data as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(listed) && listed.length > CATALOG_LIMITS.entries) {
    return {
      diagnostics: [diagnosticAt(source, ["errors", CATALOG_LIMITS.entries], "too-many-entries", `the catalog has ${listed.length} entries; errcat generates at most ${CATALOG_LIMITS.entries} from one catalog (entry ${CATALOG_LIMITS.entries + 1} is here): split it into one catalog per service`)],
      catalog: undefined,
    };
  }
  const diagnostics: Diagnostic[] = [];
  const parsed = catalogSchema.safeParse(source.data);
  if (!parsed.success) diagnostics.push(...schemaDiagnostics(source, parsed.error.issues));

  // Cross-entry rules run on whichever entries have a valid shape, so one run reports everything.
  const raw = source.data as { errors?: unknown; statuses?: unknown; reserved?: unknown } | undefined;
  const entries: IndexedEntry[] = [];
  if (raw && Array.isArray(raw.errors)) {
    raw.errors.forEach((item, index) => {
      const r = crossEntrySchema.safeParse(item);
      if (r.success) entries.push({ index, entry: r.data });
    });
  }
  // A status section with another mistake (a missing title) still declares its status.
  const statuses = raw && Array.isArray(raw.statuses)
    ? raw.statuses.flatMap((s, index) => {
        const r = statusSchema.pick({ httpStatus: true }).loose().safeParse(s);
        return r.success ? [{ index, status: r.data }] : [];
      })
    : [];
  const service = serviceSchema.safeParse((source.data as { service?: unknown } | undefined)?.service);
  const serviceName = service.success ? service.data.name : undefined;
  // Reserved numbers are checked even when another part of the catalog is broken.
  const reserved = raw && Array.isArray(raw.reserved)
    ? raw.reserved.flatMap((r) => {
        const result = reservedSchema.safeParse(r);
        return result.success ? [result.data] : [];
      })
    : [];
  diagnostics.push(...crossEntryDiagnostics(source, entries, statuses, reserved, serviceName, Array.isArray(raw?.statuses)));
  if (service.success) diagnostics.push(...wireDiagnostics(source, service.data.wire));
  diagnostics.push(...requestConditionDiagnostics(source));
  diagnostics.push(...operationDiagnostics(source));
  diagnostics.push(...limitDiagnostics(source, entries, statuses.length));

  return { diagnostics, catalog: diagnostics.length === 0 && parsed.success ? parsed.data : undefined };
}

// ---------------------------------------------------------------------------------------------
// Shape

/** The schema of the value at a data path (optional wrappers removed), or undefined off the schema. */
function schemaAt(path: DataPath): z.ZodType | undefined {
  const unwrap = (t: z.ZodType): z.ZodType => (t instanceof z.ZodOptional ? unwrap(t.unwrap() as z.ZodType) : t);
  let schema: z.ZodType = shapeRoot;
  for (const segment of path) {
    schema = unwrap(schema);
    if (typeof segment === "number" && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (typeof segment === "string" && schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType | undefined>)[segment];
      if (!next) return undefined;
      schema = next;
    } else return undefined;
  }
  return unwrap(schema);
}

/** The keys allowed in the object at a data path, for did-you-mean suggestions. */
function keysAt(path: DataPath): string[] {
  const schema = schemaAt(path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

// The schema that paths are read against: a catalog's, or a layer file's while shapeDiagnostics runs.
let shapeRoot: z.ZodType = catalogSchema;

/** The shape problems of a file against another root schema (a layer file's, layers.ts), worded as a catalog's are. */
export function shapeDiagnostics(source: CatalogSource, schema: z.ZodType): Diagnostic[] {
  const parsed = schema.safeParse(source.data);
  if (parsed.success) return [];
  shapeRoot = schema;
  try {
    return schemaDiagnostics(source, parsed.error.issues);
  } finally {
    shapeRoot = catalogSchema;
  }
}

function schemaDiagnostics(source: CatalogSource, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    const what = source.data === null || source.data === undefined ? "empty" : "not a mapping of keys";
    return [diagnosticAt(source, [], "schema", `the catalog is ${what}: start it with \`errcat: 1\`, then \`service:\`, \`statuses:\` and \`errors:\``)];
  }
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const where = describePath(source, path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        if (key === "<<") {
          out.push(diagnosticAt(source, [...path, key], "unknown-key",
            `\`<<\` in ${where} is a YAML merge key, which a catalog does not use (YAML 1.2 has none): write the keys out in full`, { which: "key" }));
          continue;
        }
        const allowed = keysAt(path);
        const suggestion = closest(key, allowed);
        out.push(diagnosticAt(source, [...path, key], "unknown-key",
          `unknown key \`${key}\` in ${where}: ${suggestion ? `did you mean \`${suggestion}\`?` : `remove it (allowed here: ${allowed.join(", ")})`}`, { which: "key" }));
      }
      continue;
    }
    if (!nodeAt(source, path).found && path.length > 0) {
      const key = path.at(-1)!;
      const description = describeKey(path);
      out.push(diagnosticAt(source, path.slice(0, -1), "missing-key",
        `${describePath(source, path.slice(0, -1))} has no \`${key}\`: add \`${key}:\` with its value${description ? ` (${description[0]!.toLowerCase()}${description.slice(1)})` : ""}`,
        { which: "key" }));
      continue;
    }
    const value = valueAt(source.data, path);
    // A number as written: YAML reads 9007199254740993 as …992 and 1e400 as infinity.
    const shown = typeof value === "string" ? JSON.stringify(value) : typeof value === "number" ? (sourceText(source, path) ?? String(value)) : typeof value === "boolean" ? String(value) : undefined;
    const inexact = typeof value === "number" ? inexactNumber(value) : undefined;
    // zod may raise two issues for one such number (its range and its kind): one sentence says it.
    if (inexact !== undefined && out.some((d) => d.message.endsWith(inexact) && d.message.startsWith(`${where} `))) continue;
    out.push(diagnosticAt(source, path, "schema", `${where}${shown === undefined ? "" : ` is ${shown}`}: ${inexact ?? readable(issue, value)}`));
  }
  return out;
}

/** The text of a scalar as the file writes it. */
function sourceText(source: CatalogSource, path: DataPath): string | undefined {
  const { node, found } = nodeAt(source, path);
  const range = found ? node?.range : undefined;
  return range ? source.text.slice(range[0], range[1]).trim() || undefined : undefined;
}

/** Why a number cannot be used as written, when YAML could not read it exactly. */
function inexactNumber(value: number): string | undefined {
  if (Number.isNaN(value)) return "not a number (YAML reads .nan as one): write a number such as 404";
  if (!Number.isFinite(value)) return "too large for any number (YAML reads it as infinity): write the value in digits, at most 9007199254740991";
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return "larger than 9007199254740991, the largest whole number YAML holds exactly (it would be read as another number): write a smaller number";
  return undefined;
}

/** What a missing key holds, from the schema's description, to tell the user what to write. */
function describeKey(path: DataPath): string | undefined {
  return schemaAt(path)?.description?.replace(/\.$/, "");
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const p of path) value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[p] : undefined;
  return value;
}

/**
 * The issue as a sentence that says how to fix it. The schema's own messages already do; zod's
 * defaults ("Too small: expected number to be >=1") are rewritten.
 */
function readable(issue: z.core.$ZodIssue, value: unknown): string {
  const plural = (n: number | bigint, word: string) => `${n} ${word}${n === 1 || n === 1n ? "" : "s"}`;
  switch (issue.code) {
    case "invalid_type":
      if (!issue.message.startsWith("Invalid input")) return issue.message;
      return `expected ${TYPE_WORDS[issue.expected]?.noun ?? issue.expected}, not ${kindOf(value)}: ${TYPE_WORDS[issue.expected]?.fix ?? "change the value"}`;
    case "too_small":
      if (!issue.message.startsWith("Too small")) return issue.message;
      if (issue.origin === "array") return `needs at least ${plural(issue.minimum, "item")}: add ${issue.minimum === 1 ? "one" : "them"}`;
      if (issue.origin === "string") return "is empty: write a value, or remove the key if it is optional";
      return `must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}: change the value`;
    case "too_big":
      if (!issue.message.startsWith("Too big")) return issue.message;
      if (issue.origin === "array") return `has more than ${plural(issue.maximum, "item")}: remove some`;
      return `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}: change the value`;
    case "invalid_value":
      return issue.message.startsWith("Invalid option: expected one of ")
        ? `${issue.message.replace(/^Invalid option: expected one of /, "write one of ")}`
        : issue.message;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}

/** How zod's expected types read in a sentence, and how to write one in YAML. */
const TYPE_WORDS: Record<string, { readonly noun: string; readonly fix: string }> = {
  number: { noun: "a number", fix: "write the number without quotes" },
  int: { noun: "a whole number", fix: "write the number without quotes" },
  boolean: { noun: "true or false", fix: "write true or false without quotes (YAML reads yes/no as text)" },
  string: { noun: "text", fix: "quote it, as YAML reads some bare words as numbers, true/false or null" },
  array: { noun: "a list", fix: "write one `- item` per line below the key" },
  object: { noun: "a mapping", fix: "write `key: value` lines below the key, indented" },
};

/** "a string", "a list", "nothing"…: what the catalog holds where the schema expected something else. */
function kindOf(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "true/false";
  return `a ${typeof value}`;
}

/** `errors[3] (invalid-api-name).fix`: the path, with the entry id where there is one. */
function describePath(source: CatalogSource, path: DataPath): string {
  if (path.length === 0) return "the catalog";
  let text = "";
  for (const [i, p] of path.entries()) {
    text += typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`;
    if (i === 1 && path[0] === "errors" && typeof p === "number") {
      const id = (source.data as { errors?: { id?: unknown }[] }).errors?.[p]?.id;
      if (typeof id === "string") text += ` (${id})`;
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The wire message


const PROTO_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROTO_FULL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * service.wire describes a proto message that the .proto, the decoder and the fixtures all declare:
 * its names must be proto identifiers, its fields distinct, and the fields the runtime reads present.
 */
function wireDiagnostics(source: CatalogSource, wire: CatalogDocument["service"]["wire"]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: DataPath, rule: RuleId, message: string) => out.push(diagnosticAt(source, ["service", "wire", ...path], rule, message));
  if (!PROTO_FULL_NAME.test(wire.package)) at(["package"], "wire-name", `service.wire.package \`${wire.package}\` is not a proto package name: write the package the vendor's .proto declares, as in \`api\` or \`vendor.api.v1\``);
  if (!PROTO_IDENTIFIER.test(wire.message)) at(["message"], "wire-name", `service.wire.message \`${wire.message}\` is not a proto message name: write the message name the vendor's .proto declares, as in \`Error\``);
  const names = new Map<string, number>();
  const numbers = new Map<number, number>();
  wire.fields.forEach((f, i) => {
    if (!PROTO_IDENTIFIER.test(f.name)) at(["fields", i, "name"], "wire-name", `wire field name \`${f.name}\` is not a proto field name: use letters, digits and \`_\`, as the vendor's .proto writes it`);
    if (names.has(f.name)) at(["fields", i, "name"], "duplicate-wire-field", `wire field \`${f.name}\` is listed twice (first as field ${names.get(f.name)! + 1}): remove one`);
    else names.set(f.name, i);
    if (f.number > 536870911 || (f.number >= 19000 && f.number <= 19999)) {
      at(["fields", i, "number"], "wire-field-number", `wire field number ${f.number} cannot be used in proto (the largest is 536870911; 19000-19999 are reserved): use the vendor's field number`);
    }
    if (numbers.has(f.number)) at(["fields", i, "number"], "duplicate-wire-field", `wire field number ${f.number} is used twice (also by \`${wire.fields[numbers.get(f.number)!]!.name}\`): each field has its own number`);
    else numbers.set(f.number, i);
  });
  for (const [name, type] of Object.entries(WIRE_FIELDS_READ)) {
    const i = names.get(name);
    if (i === undefined) at(["fields"], "wire-fields", `service.wire.fields has no \`${name}\`: the generated runtime reads it; add \`- { name: ${name}, number: …, type: ${type} }\` with the vendor's number`);
    else if (wire.fields[i]!.type !== type) at(["fields", i, "type"], "wire-fields", `wire field \`${name}\` is ${wire.fields[i]!.type}, but the generated runtime reads it as ${type}: write \`type: ${type}\``);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules across entries

/** A message of the entry with each placeholder replaced by its example value. */
function exampleMessage(entry: CrossEntry, segments: readonly Segment[]): string {
  return segments.map((s) => (s.kind === "literal" ? s.text : entry.placeholders?.find((p) => p.text === s.text)?.example ?? "")).join("");
}

/** matchBefore must describe an order: a cycle (a before b before a) cannot be followed. */
function matchBeforeCycles(source: CatalogSource, entries: readonly IndexedEntry[]): Diagnostic[] {
  const byId = new Map(entries.map((e) => [e.entry.id, e]));
  const out: Diagnostic[] = [];
  const state = new Map<string, "active" | "done">();
  const visit = (e: IndexedEntry, trail: string[]) => {
    state.set(e.entry.id, "active");
    for (const [i, target] of (e.entry.matchBefore ?? []).entries()) {
      const next = byId.get(target);
      if (!next || target === e.entry.id) continue;
      if (state.get(target) === "active") {
        const cycle = [...trail.slice(trail.indexOf(target)), e.entry.id, target];
        out.push(diagnosticAt(source, ["errors", e.index, "matchBefore", i], "match-before-cycle",
          `matchBefore goes round in a circle (${cycle.join(" before ")}): no order can satisfy it; remove one of these matchBefore ids`));
      } else if (state.get(target) === undefined) visit(next, [...trail, e.entry.id]);
    }
    state.set(e.entry.id, "done");
  };
  for (const e of entries) if (state.get(e.entry.id) === undefined) visit(e, []);
  return out;
}

type IndexedEntry = { index: number; entry: CrossEntry };

/** A line as a message names it; a layered catalog's merged source (layers.ts) names the file the line is in. */
function lineLabel(source: CatalogSource, line: number): string | number {
  const describe = (source as CatalogSource & { describeLine?: (line: number) => string }).describeLine;
  return describe ? describe(line) : line;
}

function crossEntryDiagnostics(
  source: CatalogSource,
  entries: IndexedEntry[],
  statuses: { index: number; status: { httpStatus: number } }[],
  reserved: NonNullable<CatalogDocument["reserved"]>,
  serviceName: string | undefined,
  haveStatuses: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (index: number, key: string | DataPath, rule: RuleId, message: string, options?: Parameters<typeof diagnosticAt>[4]) =>
    out.push(diagnosticAt(source, ["errors", index, ...(typeof key === "string" ? [key] : key)], rule, message, options));
  const lineOf = (index: number, key: string) => lineLabel(source, diagnosticAt(source, ["errors", index, key], "", "").line);

  // Ids and numbers are unique, and never those of removed entries.
  const firstId = new Map<string, number>();
  const firstNumber = new Map<number, number>();
  const reservedNumbers = new Map(reserved.map((r) => [r.number, r]));
  const reservedIds = new Map(reserved.flatMap((r) => (r.id ? [[r.id, r] as const] : [])));
  for (const { index, entry } of entries) {
    const prevId = firstId.get(entry.id);
    if (prevId !== undefined) at(index, "id", "duplicate-id", `duplicate id \`${entry.id}\`: line ${lineOf(prevId, "id")} already uses it; give this entry an id of its own`);
    else firstId.set(entry.id, index);
    if (reservedIds.has(entry.id)) at(index, "id", "reserved-id", `id \`${entry.id}\` belonged to a removed entry (see reserved): choose a new id`);
    const prevNumber = firstNumber.get(entry.number);
    if (prevNumber !== undefined) at(index, "number", "duplicate-number", `duplicate number ${entry.number}: line ${lineOf(prevNumber, "number")} already uses it; use the next free number`);
    else firstNumber.set(entry.number, index);
    if (reservedNumbers.has(entry.number)) at(index, "number", "reserved-number", `number ${entry.number} is reserved (${reservedNumbers.get(entry.number)!.reason}): numbers of removed entries are never reused; use the next free number`);
  }

  // Status, fault and status sections agree.
  const declaredStatuses = new Set(statuses.map((s) => s.status.httpStatus));
  const firstStatus = new Map<number, number>();
  for (const { index, status } of statuses) {
    const prev = firstStatus.get(status.httpStatus);
    if (prev !== undefined) out.push(diagnosticAt(source, ["statuses", index, "httpStatus"], "duplicate-status", `status ${status.httpStatus} is listed twice under statuses: merge the two`));
    else firstStatus.set(status.httpStatus, index);
  }
  for (const { index, entry } of entries) {
    const klass = Math.floor(entry.httpStatus / 100);
    if (klass === 4 && entry.fault !== undefined && entry.fault !== "client") at(index, "fault", "fault-status", `fault is \`${entry.fault}\` but httpStatus ${entry.httpStatus} is a client error: use \`fault: client\``);
    if (klass === 5 && entry.fault !== undefined && entry.fault !== "server") at(index, "fault", "fault-status", `fault is \`${entry.fault}\` but httpStatus ${entry.httpStatus} is a server error: use \`fault: server\``);
    if (klass < 4) at(index, "httpStatus", "status-not-error", `httpStatus ${entry.httpStatus} is not an error status: use the 4xx or 5xx status the server answers this error with`);
    if (haveStatuses && !declaredStatuses.has(entry.httpStatus)) at(index, "httpStatus", "undeclared-status", `status ${entry.httpStatus} has no section under statuses: add \`- httpStatus: ${entry.httpStatus}\` with its title`);
  }

  // Codeless entries: no message, and one per status at most.
  const codelessByStatus = new Map<number, number>();
  for (const { index, entry } of entries) {
    if (entry.code !== undefined) continue;
    if (entry.message !== undefined) at(index, "message", "message-without-code", "a message needs a code: add the code the server sends, or remove the message for a codeless status");
    if ((entry.placeholders?.length ?? 0) > 0) at(index, "placeholders", "placeholders-without-message", "a codeless entry has no message, so it can have no placeholders: remove them");
    const prev = codelessByStatus.get(entry.httpStatus);
    if (prev !== undefined) at(index, "httpStatus", "duplicate-codeless", `status ${entry.httpStatus} already has a codeless entry at line ${lineOf(prev, "httpStatus")}: a response without a code could not tell them apart; merge them`);
    else codelessByStatus.set(entry.httpStatus, index);
  }
  for (const { index, entry } of entries) {
    if (entry.code !== undefined && entry.message === undefined) at(index, "code", "code-without-message", `code \`${entry.code}\` has no message: add the message the server sends`);
  }

  // Message patterns and their placeholders.
  const segmentsOf = new Map<number, Segment[]>();
  for (const { index, entry } of entries) {
    const declared = entry.placeholders ?? [];
    if (entry.message === undefined) continue;
    const { segments, problems } = parsePattern(entry.message);
    for (const p of problems) at(index, "message", "pattern", p.message, { offsetInValue: p.offset });
    // A message over the length limit is reported by limitDiagnostics; it takes no part in the overlap checks.
    if (problems.length === 0 && entry.message.length <= CATALOG_LIMITS.messageLength) segmentsOf.set(index, segments);
    const used = new Map<string, number>();
    const declaredTexts = new Set(declared.map((d) => d.text));
    const count = segments.reduce((n, s) => n + (s.kind === "placeholder" ? 1 : 0), 0);
    const checkPlaceholder = (s: Segment, offsetInValue: number) => {
      if (used.has(s.text)) {
        at(index, "message", "repeated-placeholder", `placeholder \`<${s.text}>\` appears twice: a message takes each placeholder once; give the second its own text and declaration`, { offsetInValue });
        return;
      }
      used.set(s.text, offsetInValue);
      // Where the pattern is broken, its placeholders are not known yet: the parser's problems come first.
      if (problems.length === 0 && !declaredTexts.has(s.text)) {
        at(index, "message", "undeclared-placeholder", `placeholder \`<${s.text}>\` is not declared: add \`- text: ${s.text}\` with a name, description and example under placeholders`, { offsetInValue });
      }
    };
    // Where each placeholder is written: the printed length of what precedes it (escapes included),
    // summed as the loop goes, so a message costs its length once, not once per placeholder.
    let offsetInValue = 0;
    let seen = 0;
    const tooMany = count > CATALOG_LIMITS.placeholdersPerMessage;
    for (const s of segments) {
      const here = offsetInValue;
      offsetInValue += printPattern([s]).length;
      if (s.kind !== "placeholder") continue;
      seen += 1;
      if (tooMany) {
        if (seen === CATALOG_LIMITS.placeholdersPerMessage + 1) {
          at(index, "message", "too-many-placeholders", `this message has ${count} placeholders; a message takes at most ${CATALOG_LIMITS.placeholdersPerMessage} (each one multiplies the fixtures and parameters generated for it): check that it is the message the server sends`, { offsetInValue: here });
        }
        continue;
      }
      checkPlaceholder(s, here);
    }
    if (tooMany) {
      segmentsOf.delete(index);
      continue;
    }
    const seenText = new Set<string>();
    const seenName = new Set<string>();
    declared.forEach((d, i) => {
      const path = ["placeholders", i];
      if (seenText.has(d.text)) {
        at(index, [...path, "text"], "duplicate-placeholder", `placeholder \`${d.text}\` is declared twice: remove one`);
        return;
      }
      // Where the pattern itself is broken, which placeholders it uses is unknown: report only that.
      if (problems.length === 0 && !used.has(d.text)) at(index, [...path, "text"], "unused-placeholder", `placeholder \`${d.text}\` is declared but the message has no \`<${d.text}>\`: remove it or use it in the message`);
      seenText.add(d.text);
      if (seenName.has(d.name)) at(index, [...path, "name"], "duplicate-placeholder-name", `two placeholders are named \`${d.name}\`: give each its own name`);
      seenName.add(d.name);
    });
  }

  // Codes: patterns under one code must not match the same message, unless ordered.
  const byCode = new Map<string, IndexedEntry[]>();
  for (const e of entries) if (e.entry.code !== undefined) byCode.set(e.entry.code, [...(byCode.get(e.entry.code) ?? []), e]);
  for (const { index, entry } of entries) {
    for (const [i, target] of (entry.matchBefore ?? []).entries()) {
      const other = entries.find((e) => e.entry.id === target);
      if (target === entry.id) at(index, ["matchBefore", i], "match-before-self", `matchBefore names this entry itself: list the ids of other entries of code \`${entry.code ?? "none"}\`, or remove it`);
      else if (!other) {
        const suggestion = closest(target, entries.filter((e) => e.entry.code === entry.code && e.entry.id !== entry.id).map((e) => e.entry.id));
        at(index, ["matchBefore", i], "unknown-match-before", `matchBefore names \`${target}\`, which is no entry id: ${suggestion ? `did you mean \`${suggestion}\`?` : "fix the id or remove it"}`);
      }
      else if (other.entry.code !== entry.code) at(index, ["matchBefore", i], "match-before-other-code", `matchBefore names \`${target}\`, which has another code (${other.entry.code ?? "none"}): remove it, as only entries of one code compete for a message`);
    }
  }
  out.push(...matchBeforeCycles(source, entries));
  for (const group of byCode.values()) {
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) {
        const x = group[a]!;
        const y = group[b]!;
        if (x.entry.message === y.entry.message) {
          at(y.index, "message", "duplicate-message", `code \`${y.entry.code}\` already has this message at line ${lineOf(x.index, "message")}: one entry per (code, message); merge the two`);
          continue;
        }
        const sx = segmentsOf.get(x.index);
        const sy = segmentsOf.get(y.index);
        if (!sx || !sy || !patternsOverlap(sx, sy)) continue;
        const xFirst = (x.entry.matchBefore ?? []).includes(y.entry.id);
        const yFirst = (y.entry.matchBefore ?? []).includes(x.entry.id);
        if (!xFirst && !yFirst) {
          at(y.index, "message", "overlapping-patterns", `this message pattern and the one of \`${x.entry.id}\` (line ${lineOf(x.index, "message")}) can match the same message: make them distinct, or add \`matchBefore: [${x.entry.id}]\` to the more specific of the two, so it is tried first`);
          continue;
        }
        // The entry tried first must not take the other's own example message, or the other never matches.
        const [first, second] = xFirst ? [x, y] : [y, x];
        const example = exampleMessage(second.entry, segmentsOf.get(second.index)!);
        if (patternsOverlap(segmentsOf.get(first.index)!, [{ kind: "literal", text: example }])) {
          at(first.index, "matchBefore", "match-before-shadows", `this entry is tried before \`${second.entry.id}\` (line ${lineOf(second.index, "message")}) but its pattern also matches that entry's example message "${example}", so \`${second.entry.id}\` would never match: put \`matchBefore: [${first.entry.id}]\` on \`${second.entry.id}\` instead`);
        }
      }
    }
  }

  // Ids become the proto enum's value names (ERROR_CODE_<ID>): they must be distinct there. Each
  // target checks the names it derives itself (generators/target/name-rules.ts).
  if (serviceName !== undefined) {
    const constants = new Map<string, string>();
    for (const { index, entry } of entries) {
      // The proto enum's zero value is <ENUM>_UNSPECIFIED (enumValueName(…, "unspecified")).
      if (constantCase(entry.id) === constantCase("unspecified")) {
        at(index, "id", "id-name-collision", `id \`${entry.id}\` becomes the proto enum's zero value \`…_UNSPECIFIED\`, which errcat keeps for "no entry": choose another id`);
      }
      for (const name of [constantCase(entry.id), pascalCase(entry.id)]) {
        const prev = constants.get(name);
        if (prev !== undefined && prev !== entry.id) at(index, "id", "id-name-collision", `id \`${entry.id}\` becomes \`${name}\` in generated code, as id \`${prev}\` does: rename one of them`);
        else constants.set(name, entry.id);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Limits: what `generate` can write, so that a catalog `validate` passes also generates.

function limitDiagnostics(source: CatalogSource, entries: readonly IndexedEntry[], statusCount: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const L = CATALOG_LIMITS;
  for (const { index, entry } of entries) {
    if (entry.id.length > L.idLength) {
      out.push(diagnosticAt(source, ["errors", index, "id"], "id-too-long", `this id is ${entry.id.length} characters long; ids are at most ${L.idLength}, as they name generated files (\`<id>.unicode.bin\`) and the file system takes 255 bytes per name: shorten it`));
    }
    if (entry.code !== undefined && entry.code.length > L.codeLength) {
      out.push(diagnosticAt(source, ["errors", index, "code"], "code-too-long", `this code is ${entry.code.length} characters long; codes are at most ${L.codeLength}, as they name generated classes and files: check that it is the code the server sends`));
    }
    if (entry.message !== undefined && entry.message.length > L.messageLength) {
      out.push(diagnosticAt(source, ["errors", index, "message"], "message-too-long", `this message is ${entry.message.length} characters long; messages are at most ${L.messageLength}: check that it is the message the server sends, not a page pasted into it`));
    }
  }
  if (out.length > 0) return out;
  const estimate = estimateOutput(entries.map((e) => e.entry), statusCount);
  const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
  if (estimate.largest.bytes > L.fileBytes) {
    out.push(diagnosticAt(source, ["errors"], "output-too-large", `generating this catalog would write a ${estimate.largest.path} of about ${mb(estimate.largest.bytes)}, more than the ${mb(L.fileBytes)} one file can hold in memory: split the catalog, or shorten its longest messages and examples`, { which: "key" }));
  } else if (estimate.printedBytes > L.printedBytes) {
    out.push(diagnosticAt(source, ["errors"], "output-too-large", `generating this catalog would print about ${mb(estimate.printedBytes)} of code and docs, more than the ${mb(L.printedBytes)} one run can hold in memory: split the catalog, or shorten its longest messages and texts`, { which: "key" }));
  }
  return out;
}
