/**
 * The runtime of the generated TypeScript errors, copied verbatim beside the generated index.ts: the
 * protobuf decoder and encoder of the wire error message, the base error classes, response
 * classification and the message matcher. Nothing in it depends on one catalog: index.ts passes its
 * entry table, classes and wire field numbers to defineService. Standalone: no imports, no Node or DOM types.
 */

declare const TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => { decode(input: Uint8Array): string };
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

/** Whose fault an error is: the request's, or the service's. */
export type Fault = "client" | "server";

/** What the catalog says about one entry. */
export interface EntryInfo<Code extends string = string> {
  readonly code: Code | undefined;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly fault: Fault;
  readonly keyState: string | undefined;
  readonly meaning: string;
  readonly fix: string;
  /** The message's literal text around its placeholders (one more than placeholders); empty when the entry has no message. */
  readonly parts: readonly string[];
  /** The placeholder names, in message order. */
  readonly placeholders: readonly string[];
}

/** A field of the wire message: its property name, its field number, and its type. */
export type WireField = readonly [name: string, number: number, type: "int32" | "string"];

/** A class with its name, its code, and its entries' ids in match order. */
export type ClassRow = readonly [cls: typeof ServiceError, name: string, code: string | undefined, ids: readonly string[]];

/** What a service's generated module hands the runtime. */
export interface ServiceSpec {
  /** The brand's Symbol.for key, the same in every copy of the module: `errcat.<service>.error`. */
  readonly brand: string;
  /** The wire message's fields; `statusCode`, `errorCode`, `errorMessage` and `requestId` must be among them. */
  readonly wire: readonly WireField[];
  /** Every catalog entry by id. */
  readonly entries: Readonly<Record<string, EntryInfo>>;
  /** The service's base class (first), its class for what nothing classifies, then a class per code and per codeless entry. */
  readonly classes: readonly ClassRow[];
  /** The class for what nothing classifies. */
  readonly unknown: typeof ServiceError;
  /** The class of decode errors, and its name. */
  readonly decodeError: readonly [cls: typeof DecodeError, name: string];
}

/** What ServiceError's constructor takes; fromResponse fills it from a response. */
export interface ErrorInit<Id extends string = string> {
  httpStatus: number;
  code?: string | undefined;
  errorMessage?: string | undefined;
  requestId?: string | undefined;
  id?: Id | undefined;
  statusCode?: number | undefined;
  body?: Uint8Array | undefined;
  cause?: unknown;
}

/** What JSON.stringify writes for an error. */
export interface ErrorJSON<Id extends string = string> {
  name: string;
  code: string | undefined;
  message: string;
  httpStatus: number;
  requestId: string | undefined;
  id: Id | undefined;
  params: Readonly<Record<string, string>>;
}

/** The parts of an HTTP response that fromResponse reads. */
export interface ServiceResponse {
  readonly status: number;
  readonly body?: Uint8Array | ArrayBuffer | null | undefined;
  readonly headers?: { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>> | undefined;
}

/** The functions a service's module exports, bound to its catalog. */
export interface Service {
  fromResponse(response: ServiceResponse): ServiceError;
  /**
   * Decodes an error body into its fields' values, in the order of ServiceSpec.wire (the array is reused
   * by the next call); malformed input throws the service's decode error.
   */
  readFields(bytes: Uint8Array | ArrayBuffer): readonly (number | string)[];
  encodeError(fields: Readonly<Record<string, number | string | undefined>>): Uint8Array;
  parseMessage(code: string, message: string): { readonly id: string; readonly params: Readonly<Record<string, string>> } | undefined;
  formatMessage(id: string, params: object): string;
  /** Whether x is an error of this service, made by this copy of the module or another. */
  isError(x: unknown): boolean;
  /** Whether x is an error of the class named `name`, made by this copy of the module or another. */
  isClass(x: unknown, name: string): boolean;
}

// ---------------------------------------------------------------------------------------------
// The wire message

/** The body is not a valid error message. */
export class DecodeError extends Error {
  /** The byte offset in the body where the problem is. */
  readonly offset: number;

  constructor(problem: string, offset: number) {
    super(`cannot decode the error body: ${problem} (at byte ${offset})`);
    this.offset = offset;
  }
}

/** How one service's wire message is read: a slot per one-byte tag, and the rest by tag. */
interface WireLayout {
  readonly fields: readonly WireField[];
  /** For tags below 128: a string field's slot, 256 + an int32 field's slot, or -1 for a field to skip. */
  readonly small: Int16Array;
  readonly large: ReadonlyMap<number, number>;
  readonly ints: number;
  readonly strings: number;
  /** The slot of each field, in `fields` order, as in `small`. */
  readonly slots: readonly number[];
  /** The slots of the fields classification reads. */
  readonly statusCode: number;
  readonly errorCode: number;
  readonly errorMessage: number;
  readonly requestId: number;
  readonly error: typeof DecodeError;
}

function wireLayout(fields: readonly WireField[], error: typeof DecodeError): WireLayout {
  const small = new Int16Array(128).fill(-1);
  const large = new Map<number, number>();
  const slots: number[] = [];
  let ints = 0;
  let strings = 0;
  for (const [, number, type] of fields) {
    const t = number * 8 + (type === "int32" ? 0 : 2);
    const slot = type === "int32" ? 256 + ints++ : strings++;
    if (t < 128) small[t] = slot;
    else large.set(t, slot);
    slots.push(slot);
  }
  const slotOf = (name: string, type: "int32" | "string") => {
    const i = fields.findIndex((f) => f[0] === name && f[2] === type);
    if (i < 0) throw new TypeError(`defineService: the wire message needs the ${type} field ${name}`);
    return slots[i]! & 255;
  };
  return {
    fields, small, large, ints, strings, slots, error,
    statusCode: slotOf("statusCode", "int32"),
    errorCode: slotOf("errorCode", "string"),
    errorMessage: slotOf("errorMessage", "string"),
    requestId: slotOf("requestId", "string"),
  };
}

// The decoder keeps its read position in module state: decoding is synchronous and never re-entered.
let at = 0;
// Set by varint() when the value had bits above the low 32.
let wide = false;
let utf8: { decode(input: Uint8Array): string } | undefined;
// Node's Buffer decodes UTF-8 for less than a TextDecoder call (about 80 against 115 ns for 110 bytes, before the view
// TextDecoder needs); it puts U+FFFD for a malformed sequence. Used only where it reads a plain Uint8Array so.
const slice8 = ((f) => {
  try {
    return f?.call(Uint8Array.of(0x41, 0xff), 0, 2) === "A\ufffd" ? f : undefined;
  } catch {
    return undefined;
  }
})((globalThis as unknown as { Buffer?: { prototype: { utf8Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer?.prototype.utf8Slice);
// The class of the error the message being read throws.
let failure: typeof DecodeError = DecodeError;

function fail(problem: string, offset: number): never {
  throw new failure(problem, offset);
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
const ints: number[] = [];
const ranges: number[] = [];
const texts: string[] = [];
// The fields' values of the message read last, in wire order, for readFields.
const fieldValues: (number | string)[] = [];
// How many string fields the message read last has.
let stringCount = 0;

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
 * decoder call (Buffer's in Node, else a TextDecoder) reads them all and each field is a slice of it:
 * per-field calls cost more than the decoding.
 */
function decodeStrings(b: Uint8Array): void {
  let lo = b.length;
  let hi = 0;
  let used = 0;
  let count = 0;
  for (let k = 0; k < stringCount; k++) {
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
    // Invalid in some field: undefined, and the fields are decoded one by one below, which says where.
    const text = textOf(b, lo, hi);
    // Valid UTF-8 with as many UTF-16 units as bytes: every byte was ASCII, so each field is a slice.
    if (text !== undefined && text.length === hi - lo) {
      for (let k = 0; k < stringCount; k++) {
        if (ranges[2 * k + 1]! > ranges[2 * k]!) texts[k] = text.slice(ranges[2 * k]! - lo, ranges[2 * k + 1]! - lo);
      }
      return;
    }
  }
  for (let k = 0; k < stringCount; k++) {
    if (ranges[2 * k + 1]! > ranges[2 * k]!) texts[k] = decodeUtf8(b, ranges[2 * k]!, ranges[2 * k + 1]!);
  }
}

/** b[start, end) as a plain Uint8Array: subarray() would go through the species of a subclass such as Buffer. */
function view(b: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset + start, end - start);
}

/** b[start, end) as text, or undefined when it is not valid UTF-8. */
function textOf(b: Uint8Array, start: number, end: number): string | undefined {
  const quick = slice8?.call(b, start, end);
  // Without a U+FFFD every character came from valid UTF-8; with one (sent, or put for a bad byte) the strict decoder decides.
  if (quick !== undefined && quick.indexOf("\ufffd") < 0) return quick;
  try {
    return (utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })).decode(view(b, start, end));
  } catch {
    return undefined;
  }
}

function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  return textOf(b, start, end) ?? fail("invalid UTF-8 in a string field", start);
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
      fail(`unexpected wire type ${wireType}`, start);
  }
  if (at > b.length) fail("truncated field", start);
}

/** Reads a message into ints, ranges and texts; malformed input throws the layout's decode error. */
function read(b: Uint8Array, layout: WireLayout): void {
  const { small, large } = layout;
  failure = layout.error;
  stringCount = layout.strings;
  for (let i = 0; i < layout.ints; i++) ints[i] = 0;
  for (let i = 0; i < 2 * layout.strings; i++) ranges[i] = 0;
  at = 0;
  while (at < b.length) {
    // Tags of fields 1 to 15 are one byte; tag() handles the rest and rejects field number 0.
    let t = b[at]!;
    if (t >= 0x80 || t < 8) t = tag(b);
    else at++;
    const slot = t < 128 ? small[t]! : large.get(t) ?? -1;
    if (slot >= 256) ints[slot - 256] = varint(b);
    else if (slot >= 0) field(b, slot);
    else skip(b, t & 7, t >>> 3, 0);
  }
  decodeStrings(b);
}

function putVarint(out: number[], lo: number, hi: number): void {
  while (hi !== 0 || lo > 0x7f) {
    out.push((lo & 0x7f) | 0x80);
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  out.push(lo);
}

function encode(layout: WireLayout, fields: Readonly<Record<string, number | string | undefined>>): Uint8Array {
  const out: number[] = [];
  const order = layout.fields.map((_, i) => i).sort((a, b) => layout.fields[a]![1] - layout.fields[b]![1]);
  for (const i of order) {
    const [name, number, type] = layout.fields[i]!;
    const value = fields[name];
    if (type === "int32") {
      const v = (typeof value === "number" ? value : 0) | 0;
      // A negative int32 is sign-extended to 64 bits on the wire: ten bytes.
      if (v !== 0) (putVarint(out, number * 8, 0), putVarint(out, v >>> 0, v < 0 ? 0xffffffff : 0));
    } else if (typeof value === "string" && value !== "") {
      const bytes = new TextEncoder().encode(value);
      putVarint(out, number * 8 + 2, 0);
      putVarint(out, bytes.length, 0);
      for (const byte of bytes) out.push(byte);
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// The errors

/** The per-service state an error reaches through its prototype. */
interface ServiceState {
  readonly entries: Readonly<Record<string, EntryInfo>>;
  readonly matchers: ReadonlyMap<string, Matcher>;
  /** Per class name: the traits its code's entries agree on. */
  readonly traits: ReadonlyMap<unknown, Traits>;
  readonly brand: symbol;
}

type Traits = Pick<EntryInfo, "retryable" | "fault" | "keyState">;

const STATE = Symbol("errcat.service");

/**
 * An error returned by a service, or a response that was not one. The generated module subclasses it
 * once for the service and once per error code; fromResponse picks the class.
 */
export class ServiceError extends Error {
  /** Where docsUrl points: the service's ERRORS.md unless you set it (e.g. to the URL of your published page). */
  static docsBaseUrl: string = "ERRORS.md";
  /**
   * Whether fromResponse captures a stack trace. Capturing one costs many times the decode; set false
   * where errors are classified in bulk (the stack then holds only the name and message).
   */
  static stackTraces: boolean = true;

  /** The HTTP status of the response. */
  declare readonly httpStatus: number;
  /** The ErrorCode in the body, or undefined when the body had none. */
  declare readonly code: string | undefined;
  /** The server's message, as sent. */
  declare readonly errorMessage: string;
  declare readonly requestId: string | undefined;
  /** The catalog entry the code and message matched, or undefined when none did. */
  declare readonly id: string | undefined;
  /** The StatusCode in the body, when it had one; the HTTP status wins when they disagree. */
  declare readonly statusCode: number | undefined;
  /** The raw body, kept when it was not an error message (e.g. an HTML page from a proxy). */
  declare readonly body: Uint8Array | undefined;
  /** The placeholder values of the message, by name; parsed on first read. */
  declare readonly params: Readonly<Record<string, string>>;
  /** Whether the same request may succeed when sent again. */
  declare readonly retryable: boolean;
  declare readonly fault: Fault;
  /** The key state the error implies, if any. */
  declare readonly keyState: string | undefined;
  /** What the entry means, or undefined when no entry matched. */
  declare readonly meaning: string | undefined;
  /** How to fix it, or undefined when no entry matched. */
  declare readonly fix: string | undefined;
  /** The entry's section in the docs. */
  declare readonly docsUrl: string;
  // The params once read; before that, the matcher fromResponse matched the message with, or undefined.
  declare private parsed: Readonly<Record<string, string>> | Matcher | undefined;

  constructor(init: ErrorInit) {
    super(describe(new.target, init), init.cause === undefined ? undefined : { cause: init.cause });
    fill(this, init.httpStatus, init.code, init.errorMessage ?? "", init.requestId, init.id, init.statusCode, init.body, undefined);
  }

  toJSON(): ErrorJSON {
    return { name: this.name, code: this.code, message: this.errorMessage, httpStatus: this.httpStatus, requestId: this.requestId, id: this.id, params: this.params };
  }
}

/** The service state of an error or class, set on its service's base class by defineService. */
function stateOf(x: object): ServiceState {
  return (x as { [STATE]: ServiceState })[STATE];
}

function traits(e: ServiceError): Traits {
  const s = stateOf(e);
  if (e.id !== undefined) return s.entries[e.id]!;
  // Unclassified: the statuses HTTP clients commonly treat as transient are retryable.
  const h = e.httpStatus;
  return s.traits.get((e as unknown as Record<symbol, unknown>)[s.brand]) ?? { retryable: h === 429 || h === 500 || h === 502 || h === 503 || h === 504, fault: h >= 500 ? "server" : "client", keyState: undefined };
}

// Accessors, defined here rather than in the class so that the generated subclasses can declare sharper types for them.
Object.defineProperties(ServiceError.prototype, {
  params: {
    get(this: ServiceError) {
      const self = this as unknown as { parsed: Readonly<Record<string, string>> | Matcher | undefined };
      const p = self.parsed;
      if (p !== undefined && !(p instanceof Matcher)) return p;
      return (self.parsed = p === undefined ? params(stateOf(this), this.id, this.errorMessage) : values(p, this.errorMessage));
    },
    configurable: true,
  },
  retryable: { get(this: ServiceError) { return traits(this).retryable; }, configurable: true },
  fault: { get(this: ServiceError) { return traits(this).fault; }, configurable: true },
  keyState: { get(this: ServiceError) { return traits(this).keyState; }, configurable: true },
  meaning: { get(this: ServiceError) { return this.id === undefined ? undefined : stateOf(this).entries[this.id]!.meaning; }, configurable: true },
  fix: { get(this: ServiceError) { return this.id === undefined ? undefined : stateOf(this).entries[this.id]!.fix; }, configurable: true },
  docsUrl: {
    get(this: ServiceError) {
      const base = (this.constructor as typeof ServiceError).docsBaseUrl;
      return this.id === undefined ? base : `${base}#${this.id}`;
    },
    configurable: true,
  },
  // An error made without the Error constructor (stackTraces off) still prints its name and message.
  stack: {
    get(this: ServiceError) {
      return `${this.name}: ${this.message}`;
    },
    set(this: ServiceError, value: unknown) {
      Object.defineProperty(this, "stack", { value, writable: true, configurable: true });
    },
    configurable: true,
  },
});

function describe(cls: object, init: ErrorInit): string {
  return messageOf((cls as { prototype: { [STATE]?: ServiceState } }).prototype[STATE]?.entries, init.httpStatus, init.code, init.errorMessage, init.id);
}

/** An error's message: the server's, else what the entry means, else the code, else the HTTP status. */
function messageOf(entries: ServiceState["entries"] | undefined, httpStatus: number, code: string | undefined, errorMessage: string | undefined, id: string | undefined): string {
  return errorMessage || (id === undefined || entries === undefined ? code : entries[id]?.meaning) || `HTTP ${httpStatus}`;
}

/** Sets an error's own fields, always all of them and in this order, so that the errors of a class share one shape. */
function fill(
  error: ServiceError, httpStatus: number, code: string | undefined, errorMessage: string, requestId: string | undefined,
  id: string | undefined, statusCode: number | undefined, body: Uint8Array | undefined, matched: Matcher | undefined,
): ServiceError {
  const e = error as unknown as {
    httpStatus: number; code: string | undefined; errorMessage: string; requestId: string | undefined; id: string | undefined;
    statusCode: number | undefined; body: Uint8Array | undefined; parsed: Matcher | undefined;
  };
  e.httpStatus = httpStatus;
  e.code = code;
  e.errorMessage = errorMessage;
  e.requestId = requestId;
  e.id = id;
  e.statusCode = statusCode;
  e.body = body;
  e.parsed = matched;
  return error;
}

/**
 * A real Error (util.types.isNativeError) of class cls, its constructors not run. On V8 its stack is left
 * for fromResponse to capture, once, at its caller: captured here too it would cost twice.
 */
function nativeError(cls: typeof ServiceError, message: string, cause: unknown): ServiceError {
  const args = cause === undefined ? [message] : [message, { cause }];
  if (captureStackTrace === undefined) return Reflect.construct(Error, args, cls) as ServiceError;
  const limit = ErrorLimit.stackTraceLimit;
  let unset = false;
  try {
    // Not a number, so V8 records no trace at all (0 would still record an empty one).
    ErrorLimit.stackTraceLimit = undefined;
    unset = true;
  } catch {
    // Error.stackTraceLimit is frozen: the trace is captured here and again by fromResponse.
  }
  try {
    return Reflect.construct(Error, args, cls) as ServiceError;
  } finally {
    if (unset) ErrorLimit.stackTraceLimit = limit;
  }
}

// ---------------------------------------------------------------------------------------------
// Matching messages

/** How one entry's message is matched, precomputed from its parts. */
class Matcher {
  readonly id: string;
  /** 0: the entry has no message; 1: literal text (head); 2: one placeholder between head and tail; 3: several. */
  readonly kind: number;
  readonly head: string;
  readonly tail: string;
  /** The length of the literal text: no shorter message fits. */
  readonly min: number;
  readonly parts: readonly string[];
  readonly names: readonly string[];

  constructor(id: string, { parts, placeholders }: EntryInfo) {
    this.id = id;
    this.kind = parts.length === 0 ? 0 : parts.length === 1 ? 1 : parts.length === 2 ? 2 : 3;
    this.head = parts[0] ?? "";
    this.tail = parts.length > 1 ? parts[parts.length - 1]! : "";
    this.min = parts.join("").length;
    this.parts = parts;
    this.names = placeholders;
  }
}

/** A code's class, its entries' matchers in match order, and the code as the catalog spells it. */
interface Group {
  readonly cls: typeof ServiceError;
  readonly code: string;
  readonly matchers: readonly Matcher[];
  readonly code8: Uint8Array;
  /** The next group whose code has the same hash. */
  next: Group | undefined;
}

const NONE: Readonly<Record<string, never>> = Object.freeze({});
const EMPTY = new Uint8Array(0);

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

function same(a: Traits, b: Traits): boolean {
  return a.retryable === b.retryable && a.fault === b.fault && a.keyState === b.keyState;
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

/** The first matcher a message fits, in match order. */
function match(matchers: readonly Matcher[], message: string): Matcher | undefined {
  for (let i = 0; i < matchers.length; i++) if (fits(matchers[i]!, message)) return matchers[i];
  return undefined;
}

function params(state: ServiceState, id: string | undefined, message: string): Readonly<Record<string, string>> {
  const x = id === undefined ? undefined : state.matchers.get(id);
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

// ---------------------------------------------------------------------------------------------
// Classification

function bytesOf(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === "string") return new TextEncoder().encode(body);
  return EMPTY;
}

function contentType(headers: ServiceResponse["headers"]): string | undefined {
  if (headers == null) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(name: string): string | null }).get("content-type") ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === "content-type") return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  }
  return undefined;
}

// V8's: where it is missing, the Error constructor captures the stack as usual.
const captureStackTrace = (Error as { captureStackTrace?: (target: object, cut: (...args: never[]) => unknown) => void }).captureStackTrace;
const ErrorLimit = Error as unknown as { stackTraceLimit: unknown };

/**
 * Binds the runtime to one service's catalog: installs the classes' names and brands, precomputes the
 * matchers, and returns the functions the service's module exports.
 */
export function defineService(spec: ServiceSpec): Service {
  const [decodeErrorClass, decodeErrorName] = spec.decodeError;
  const layout = wireLayout(spec.wire, decodeErrorClass);
  const brand = Symbol.for(spec.brand);
  const entries = spec.entries;
  const byCode = new Map<string, Group>();
  // Groups by a hash of the code's UTF-8 bytes: fromResponse finds the code without making a string of it.
  const byHash = new Map<number, Group>();
  const matchers = new Map<string, Matcher>();
  const classOf = new Map<string, typeof ServiceError>();
  const traitsOf = new Map<unknown, Traits>();
  // The one entry of each HTTP status, or null when several share it.
  const byStatus = new Map<number, string | null>();
  const state: ServiceState = { entries, matchers, traits: traitsOf, brand };
  const base = spec.classes[0]![0];
  Object.defineProperty(base.prototype, STATE, { value: state });
  Object.defineProperty(decodeErrorClass.prototype, "name", { value: decodeErrorName, writable: true, configurable: true });

  for (const [cls, name, code, ids] of spec.classes) {
    Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
    Object.defineProperty(cls.prototype, brand, { value: name });
    const ms = ids.map((id) => new Matcher(id, entries[id]!));
    if (code !== undefined) {
      const code8 = utf8Of(code);
      const group: Group = { cls, code, matchers: ms, code8: code8 ?? EMPTY, next: undefined };
      byCode.set(code, group);
      if (code8 !== null) {
        const h = hash(code8, 0, code8.length);
        group.next = byHash.get(h);
        byHash.set(h, group);
      }
    }
    for (const m of ms) {
      matchers.set(m.id, m);
      classOf.set(m.id, cls);
      const status = entries[m.id]!.httpStatus;
      byStatus.set(status, byStatus.has(status) ? null : m.id);
    }
    // A code whose entries agree on these answers for its unmatched messages too.
    const first = ids[0] === undefined ? undefined : entries[ids[0]];
    if (first && ids.every((id) => same(entries[id]!, first))) traitsOf.set(name, first);
  }

  /** The group of the code in the message read last, found by its bytes. */
  const groupOf = (b: Uint8Array): Group | undefined => {
    const start = ranges[2 * layout.errorCode]!;
    const end = ranges[2 * layout.errorCode + 1]!;
    for (let g = byHash.get(hash(b, start, end)); g !== undefined; g = g.next) {
      if (g.code8.length === end - start && has(b, start, g.code8)) return g;
    }
    return undefined;
  };

  /** The error fromResponse returns, made without running the three-level chain of its classes' constructors. */
  const make = (
    traced: boolean, cls: typeof ServiceError, httpStatus: number, code: string | undefined, errorMessage: string,
    requestId: string | undefined, id: string | undefined, statusCode: number | undefined, body: Uint8Array | undefined, cause: unknown,
    matched: Matcher | undefined,
  ): ServiceError => {
    const message = messageOf(entries, httpStatus, code, errorMessage, id);
    let e: ServiceError;
    if (traced) e = nativeError(cls, message, cause);
    else {
      // Without a stack trace a plain object is enough, and cheaper than the Error constructor.
      e = Object.create(cls.prototype) as ServiceError;
      (e as { message: string }).message = message;
      if (cause !== undefined) (e as { cause?: unknown }).cause = cause;
    }
    return fill(e, httpStatus, code, errorMessage, requestId, id, statusCode, body, matched);
  };

  const classify = (response: ServiceResponse, traced: boolean): ServiceError => {
    const httpStatus = typeof response.status === "number" ? response.status : Number(response.status) || 0;
    const body = bytesOf(response.body);
    let decoded = false;
    let cause: unknown;
    if (body.length > 0) {
      const type = response.headers == null ? undefined : contentType(response.headers);
      if (type !== undefined && /^\s*text\//i.test(type)) cause = new decodeErrorClass(`the body is ${type}, not protobuf`, 0);
      else {
        try {
          read(body, layout);
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
      code = texts[layout.errorCode] || undefined;
      errorMessage = texts[layout.errorMessage]!;
      requestId = texts[layout.requestId] || undefined;
      statusCode = ints[layout.statusCode] || undefined;
      keep = !(code || errorMessage || requestId || statusCode);
    }
    let cls = spec.unknown;
    let id: string | undefined;
    let matched: Matcher | undefined;
    if (code !== undefined) {
      const group = groupOf(body);
      if (group !== undefined) {
        cls = group.cls;
        code = group.code;
        matched = match(group.matchers, errorMessage);
        id = matched?.id;
      }
    } else {
      // No code: the HTTP status names the entry when exactly one has it.
      const only = byStatus.get(httpStatus);
      if (only) {
        const x = matchers.get(only)!;
        cls = classOf.get(only)!;
        if (x.kind === 0 || (errorMessage === "" ? x.names.length === 0 : fits(x, errorMessage))) id = only;
      }
    }
    return make(traced, cls, httpStatus, code, errorMessage, requestId, id, statusCode, keep ? body : undefined, cause, matched);
  };

  function fromResponse(response: ServiceResponse): ServiceError {
    // Read from the service's base class (KmsError.stackTraces): one shape to look up, whatever the error's class.
    const traced = base.stackTraces;
    let error: ServiceError;
    try {
      error = classify(response, traced);
    } catch (cause) {
      let httpStatus = 0;
      try {
        httpStatus = Number(response.status) || 0;
      } catch {
        // keep 0
      }
      error = make(traced, spec.unknown, httpStatus, undefined, "", undefined, undefined, undefined, undefined, cause, undefined);
    }
    // One capture, here at the top: the trace starts at the caller's line, and the fewer frames V8 walks past, the cheaper.
    if (traced && captureStackTrace !== undefined) captureStackTrace(error, fromResponse);
    return error;
  }

  const service: Service = {
    fromResponse,
    readFields(bytes) {
      read(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), layout);
      const slots = layout.slots;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        fieldValues[i] = slot >= 256 ? ints[slot - 256]! : texts[slot]!;
      }
      return fieldValues;
    },
    encodeError: (fields) => encode(layout, fields),
    parseMessage(code, message) {
      const group = byCode.get(code);
      const id = group === undefined ? undefined : match(group.matchers, message)?.id;
      return id === undefined ? undefined : { id, params: params(state, id, message) };
    },
    formatMessage(id, values) {
      const entry = entries[id];
      if (entry === undefined) throw new TypeError(`formatMessage: no catalog entry has the id ${id}`);
      const { parts, placeholders } = entry;
      let s = parts[0] ?? "";
      for (let i = 0; i < placeholders.length; i++) {
        const value = (values as Record<string, unknown>)[placeholders[i]!];
        if (typeof value !== "string") throw new TypeError(`formatMessage: ${id} needs the string param ${placeholders[i]}`);
        s += value + parts[i + 1]!;
      }
      return s;
    },
    isError: (x) => typeof brandOf(x, brand) === "string",
    isClass: (x, name) => brandOf(x, brand) === name,
  };
  return service;
}

function brandOf(x: unknown, brand: symbol): unknown {
  return typeof x === "object" && x !== null ? (x as Record<symbol, unknown>)[brand] : undefined;
}
