/**
 * The parts of the generated runtime that do not depend on the catalog's entries: the protobuf
 * decoder and encoder, the base classes, response classification and the message matcher. Only
 * the service's names and wire fields are spliced in.
 */
import type { ServiceInfo } from "../catalog/model.js";
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

/** The wire fields fromResponse reads; a catalog's wire message must have them. */
const REQUIRED_FIELDS = { StatusCode: "int32", ErrorCode: "string", ErrorMessage: "string", RequestId: "string" } as const;

/** Checks the wire message has the fields the runtime reads; throws a sentence naming what is missing. */
export function checkWireFields(service: ServiceInfo): void {
  for (const [name, type] of Object.entries(REQUIRED_FIELDS)) {
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
  const defaults = fields.map((f) => `${prop(f.name)}: ${f.type === "int32" ? "0" : '""'}`).join(", ");
  const cases = fields
    .map((f) => `      case ${tag(f.number, f.type)}:\n        out.${prop(f.name)} = ${f.type === "int32" ? "varint(b)" : "string(b)"};\n        break;`)
    .join("\n");
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

function string(b: Uint8Array): string {
  const n = length(b);
  const start = at;
  at += n;
  // TextDecoder beat hand-rolled ASCII paths (per-char concat, fromCharCode.apply) in our bench, short strings included.
  if (n === 0) return "";
  return decodeUtf8(b, start, at);
}

function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  try {
    return (utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })).decode(b.subarray(start, end));
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

/**
 * Decodes the body of an error response. Unknown fields are skipped; malformed input throws
 * ${n.decodeError}, never a bare RangeError.
 */
export function decodeError(bytes: Uint8Array | ArrayBuffer): ${n.wire} {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const out: ${n.wire} = { ${defaults} };
  at = 0;
  while (at < b.length) {
    const t = tag(b);
    switch (t) {
${cases}
      default:
        skip(b, t & 7, t >>> 3, 0);
    }
  }
  return out;
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

/** An error returned by the ${service.title}, or a response that was not one. */
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
  declare private parsed: Readonly<Record<string, string>> | undefined;

  constructor(init: ${n.init}) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    fill(this, init);
  }

  /** The placeholder values of the message, by name; parsed on first read. */
  get params(): Readonly<Record<string, string>> {
    return (this.parsed ??= params(this.id, this.errorMessage));
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

function fill(error: ${n.base}, init: ${n.init}): ${n.base} {
  const e = error as unknown as Record<string, unknown>;
  e.httpStatus = init.httpStatus;
  e.code = init.code;
  e.errorMessage = init.errorMessage ?? "";
  e.requestId = init.requestId;
  e.id = init.id;
  e.statusCode = init.statusCode;
  e.body = init.body;
  e.parsed = undefined;
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
  return `const BY_CODE = new Map<string, readonly [typeof ${n.base}, readonly ${n.id}[]]>();
const CLASS_OF = new Map<${n.id}, typeof ${n.base}>();
const TRAITS = new Map<unknown, Traits>();
// The one entry of each HTTP status, or null when several share it.
const BY_STATUS = new Map<number, ${n.id} | null>();
const NONE: Readonly<Record<string, never>> = Object.freeze({});
const EMPTY = new Uint8Array(0);

for (const [cls, name, code, ids] of CLASSES) {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
  Object.defineProperty(cls.prototype, BRAND, { value: name });
  if (code !== undefined) BY_CODE.set(code, [cls, ids]);
  for (const id of ids) {
    CLASS_OF.set(id, cls);
    const status = ${n.table}[id].httpStatus;
    BY_STATUS.set(status, BY_STATUS.has(status) ? null : id);
  }
  // A code whose entries agree on these answers for its unmatched messages too.
  const first = ids[0] === undefined ? undefined : ${n.table}[ids[0]];
  if (first && ids.every((id) => same(${n.table}[id], first))) TRAITS.set(name, first);
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

/** Whether a message fits a pattern's literal parts. */
function fits(parts: readonly string[], m: string): boolean {
  const last = parts.length - 1;
  if (last <= 0) return last === 0 && m === parts[0];
  const head = parts[0]!;
  const tail = parts[last]!;
  if (m.length < head.length + tail.length || !m.startsWith(head) || !m.endsWith(tail)) return false;
  return last === 1 || extract(parts, m) !== undefined;
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

function match(ids: readonly ${n.id}[], message: string): ${n.id} | undefined {
  for (const id of ids) if (fits(${n.table}[id].parts, message)) return id;
  return undefined;
}

function params(id: ${n.id} | undefined, message: string): Readonly<Record<string, string>> {
  if (id === undefined) return NONE;
  const { parts, placeholders } = ${n.table}[id];
  const values = placeholders.length === 0 ? undefined : extract(parts, message);
  if (values === undefined) return NONE;
  const out: Record<string, string> = {};
  for (let i = 0; i < placeholders.length; i++) out[placeholders[i]!] = values[i]!;
  return out;
}

/** Finds the catalog entry of a code and message, with its placeholder values; undefined when the catalog has no such pair. */
export function parseMessage(code: string, message: string): ${n.variant}<${n.id}> | undefined {
  const group = BY_CODE.get(code);
  const id = group === undefined ? undefined : match(group[1], message);
  return id === undefined ? undefined : ({ id, params: params(id, message) } as ${n.variant}<${n.id}>);
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
  let wire: ${n.wire} | undefined;
  let cause: unknown;
  if (body.length > 0) {
    const type = contentType(response.headers);
    if (type !== undefined && /^\\s*text\\//i.test(type)) cause = new ${n.decodeError}(\`the body is \${type}, not protobuf\`, 0);
    else {
      try {
        wire = decodeError(body);
      } catch (error) {
        cause = error;
      }
    }
  }
  const init: ${n.init} = {
    httpStatus,
    code: wire?.errorCode || undefined,
    errorMessage: wire?.errorMessage ?? "",
    requestId: wire?.requestId || undefined,
    statusCode: wire?.statusCode || undefined,
    body: body.length > 0 && (wire === undefined || !(wire.errorCode || wire.errorMessage || wire.requestId || wire.statusCode)) ? body : undefined,
    cause,
  };
  if (init.code !== undefined) {
    const group = BY_CODE.get(init.code);
    if (group === undefined) return make(${n.unknown}, init);
    init.id = match(group[1], init.errorMessage!);
    return make(group[0], init);
  }
  // No code: the HTTP status names the entry when exactly one has it.
  const only = BY_STATUS.get(httpStatus);
  if (!only) return make(${n.unknown}, init);
  const entry = ${n.table}[only];
  const message = init.errorMessage!;
  if (entry.parts.length === 0 || (message === "" ? entry.placeholders.length === 0 : fits(entry.parts, message))) init.id = only;
  return make(CLASS_OF.get(only)!, init);
}

function make(cls: typeof ${n.base}, init: ${n.init}): ${n.base} {
  if (${n.base}.stackTraces) return new cls(init);
  const e = Object.create(cls.prototype) as ${n.base};
  (e as { message: string }).message = describe(init);
  if (init.cause !== undefined) (e as { cause?: unknown }).cause = init.cause;
  return fill(e, init);
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
