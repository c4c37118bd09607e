/**
 * The generated decoder and fromResponse on random, truncated and mutated bodies: decodeError either
 * returns the four fields or throws KmsDecodeError (never RangeError/TypeError), and fromResponse
 * never throws and always returns a KmsError. Mutations start from the committed fixture bodies.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeError, encodeError, fromResponse, isKmsError, KmsDecodeError, KmsError, type KmsWireError } from "../../out/kms/index.js";
import { FUZZ_RUNS, fuzz, runsFor, timeoutFor } from "./fuzz-runs.js";

const fixturesDir = new URL("../../out/kms/fixtures/", import.meta.url);
const committed = (JSON.parse(readFileSync(new URL("index.json", fixturesDir), "utf8")) as { fixtures: { id: string; bodyBase64: string }[] }).fixtures;
const fixtureNames = committed.map((f) => f.id);
const fixtures: Uint8Array[] = committed.map((f) => new Uint8Array(Buffer.from(f.bodyBase64, "base64")));
// Bodies built here too, so the corpus has every field even if the fixtures change.
fixtures.push(encodeError({ statusCode: 400, errorCode: "InvalidParam", errorMessage: "The Param Date is invalid.", requestId: "0b1c2d3e-4f" }));
fixtures.push(encodeError({ statusCode: -1, errorCode: "Forbidden.KeyNotFound", errorMessage: "The specified Key is not found.", requestId: "r" }));

/** A protobuf varint of any unsigned 64-bit value. */
function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (field: number, wireType: number) => varint((BigInt(field) << 3n) | BigInt(wireType));

/** A well-formed field this decoder does not know (field numbers above 4), of any wire type, groups nested. */
const unknownField: fc.Arbitrary<number[]> = fc.letrec<{ field: number[] }>((tie) => ({
  field: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(fc.integer({ min: 5, max: 2 ** 29 - 1 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([f, v]) => [...tag(f, 0), ...varint(v)]),
    fc.tuple(fc.integer({ min: 5, max: 2 ** 29 - 1 }), fc.uint8Array({ minLength: 8, maxLength: 8 })).map(([f, b]) => [...tag(f, 1), ...b]),
    fc.tuple(fc.integer({ min: 5, max: 2 ** 29 - 1 }), fc.uint8Array({ maxLength: 30 })).map(([f, b]) => [...tag(f, 2), ...varint(BigInt(b.length)), ...b]),
    fc.tuple(fc.integer({ min: 5, max: 2 ** 29 - 1 }), fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([f, b]) => [...tag(f, 5), ...b]),
    fc.tuple(fc.integer({ min: 5, max: 2 ** 29 - 1 }), fc.array(tie("field"), { maxLength: 3 })).map(([f, inner]) => [...tag(f, 3), ...inner.flat(), ...tag(f, 4)]),
  ),
})).field;

type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "truncate"; at: number }
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "splice"; at: number; other: number; from: number; length: number }
  | { kind: "huge-length"; at: number; field: number; length: bigint }
  | { kind: "groups"; at: number; field: number; depth: number; closed: boolean }
  | { kind: "overlong-varint"; at: number; bytes: number };

const position = fc.nat({ max: 1 << 16 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
  fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: position, bytes: fc.oneof(unknownField, fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 6 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(varint)) }),
  fc.record({ kind: fc.constant("splice" as const), at: position, other: fc.nat(), from: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant("huge-length" as const),
    at: position,
    field: fc.integer({ min: 1, max: 9 }),
    length: fc.oneof(fc.constantFrom(2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 64n - 1n), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
  }),
  fc.record({ kind: fc.constant("groups" as const), at: position, field: fc.integer({ min: 1, max: 2 ** 29 - 1 }), depth: fc.integer({ min: 1, max: 2000 }), closed: fc.boolean() }),
  fc.record({ kind: fc.constant("overlong-varint" as const), at: position, bytes: fc.integer({ min: 10, max: 40 }) }),
);

function mutate(body: readonly number[], m: Mutation): number[] {
  const at = m.at % (body.length + 1);
  const b = [...body];
  switch (m.kind) {
    case "flip":
      if (b.length > 0) b[at % b.length]! ^= 1 << m.bit;
      return b;
    case "truncate":
      return b.slice(0, at);
    case "delete":
      b.splice(at, m.length);
      return b;
    case "insert":
      b.splice(at, 0, ...m.bytes);
      return b;
    case "splice": {
      const other = fixtures[m.other % fixtures.length]!;
      const from = m.from % (other.length + 1);
      b.splice(at, 0, ...other.subarray(from, from + m.length));
      return b;
    }
    case "huge-length":
      b.splice(at, 0, ...tag(m.field, 2), ...varint(m.length));
      return b;
    case "groups": {
      const open = tag(m.field, 3);
      const nested: number[] = [];
      for (let i = 0; i < m.depth; i++) nested.push(...open);
      if (m.closed) for (let i = 0; i < m.depth; i++) nested.push(...tag(m.field, 4));
      b.splice(at, 0, ...nested);
      return b;
    }
    case "overlong-varint":
      b.splice(at, 0, 0x08, ...new Array<number>(m.bytes - 1).fill(0xff), 0x01);
      return b;
  }
}

/** A fixture body after a few mutations. */
const mutatedBody: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([i, ms]) => Uint8Array.from(ms.reduce<number[]>((b, m) => mutate(b, m), [...fixtures[i % fixtures.length]!])));

const anyBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: mutatedBody },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  // Runs of the bytes that steer a decoder: continuation bits, group tags, length tags.
  { weight: 1, arbitrary: fc.array(fc.constantFrom(0x80, 0xff, 0x0b, 0x0c, 0x12, 0x1a, 0x22, 0x08, 0x00, 0x01, 0x7f), { maxLength: 300 }).map((a) => Uint8Array.from(a)) },
);

/** decodeError's outcome: its fields, or the KmsDecodeError it threw (anything else fails the test). */
function decodeOutcome(body: Uint8Array): { fields: KmsWireError } | { error: KmsDecodeError } {
  try {
    return { fields: decodeError(body) };
  } catch (error) {
    if (!(error instanceof KmsDecodeError)) throw new Error(`decodeError threw ${String(error)}, not a KmsDecodeError`, { cause: error });
    return { error };
  }
}

function expectWireFields(fields: KmsWireError): void {
  expect(Object.keys(fields).sort()).toEqual(["errorCode", "errorMessage", "requestId", "statusCode"]);
  expect(Number.isInteger(fields.statusCode) && fields.statusCode === (fields.statusCode | 0)).toBe(true);
  for (const s of [fields.errorCode, fields.errorMessage, fields.requestId]) expect(typeof s).toBe("string");
}

const status = fc.oneof(fc.constantFrom(400, 401, 403, 404, 409, 413, 415, 429, 500, 502, 503, 504), fc.integer({ min: 0, max: 999 }));
const contentType = fc.option(fc.constantFrom("application/x-protobuf", "application/octet-stream", "text/html; charset=utf-8", " TEXT/plain", ""), { nil: undefined });

describe("decodeError on mutated and random bodies", () => {
  // The corpus must be the real fixtures, not only the two bodies built above.
  it("starts from the committed fixture bodies", () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(20);
  });

  it(`returns the four wire fields or throws KmsDecodeError with an offset in the body (${FUZZ_RUNS} runs)`, async () => {
    await fuzz(fc.property(anyBody, (body) => {
      const outcome = decodeOutcome(body);
      if ("fields" in outcome) expectWireFields(outcome.fields);
      else {
        expect(outcome.error.name).toBe("KmsDecodeError");
        expect(Number.isInteger(outcome.error.offset)).toBe(true);
        expect(outcome.error.offset).toBeGreaterThanOrEqual(0);
        expect(outcome.error.offset).toBeLessThanOrEqual(body.length);
      }
      // Decoding keeps no state between calls: the same body gives the same outcome.
      expect(decodeOutcome(body)).toEqual(outcome);
    }), FUZZ_RUNS);
  }, timeoutFor(FUZZ_RUNS, 0.5));

  it(`skips well-formed unknown fields anywhere between known ones, keeping the known fields (${runsFor(0.5)} runs)`, async () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    const fields = fc.record({ statusCode: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), errorCode: text, errorMessage: text, requestId: text });
    await fuzz(fc.property(fields, fc.array(fc.tuple(fc.nat(), unknownField), { maxLength: 5 }), (wire, inserts) => {
      // Each known field encoded on its own; slot i holds the unknown fields before known[i], slot 4 those after.
      const known = (["statusCode", "errorCode", "errorMessage", "requestId"] as const).map((k) => [...encodeError({ [k]: wire[k] })]);
      const slots: number[][] = [[], [], [], [], []];
      for (const [where, field] of inserts) slots[where % slots.length]!.push(...field);
      const body = slots.flatMap((unknown, i) => [...unknown, ...(known[i] ?? [])]);
      expect(decodeError(Uint8Array.from(body))).toEqual({ statusCode: wire.statusCode, errorCode: wire.errorCode, errorMessage: wire.errorMessage, requestId: wire.requestId });
    }), runsFor(0.5));
  }, timeoutFor(runsFor(0.5), 0.5));

  it("returns on a megabyte of nested group starts, continuation bytes or a huge length", () => {
    const mb = 1 << 20;
    for (const fill of [0x0b, 0x80, 0xff, 0x00]) {
      const outcome = decodeOutcome(new Uint8Array(mb).fill(fill));
      expect("error" in outcome, `fill 0x${fill.toString(16)}`).toBe(true);
    }
    const huge = decodeOutcome(Uint8Array.from([0x2a, ...varint(2n ** 64n - 1n), 1, 2, 3]));
    expect("error" in huge && huge.error.message).toMatch(/length past the end/);
  });
});

describe("fromResponse on mutated and random responses", () => {
  it(`never throws and always returns a KmsError carrying the HTTP status (${FUZZ_RUNS} runs)`, async () => {
    const body = fc.oneof(
      { weight: 6, arbitrary: anyBody },
      { weight: 1, arbitrary: anyBody.map((b) => b.slice().buffer) },
      { weight: 1, arbitrary: anyBody.map((b) => new DataView(b.slice().buffer)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined, 42, {}, [1, 2, 3], new Uint16Array([0x0a12, 0xffff])) },
    );
    const headers = contentType.map((type) => (type === undefined ? undefined : { "Content-Type": type }));
    await fuzz(fc.property(status, body, headers, (httpStatus, responseBody, responseHeaders) => {
      const error = fromResponse({ status: httpStatus, body: responseBody as Uint8Array, headers: responseHeaders });
      expect(isKmsError(error)).toBe(true);
      expect(error).toBeInstanceOf(KmsError);
      expect(error).toBeInstanceOf(Error);
      expect(error.httpStatus).toBe(httpStatus);
      expect(typeof error.message).toBe("string");
      expect(typeof error.retryable).toBe("boolean");
      expect(() => JSON.stringify(error)).not.toThrow();
      if (!(responseBody instanceof Uint8Array) || responseBody.length === 0 || responseHeaders?.["Content-Type"].trim().toLowerCase().startsWith("text/")) return;
      // A protobuf body: the error carries what decodeError read, or the decode failure as its cause.
      const outcome = decodeOutcome(responseBody);
      if ("fields" in outcome) {
        expect(error.code).toBe(outcome.fields.errorCode || undefined);
        expect(error.errorMessage).toBe(outcome.fields.errorMessage);
        expect(error.requestId).toBe(outcome.fields.requestId || undefined);
      } else {
        expect(error.cause).toBeInstanceOf(KmsDecodeError);
        expect(error.code).toBeUndefined();
      }
    }), FUZZ_RUNS);
  }, timeoutFor(FUZZ_RUNS, 1));

  it("never throws on responses whose fields throw when read", () => {
    const hostile = new Proxy({}, { get: () => { throw new TypeError("no reading"); } });
    for (const response of [hostile, { status: hostile }, { status: 400, body: hostile }, { status: 400, body: new Uint8Array([0x12, 1, 0x41]), headers: hostile }]) {
      const error = fromResponse(response as never);
      expect(isKmsError(error)).toBe(true);
    }
  });
});
