/**
 * The parts of the generated runtime that do not depend on the catalog's entries: the protobuf
 * decoder and encoder, the base classes, response classification and the message matcher. Only
 * the service's names and wire fields are spliced in.
 */
import { WIRE_FIELDS_READ, type ServiceInfo } from "../catalog/model.js";
import { camelCase } from "../catalog/names.js";

/** The names the runtime exports for a service prefix (`Kms`) and constant prefix (`KMS`). */
export interface RuntimeNames {
  readonly base: string;
  readonly unknown: string;
  readonly decodeError: string;
  readonly code: string;
  readonly id: string;
  readonly params: string;
  readonly json: string;
  readonly variant: string;
  readonly info: string;
  readonly init: string;
  readonly wire: string;
  readonly response: string;
  readonly isBase: string;
  readonly table: string;
  readonly docsUrl: string;
}

export function runtimeNames(prefix: string, constant: string): RuntimeNames {
  return {
    base: `${prefix}Error`,
    unknown: `Unknown${prefix}Error`,
    decodeError: `${prefix}DecodeError`,
    code: `${prefix}ErrorCode`,
    id: `${prefix}ErrorId`,
    params: `${prefix}ErrorParams`,
    json: `${prefix}ErrorJSON`,
    variant: `${prefix}ErrorVariant`,
    info: `${prefix}ErrorInfo`,
    init: `${prefix}ErrorInit`,
    wire: `${prefix}WireError`,
    response: `${prefix}Response`,
    isBase: `is${prefix}Error`,
    table: `${constant}_ERRORS`,
    docsUrl: `${constant}_DOCS_URL`,
  };
}


/** Checks the wire message has the fields the runtime reads; throws a sentence naming what is missing. */
export function checkWireFields(service: ServiceInfo): void {
  for (const [name, type] of Object.entries(WIRE_FIELDS_READ)) {
    const field = service.wire.fields.find((f) => f.name === name);
    if (field === undefined || field.type !== type) {
      throw new Error(`the TypeScript runtime reads the ${service.wire.message} field ${name} (${type}); add it to service.wire.fields`);
    }
  }
}

/** The decoder, encoder and wire type of the service's Error message. */
export function wireText(service: ServiceInfo, n: RuntimeNames): string {
  const fields = [...service.wire.fields].sort((a, b) => a.number - b.number);
  const prop = (name: string) => camelCase(name);
  const tag = (number: number, type: "int32" | "string") => number * 8 + (type === "int32" ? 0 : 2);
  const interfaceFields = fields.map((f) => `  ${prop(f.name)}: ${f.type === "int32" ? "number" : "string"};`).join("\n");
  // String fields are read as byte ranges during the scan and decoded together after it.
  const strings = fields.filter((f) => f.type === "string");
  const ints = fields.filter((f) => f.type === "int32");
  const slot = (name: string) => {
    const f = fields.find((x) => x.name === name)!;
    return f.type === "int32" ? ints.indexOf(f) : strings.indexOf(f);
  };
  const cases = fields
    .map((f) => f.type === "int32"
      ? `      case ${tag(f.number, f.type)}:\n        ints[${ints.indexOf(f)}] = varint(b);\n        break;`
      : `      case ${tag(f.number, f.type)}:\n        field(b, ${strings.indexOf(f)});\n        break;`)
    .join("\n");
  const outFields = fields.map((f) => `${prop(f.name)}: ${f.type === "int32" ? `ints[${ints.indexOf(f)}]!` : `texts[${strings.indexOf(f)}]!`}`).join(", ");
  const encodes = fields.map((f) => `  ${f.type === "int32" ? "putInt" : "putString"}(out, ${tag(f.number, f.type)}, fields.${prop(f.name)});`).join("\n");
  return `declare const TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => { decode(input: Uint8Array): string };
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

/** The fields of the \`${service.wire.package}.${service.wire.message}\` message, the body of every error response. */
export interface ${n.wire} {
${interfaceFields}
}

/** The body is not a valid \`${service.wire.package}.${service.wire.message}\` message. */
export class ${n.decodeError} extends Error {
  /** The byte offset in the body where the problem is. */
  readonly offset: number;

  constructor(problem: string, offset: number) {
    super(\`cannot decode the error body: \${problem} (at byte \${offset})\`);
    this.offset = offset;
  }
}
Object.defineProperty(${n.decodeError}.prototype, "name", { value: "${n.decodeError}", writable: true, configurable: true });

// The decoder keeps its read position in module state: decoding is synchronous and never re-entered.
let at = 0;
// Set by varint() when the value had bits above the low 32.
let wide = false;
let utf8: { decode(input: Uint8Array): string } | undefined;

function fail(problem: string, offset: number): never {
  throw new ${n.decodeError}(problem, offset);
}

/** Reads a varint of up to 10 bytes; returns its low 32 bits as a signed int32 (what an int32 field holds). */
function varint(b: Uint8Array): number {
  const start = at;
  let value = 0;
  let shift = 0;
  let byte: number;
  wide = false;
  do {
    if (at >= b.length) fail("truncated varint", start);
    if (shift > 63) fail("varint longer than 10 bytes", start);
    byte = b[at++]!;
    if (shift < 32) {
      value |= (byte & 0x7f) << shift;
      if (shift === 28 && byte & 0x70) wide = true;
    } else if (byte & 0x7f) wide = true;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

function tag(b: Uint8Array): number {
  const start = at;
  const t = varint(b) >>> 0;
  if (wide) fail("field tag longer than 32 bits", start);
  if (t >>> 3 === 0) fail("field number 0", start);
  return t;
}

function length(b: Uint8Array): number {
  const start = at;
  const n = varint(b) >>> 0;
  if (wide || n > b.length - at) fail("length past the end of the body", start);
  return n;
}

// The message read last: its int32 fields, the byte range (start, end) of each string field, and their text.
const ints: number[] = [${ints.map(() => "0").join(", ")}];
const ranges: number[] = [${strings.map(() => "0, 0").join(", ")}];
const texts: string[] = [${strings.map(() => '""').join(", ")}];
// Where fromResponse finds the fields it reads in ints and texts.
const STATUS_CODE = ${slot("StatusCode")};
const ERROR_CODE = ${slot("ErrorCode")};
const ERROR_MESSAGE = ${slot("ErrorMessage")};
const REQUEST_ID = ${slot("RequestId")};

/** Notes where string field k's bytes are and moves past them; a repeated field's earlier value must still be valid UTF-8. */
function field(b: Uint8Array, k: number): void {
  let n = b[at]!;
  if (n < 0x80 && n < b.length - at) at++;
  else n = length(b);
  if (ranges[2 * k + 1]! > ranges[2 * k]!) decodeUtf8(b, ranges[2 * k]!, ranges[2 * k + 1]!);
  ranges[2 * k] = at;
  at += n;
  ranges[2 * k + 1] = at;
}

/**
 * Decodes the string fields noted by field(). When their bytes and the tags between them are ASCII, one
 * TextDecoder call reads them all and each field is a slice of it: per-field calls cost more than the decoding.
 */
function decodeStrings(b: Uint8Array): void {
  let lo = b.length;
  let hi = 0;
  let used = 0;
  let count = 0;
  for (let k = 0; k < texts.length; k++) {
    const start = ranges[2 * k]!;
    const end = ranges[2 * k + 1]!;
    texts[k] = "";
    if (end > start) {
      if (start < lo) lo = start;
      if (end > hi) hi = end;
      used += end - start;
      count++;
    }
  }
  if (count === 0) return;
  // Only a one-byte tag and a one-byte length between the fields: the bytes that are not text are ASCII.
  if (hi - lo === used + 2 * (count - 1)) {
    let text: string | undefined;
    try {
      text = (utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })).decode(view(b, lo, hi));
    } catch {
      // Invalid in some field: decoded field by field below, which says where.
    }
    // Valid UTF-8 with as many UTF-16 units as bytes: every byte was ASCII, so each field is a slice.
    if (text !== undefined && text.length === hi - lo) {
      for (let k = 0; k < texts.length; k++) {
        if (ranges[2 * k + 1]! > ranges[2 * k]!) texts[k] = text.slice(ranges[2 * k]! - lo, ranges[2 * k + 1]! - lo);
      }
      return;
    }
  }
  for (let k = 0; k < texts.length; k++) {
    if (ranges[2 * k + 1]! > ranges[2 * k]!) texts[k] = decodeUtf8(b, ranges[2 * k]!, ranges[2 * k + 1]!);
  }
}

/** b[start, end) as a plain Uint8Array: subarray() would go through the species of a subclass such as Buffer. */
function view(b: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset + start, end - start);
}

function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  try {
    return (utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })).decode(view(b, start, end));
  } catch {
    return fail("invalid UTF-8 in a string field", start);
  }
}

/** Skips a field this decoder does not know: a newer server may send more. */
function skip(b: Uint8Array, wireType: number, field: number, depth: number): void {
  const start = at;
  switch (wireType) {
    case 0:
      varint(b);
      return;
    case 1:
      at += 8;
      break;
    case 2: {
      const n = length(b);
      at += n;
      return;
    }
    case 3:
      if (depth > 32) fail("groups nested too deep", start);
      for (;;) {
        const tagAt = at;
        const t = tag(b);
        if ((t & 7) === 4) {
          if (t >>> 3 !== field) fail("end of group does not match its start", tagAt);
          return;
        }
        skip(b, t & 7, t >>> 3, depth + 1);
      }
    case 5:
      at += 4;
      break;
    default:
      fail(\`unexpected wire type \${wireType}\`, start);
  }
  if (at > b.length) fail("truncated field", start);
}

/** Reads a message into ints, ranges and texts; malformed input throws ${n.decodeError}. */
function read(b: Uint8Array): void {
  for (let i = 0; i < ints.length; i++) ints[i] = 0;
  for (let i = 0; i < ranges.length; i++) ranges[i] = 0;
  at = 0;
  while (at < b.length) {
    // Tags of fields 1 to 15 are one byte; tag() handles the rest and rejects field number 0.
    let t = b[at]!;
    if (t >= 0x80 || t < 8) t = tag(b);
    else at++;
    switch (t) {
${cases}
      default:
        skip(b, t & 7, t >>> 3, 0);
    }
  }
  decodeStrings(b);
}

/**
 * Decodes the body of an error response. Unknown fields are skipped; malformed input throws
 * ${n.decodeError}, never a bare RangeError.
 */
export function decodeError(bytes: Uint8Array | ArrayBuffer): ${n.wire} {
  read(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return { ${outFields} };
}

function putVarint(out: number[], lo: number, hi: number): void {
  while (hi !== 0 || lo > 0x7f) {
    out.push((lo & 0x7f) | 0x80);
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  out.push(lo);
}

function putInt(out: number[], t: number, value: number | undefined): void {
  const v = (value ?? 0) | 0;
  // A negative int32 is sign-extended to 64 bits on the wire: ten bytes.
  if (v !== 0) (out.push(t), putVarint(out, v >>> 0, v < 0 ? 0xffffffff : 0));
}

function putString(out: number[], t: number, value: string | undefined): void {
  if (!value) return;
  const bytes = new TextEncoder().encode(value);
  out.push(t);
  putVarint(out, bytes.length, 0);
  for (const byte of bytes) out.push(byte);
}

/** Encodes an error body (for tests, mocks and servers); fields at their default (0, "") are left out, as protobuf does. */
export function encodeError(fields: Partial<${n.wire}>): Uint8Array {
  const out: number[] = [];
${encodes}
  return Uint8Array.from(out);
}
`;
}

/** The brand, the shared types and the base classes; the entry table and per-code classes come between this and classifyText. */
export function baseText(service: ServiceInfo, n: RuntimeNames): string {
  return `const BRAND = Symbol.for("errcat.${service.name}.error");

/** Where docsUrl points by default: the generated ERRORS.md. Set ${n.base}.docsBaseUrl to publish it elsewhere. */
export const ${n.docsUrl} = "ERRORS.md";

/** What the catalog says about one entry. */
export interface ${n.info} {
  readonly code: ${n.code} | undefined;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly fault: "client" | "server";
  readonly keyState: string | undefined;
  readonly meaning: string;
  readonly fix: string;
  /** The message's literal text around its placeholders (one more than placeholders); empty when the entry has no message. */
  readonly parts: readonly string[];
  /** The placeholder names, in message order. */
  readonly placeholders: readonly string[];
}

/** An entry id with its typed params: narrow on \`id\` to read them. */
export type ${n.variant}<I extends ${n.id} | undefined> = I extends ${n.id}
  ? { readonly id: I; readonly params: ${n.params}[I] }
  : { readonly id: undefined; readonly params: Readonly<Record<string, never>> };

/** What ${n.base}'s constructor takes; fromResponse fills it from a response. */
export interface ${n.init} {
  httpStatus: number;
  code?: string | undefined;
  errorMessage?: string | undefined;
  requestId?: string | undefined;
  id?: ${n.id} | undefined;
  statusCode?: number | undefined;
  body?: Uint8Array | undefined;
  cause?: unknown;
}

/** What JSON.stringify writes for an error. */
export interface ${n.json} {
  name: string;
  code: string | undefined;
  message: string;
  httpStatus: number;
  requestId: string | undefined;
  id: ${n.id} | undefined;
  params: Readonly<Record<string, string>>;
}

type Traits = Pick<${n.info}, "retryable" | "fault" | "keyState">;

/** An error returned by the ${service.title.replace(/\*\//g, "*\\/")}, or a response that was not one. */
export class ${n.base} extends Error {
  /** Where docsUrl points: ${n.docsUrl} unless you set it (e.g. to the URL of your published ERRORS.md). */
  static docsBaseUrl: string = ${n.docsUrl};
  /**
   * Whether fromResponse captures a stack trace. Capturing one costs many times the decode; set false
   * where errors are classified in bulk (the stack then holds only the name and message).
   */
  static stackTraces = true;

  /** The HTTP status of the response. */
  declare readonly httpStatus: number;
  /** The ErrorCode in the body, or undefined when the body had none. */
  declare readonly code: string | undefined;
  /** The server's message, as sent. */
  declare readonly errorMessage: string;
  declare readonly requestId: string | undefined;
  /** The catalog entry the code and message matched, or undefined when none did. */
  declare readonly id: ${n.id} | undefined;
  /** The StatusCode in the body, when it had one; the HTTP status wins when they disagree. */
  declare readonly statusCode: number | undefined;
  /** The raw body, kept when it was not an error message (e.g. an HTML page from a proxy). */
  declare readonly body: Uint8Array | undefined;
  // The params once read; before that, the matcher fromResponse matched the message with, or undefined.
  declare private parsed: Readonly<Record<string, string>> | Matcher | undefined;

  constructor(init: ${n.init}) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    fill(this, init);
  }

  /** The placeholder values of the message, by name; parsed on first read. */
  get params(): Readonly<Record<string, string>> {
    const p = this.parsed;
    if (p !== undefined && !(p instanceof Matcher)) return p;
    return (this.parsed = p === undefined ? params(this.id, this.errorMessage) : values(p, this.errorMessage));
  }

  get retryable(): boolean {
    return traits(this).retryable;
  }

  get fault(): "client" | "server" {
    return traits(this).fault;
  }

  get keyState(): string | undefined {
    return traits(this).keyState;
  }

  get meaning(): string | undefined {
    return this.id === undefined ? undefined : ${n.table}[this.id].meaning;
  }

  get fix(): string | undefined {
    return this.id === undefined ? undefined : ${n.table}[this.id].fix;
  }

  /** The entry's section in the docs. */
  get docsUrl(): string {
    return this.id === undefined ? ${n.base}.docsBaseUrl : \`\${${n.base}.docsBaseUrl}#\${this.id}\`;
  }

  toJSON(): ${n.json} {
    return { name: this.name, code: this.code, message: this.errorMessage, httpStatus: this.httpStatus, requestId: this.requestId, id: this.id, params: this.params };
  }
}

/** An error whose code the catalog does not know, or a response nothing classifies; code and message are kept as sent. */
export class ${n.unknown} extends ${n.base} {
  declare readonly id: undefined;
}

function describe(init: ${n.init}): string {
  return init.errorMessage || (init.id === undefined ? init.code : ${n.table}[init.id].meaning) || \`HTTP \${init.httpStatus}\`;
}

function fill(error: ${n.base}, init: ${n.init}, matched?: Matcher): ${n.base} {
  const e = error as unknown as Record<string, unknown>;
  e.httpStatus = init.httpStatus;
  e.code = init.code;
  e.errorMessage = init.errorMessage ?? "";
  e.requestId = init.requestId;
  e.id = init.id;
  e.statusCode = init.statusCode;
  e.body = init.body;
  e.parsed = matched;
  return error;
}

/** True when x is a ${n.base}, made by this copy of the module or another. */
export function ${n.isBase}(x: unknown): x is ${n.base} {
  return typeof brand(x) === "string";
}

function brand(x: unknown): unknown {
  return typeof x === "object" && x !== null ? (x as { [BRAND]?: unknown })[BRAND] : undefined;
}
`;
}

/** Matching, classification and the public functions; reads the entry table and CLASSES. */
export function classifyText(service: ServiceInfo, n: RuntimeNames): string {
  return `/** How one entry's message is matched, precomputed from its parts. */
class Matcher {
  readonly id: ${n.id};
  /** 0: the entry has no message; 1: literal text (head); 2: one placeholder between head and tail; 3: several. */
  readonly kind: number;
  readonly head: string;
  readonly tail: string;
  /** The length of the literal text: no shorter message fits. */
  readonly min: number;
  readonly parts: readonly string[];
  readonly names: readonly string[];
  /** head and tail in UTF-8, to match a body's bytes before they are text; null when they cannot be sent as UTF-8. */
  readonly head8: Uint8Array | null;
  readonly tail8: Uint8Array;
  readonly min8: number;

  constructor(id: ${n.id}) {
    const { parts, placeholders } = ${n.table}[id];
    this.id = id;
    this.kind = parts.length === 0 ? 0 : parts.length === 1 ? 1 : parts.length === 2 ? 2 : 3;
    this.head = parts[0] ?? "";
    this.tail = parts.length > 1 ? parts[parts.length - 1]! : "";
    this.min = parts.join("").length;
    this.parts = parts;
    this.names = placeholders;
    const head8 = utf8Of(this.head);
    const tail8 = utf8Of(this.tail);
    const all8 = utf8Of(parts.join(""));
    this.head8 = tail8 === null || all8 === null ? null : head8;
    this.tail8 = tail8 ?? EMPTY;
    this.min8 = all8 === null ? 0 : all8.length;
  }
}

/** A code's class, its entries' matchers in match order, and the code as the catalog spells it. */
interface Group {
  readonly cls: typeof ${n.base};
  readonly code: string;
  readonly matchers: readonly Matcher[];
  readonly code8: Uint8Array;
  /** The next group whose code has the same hash. */
  next: Group | undefined;
}

const BY_CODE = new Map<string, Group>();
// Groups by a hash of the code's UTF-8 bytes: fromResponse finds the code without making a string of it.
const BY_HASH = new Map<number, Group>();
const MATCHERS = new Map<${n.id}, Matcher>();
const CLASS_OF = new Map<${n.id}, typeof ${n.base}>();
const TRAITS = new Map<unknown, Traits>();
// The one entry of each HTTP status, or null when several share it.
const BY_STATUS = new Map<number, ${n.id} | null>();
const NONE: Readonly<Record<string, never>> = Object.freeze({});
const EMPTY = new Uint8Array(0);

for (const [cls, name, code, entries] of CLASSES) {
  const ids = entries as readonly ${n.id}[];
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
  Object.defineProperty(cls.prototype, BRAND, { value: name });
  const matchers = ids.map((id) => new Matcher(id));
  if (code !== undefined) {
    const group: Group = { cls, code, matchers, code8: utf8Of(code) ?? EMPTY, next: undefined };
    BY_CODE.set(code, group);
    if (utf8Of(code) !== null) {
      const h = hash(group.code8, 0, group.code8.length);
      group.next = BY_HASH.get(h);
      BY_HASH.set(h, group);
    }
  }
  for (const m of matchers) {
    MATCHERS.set(m.id, m);
    CLASS_OF.set(m.id, cls);
    const status = ${n.table}[m.id].httpStatus;
    BY_STATUS.set(status, BY_STATUS.has(status) ? null : m.id);
  }
  // A code whose entries agree on these answers for its unmatched messages too.
  const first = ids[0] === undefined ? undefined : ${n.table}[ids[0]];
  if (first && ids.every((id) => same(${n.table}[id], first))) TRAITS.set(name, first);
}

/** A string's UTF-8 bytes, or null when it has a lone surrogate (no UTF-8 body can hold it). */
function utf8Of(s: string): Uint8Array | null {
  const bytes = new TextEncoder().encode(s);
  return (utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })).decode(bytes) === s ? bytes : null;
}

/** FNV-1a of b[start, end), kept within a small integer. */
function hash(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h & 0x3fffffff;
}

/** Whether b holds bytes at offset. */
function has(b: Uint8Array, offset: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (b[offset + i] !== bytes[i]) return false;
  return true;
}

/** The group of the code in the message read last, found by its bytes. */
function groupOf(b: Uint8Array): Group | undefined {
  const start = ranges[2 * ERROR_CODE]!;
  const end = ranges[2 * ERROR_CODE + 1]!;
  for (let g = BY_HASH.get(hash(b, start, end)); g !== undefined; g = g.next) {
    if (g.code8.length === end - start && has(b, start, g.code8)) return g;
  }
  return undefined;
}

/** The matcher of the read message, matched on its bytes; the text is needed only between several placeholders. */
function matchRead(matchers: readonly Matcher[], b: Uint8Array, message: string): Matcher | undefined {
  const start = ranges[2 * ERROR_MESSAGE]!;
  const end = ranges[2 * ERROR_MESSAGE + 1]!;
  for (let i = 0; i < matchers.length; i++) {
    const x = matchers[i]!;
    const head8 = x.head8;
    if (head8 === null || x.kind === 0) continue;
    if (x.kind === 1) {
      if (end - start === head8.length && has(b, start, head8)) return x;
    } else if (end - start >= x.min8 && has(b, start, head8) && has(b, end - x.tail8.length, x.tail8)) {
      if (x.kind === 2 || extract(x.parts, message) !== undefined) return x;
    }
  }
  return undefined;
}

function same(a: Traits, b: Traits): boolean {
  return a.retryable === b.retryable && a.fault === b.fault && a.keyState === b.keyState;
}

// An error made without the Error constructor (stackTraces off) still prints its name and message.
Object.defineProperty(${n.base}.prototype, "stack", {
  get(this: ${n.base}) {
    return \`\${this.name}: \${this.message}\`;
  },
  set(this: ${n.base}, value: unknown) {
    Object.defineProperty(this, "stack", { value, writable: true, configurable: true });
  },
  configurable: true,
});

function traits(e: ${n.base}): Traits {
  if (e.id !== undefined) return ${n.table}[e.id];
  // Unclassified: the statuses HTTP clients commonly treat as transient are retryable.
  const s = e.httpStatus;
  return TRAITS.get(brand(e)) ?? { retryable: s === 429 || s === 500 || s === 502 || s === 503 || s === 504, fault: s >= 500 ? "server" : "client", keyState: undefined };
}

/** Whether a message fits a matcher's literal parts. */
function fits(x: Matcher, m: string): boolean {
  if (x.kind === 1) return m === x.head;
  // Comparing slices measured several times faster than startsWith/endsWith here.
  if (x.kind === 0 || m.length < x.min || m.slice(0, x.head.length) !== x.head || m.slice(m.length - x.tail.length) !== x.tail) return false;
  return x.kind === 2 || extract(x.parts, m) !== undefined;
}

/** The placeholder values of a message, matched as a regex with greedy groups would; undefined when it does not fit. */
function extract(parts: readonly string[], m: string): string[] | undefined {
  const last = parts.length - 1;
  const head = parts[0]!;
  const tail = parts[last]!;
  if (last <= 0 || m.length < head.length + tail.length || !m.startsWith(head) || !m.endsWith(tail)) return undefined;
  const values: string[] = [];
  return walk(parts, m, 1, head.length, m.length - tail.length, values) ? values : undefined;
}

function walk(parts: readonly string[], m: string, k: number, from: number, end: number, values: string[]): boolean {
  if (k === parts.length - 1) {
    values[k - 1] = m.slice(from, end);
    return true;
  }
  const lit = parts[k]!;
  for (let i = m.lastIndexOf(lit, end - lit.length); i >= from && i + lit.length <= end; i = m.lastIndexOf(lit, i - 1)) {
    values[k - 1] = m.slice(from, i);
    if (walk(parts, m, k + 1, i + lit.length, end, values)) return true;
    if (i === 0) break;
  }
  return false;
}

function match(matchers: readonly Matcher[], message: string): ${n.id} | undefined {
  for (let i = 0; i < matchers.length; i++) if (fits(matchers[i]!, message)) return matchers[i]!.id;
  return undefined;
}

function params(id: ${n.id} | undefined, message: string): Readonly<Record<string, string>> {
  const x = id === undefined ? undefined : MATCHERS.get(id);
  return x === undefined || !fits(x, message) ? NONE : values(x, message);
}

/** The placeholder values of a message known to fit x. */
function values(x: Matcher, message: string): Readonly<Record<string, string>> {
  if (x.kind < 2) return NONE;
  const out: Record<string, string> = {};
  if (x.kind === 2) {
    out[x.names[0]!] = message.slice(x.head.length, message.length - x.tail.length);
    return out;
  }
  const values = extract(x.parts, message);
  if (values === undefined) return NONE;
  for (let i = 0; i < x.names.length; i++) out[x.names[i]!] = values[i]!;
  return out;
}

/** Finds the catalog entry of a code and message, with its placeholder values; undefined when the catalog has no such pair. */
export function parseMessage(code: string, message: string): ${n.variant}<${n.id}> | undefined {
  const group = BY_CODE.get(code);
  const id = group === undefined ? undefined : match(group.matchers, message);
  // Not a conditional expression, and cast through unknown: tsc would compare the union of every
  // entry's variant pairwise (quadratic in the catalog's size).
  if (id === undefined) return undefined;
  return { id, params: params(id, message) } as unknown as ${n.variant}<${n.id}>;
}

/** The message the server sends for an entry, placeholders filled in ("" for an entry without a message). */
export function formatMessage<I extends ${n.id}>(id: I, params: ${n.params}[I]): string {
  const { parts, placeholders } = ${n.table}[id];
  let s = parts[0] ?? "";
  for (let i = 0; i < placeholders.length; i++) {
    const value = (params as Record<string, unknown>)[placeholders[i]!];
    if (typeof value !== "string") throw new TypeError(\`formatMessage: \${id} needs the string param \${placeholders[i]}\`);
    s += value + parts[i + 1]!;
  }
  return s;
}

/** The parts of an HTTP response that fromResponse reads. */
export interface ${n.response} {
  readonly status: number;
  readonly body?: Uint8Array | ArrayBuffer | null | undefined;
  readonly headers?: { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>> | undefined;
}

/**
 * Turns an error response into a ${n.base}. Never throws: a body that is empty, not protobuf, or
 * carries a code the catalog does not know still gives an error to throw, inspect and log.
 */
export function fromResponse(response: ${n.response}): ${n.base} {
  try {
    return classify(response);
  } catch (cause) {
    let httpStatus = 0;
    try {
      httpStatus = Number(response.status) || 0;
    } catch {
      // keep 0
    }
    return make(${n.unknown}, { httpStatus, cause });
  }
}

function classify(response: ${n.response}): ${n.base} {
  const httpStatus = typeof response.status === "number" ? response.status : Number(response.status) || 0;
  const body = bytesOf(response.body);
  let decoded = false;
  let cause: unknown;
  if (body.length > 0) {
    const type = response.headers == null ? undefined : contentType(response.headers);
    if (type !== undefined && /^\\s*text\\//i.test(type)) cause = new ${n.decodeError}(\`the body is \${type}, not protobuf\`, 0);
    else {
      try {
        read(body);
        decoded = true;
      } catch (error) {
        cause = error;
      }
    }
  }
  let code: string | undefined;
  let errorMessage = "";
  let requestId: string | undefined;
  let statusCode: number | undefined;
  // The raw body is kept when it was not an error message.
  let keep = body.length > 0;
  if (decoded) {
    code = texts[ERROR_CODE] || undefined;
    errorMessage = texts[ERROR_MESSAGE]!;
    requestId = texts[REQUEST_ID] || undefined;
    statusCode = ints[STATUS_CODE] || undefined;
    keep = !(code || errorMessage || requestId || statusCode);
  }
  let cls: typeof ${n.base} = ${n.unknown};
  let id: ${n.id} | undefined;
  let matched: Matcher | undefined;
  if (code !== undefined) {
    const group = groupOf(body);
    if (group !== undefined) {
      cls = group.cls;
      code = group.code;
      matched = matchRead(group.matchers, body, errorMessage);
      id = matched?.id;
    }
  } else {
    // No code: the HTTP status names the entry when exactly one has it.
    const only = BY_STATUS.get(httpStatus);
    if (only) {
      const x = MATCHERS.get(only)!;
      cls = CLASS_OF.get(only)!;
      if (x.kind === 0 || (errorMessage === "" ? x.names.length === 0 : fits(x, errorMessage))) id = only;
    }
  }
  return make(cls, { httpStatus, code, errorMessage, requestId, id, statusCode, body: keep ? body : undefined, cause }, matched);
}

function make(cls: typeof ${n.base}, init: ${n.init}, matched?: Matcher): ${n.base} {
  if (${n.base}.stackTraces) {
    const error = new cls(init);
    if (matched !== undefined) (error as unknown as { parsed: Matcher }).parsed = matched;
    return error;
  }
  const e = Object.create(cls.prototype) as ${n.base};
  (e as { message: string }).message = describe(init);
  if (init.cause !== undefined) (e as { cause?: unknown }).cause = init.cause;
  return fill(e, init, matched);
}

function bytesOf(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === "string") return new TextEncoder().encode(body);
  return EMPTY;
}

function contentType(headers: ${n.response}["headers"]): string | undefined {
  if (headers == null) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(name: string): string | null }).get("content-type") ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === "content-type") return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  }
  return undefined;
}
`;
}
