/** The generated decoder and encoder against protobufjs, the reference implementation. */
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import fc from "fast-check";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { decodeError, encodeError, KmsDecodeError } from "../../out/kms/index.js";

const ErrorType = new protobuf.Type("Error")
  .add(new protobuf.Field("StatusCode", 1, "int32"))
  .add(new protobuf.Field("ErrorCode", 2, "string"))
  .add(new protobuf.Field("ErrorMessage", 3, "string"))
  .add(new protobuf.Field("RequestId", 4, "string"));
new protobuf.Root().define("api").add(ErrorType);

// Strings without lone surrogates: UTF-8 cannot carry those.
const text = fc.string({ unit: "grapheme", maxLength: 80 });
const fields = fc.record({ statusCode: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), errorCode: text, errorMessage: text, requestId: text });

const reference = (f: { statusCode: number; errorCode: string; errorMessage: string; requestId: string }) =>
  ErrorType.encode({ StatusCode: f.statusCode, ErrorCode: f.errorCode, ErrorMessage: f.errorMessage, RequestId: f.requestId }).finish();

/** The KMS module bundled as a browser script and run in a realm of its own with these globals; read gives an ErrorMessage or "refused". */
async function runtimeInRealm(globals: Record<string, unknown>) {
  const bundle = await build({ entryPoints: ["out/kms/index.ts"], bundle: true, write: false, format: "iife", globalName: "kms", logLevel: "silent" });
  const context = createContext(globals);
  runInContext(bundle.outputFiles[0]!.text, context);
  const read = runInContext("(body) => { try { return kms.decodeError(Uint8Array.from(body)).errorMessage; } catch (e) { return e instanceof kms.KmsDecodeError ? 'refused' : 'threw ' + e; } }", context) as (body: number[]) => string;
  return { context, read };
}

/** The same, with the module as this process loads it. */
function readHere(body: number[]): string {
  try {
    return decodeError(Uint8Array.from(body)).errorMessage;
  } catch (error) {
    return error instanceof KmsDecodeError ? "refused" : `threw ${String(error)}`;
  }
}

describe("decodeError / encodeError", () => {
  it("decodes what protobufjs encodes, and protobufjs decodes what it encodes", () => {
    fc.assert(fc.property(fields, (f) => {
      expect(decodeError(reference(f))).toEqual(f);
      const back = ErrorType.toObject(ErrorType.decode(encodeError(f)), { defaults: true });
      expect(back).toEqual({ StatusCode: f.statusCode, ErrorCode: f.errorCode, ErrorMessage: f.errorMessage, RequestId: f.requestId });
    }), { numRuns: 500 });
  });

  it("leaves default values out, as proto3 does", () => {
    expect(encodeError({ statusCode: 0, errorCode: "", errorMessage: "", requestId: "" })).toEqual(new Uint8Array(0));
  });

  it("a negative int32 travels as a ten-byte varint", () => {
    const bytes = encodeError({ statusCode: -1 });
    expect([...bytes]).toEqual([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(decodeError(bytes).statusCode).toBe(-1);
    expect(decodeError(reference({ statusCode: -(2 ** 31), errorCode: "", errorMessage: "", requestId: "" })).statusCode).toBe(-(2 ** 31));
  });

  it("keeps a leading byte-order mark in a string", () => {
    expect(decodeError(encodeError({ errorMessage: "\ufeffx" })).errorMessage).toBe("\ufeffx");
  });

  it("skips unknown fields of every wire type, groups included", () => {
    const w = protobuf.Writer.create();
    w.uint32((5 << 3) | 0).uint64(2 ** 60);                 // varint
    w.uint32((6 << 3) | 1).fixed64(7);                      // fixed64
    w.uint32((7 << 3) | 2).string("a field from the future"); // length-delimited
    w.uint32((8 << 3) | 3);                                  // group start …
    w.uint32((1 << 3) | 0).int32(5).uint32((2 << 3) | 2).string("in a group");
    w.uint32((9 << 3) | 3).uint32((9 << 3) | 4);             // … a nested empty group …
    w.uint32((8 << 3) | 4);                                  // … group end
    w.uint32((9 << 3) | 5).fixed32(3);                       // fixed32
    w.uint32((2 << 3) | 2).string("InvalidParam");
    w.uint32((1 << 3) | 0).int32(400);
    w.uint32((100000 << 3) | 2).bytes(new Uint8Array([1, 2, 3]));
    expect(decodeError(w.finish())).toEqual({ statusCode: 400, errorCode: "InvalidParam", errorMessage: "", requestId: "" });
  });

  it("a known field number with another wire type is skipped as unknown", () => {
    const w = protobuf.Writer.create();
    w.uint32((2 << 3) | 0).uint32(7);
    w.uint32((1 << 3) | 2).string("x");
    expect(decodeError(w.finish())).toEqual({ statusCode: 0, errorCode: "", errorMessage: "", requestId: "" });
  });

  // The string fields are decoded with one TextDecoder call when they and the bytes between them are ASCII,
  // and field by field otherwise: these bodies take each path.
  it("decodes string fields in any order, with unknown fields, long values or non-ASCII text among them", () => {
    const long = "x".repeat(200);
    const bodies = [
      protobuf.Writer.create().uint32((4 << 3) | 2).string("req").uint32((3 << 3) | 2).string("msg").uint32((2 << 3) | 2).string("Code").uint32((1 << 3) | 0).int32(404),
      protobuf.Writer.create().uint32((2 << 3) | 2).string("Code").uint32((5 << 3) | 0).uint32(300).uint32((3 << 3) | 2).string("msg").uint32((4 << 3) | 2).string("req"),
      protobuf.Writer.create().uint32((2 << 3) | 2).string("Code").uint32((3 << 3) | 2).string(long).uint32((4 << 3) | 2).string("req"),
      protobuf.Writer.create().uint32((2 << 3) | 2).string("Code").uint32((3 << 3) | 2).string("ключ 🔑").uint32((4 << 3) | 2).string("req"),
      protobuf.Writer.create().uint32((2 << 3) | 2).string("").uint32((3 << 3) | 2).string("msg").uint32((4 << 3) | 2).string(""),
    ].map((w) => w.finish());
    for (const body of bodies) {
      const o = ErrorType.toObject(ErrorType.decode(body), { defaults: true });
      expect(decodeError(body)).toEqual({ statusCode: o.StatusCode, errorCode: o.ErrorCode, errorMessage: o.ErrorMessage, requestId: o.RequestId });
    }
  });

  it("a repeated string field: the last value wins, and an earlier value that is not UTF-8 is still rejected", () => {
    expect(decodeError(new Uint8Array([0x12, 0x01, 0x41, 0x12, 0x01, 0x42])).errorCode).toBe("B");
    expect(() => decodeError(new Uint8Array([0x12, 0x01, 0xff, 0x12, 0x01, 0x42]))).toThrow(KmsDecodeError);
  });

  it("invalid UTF-8 in one field among ASCII ones is rejected", () => {
    expect(() => decodeError(new Uint8Array([0x12, 0x01, 0x41, 0x1a, 0x02, 0xc3, 0x28, 0x22, 0x01, 0x43]))).toThrow(KmsDecodeError);
  });

  it("reads text exactly as a strict UTF-8 decoder does: every 1- and 2-byte string, and 3- and 4-byte ones around each boundary", () => {
    // In Node the runtime decodes with Buffer's lenient decoder and checks for U+FFFD; a strict decoder is the reference.
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const sequences: number[][] = [];
    for (let a = 0; a < 256; a++) {
      sequences.push([a]);
      for (let b = 0; b < 256; b++) sequences.push([a, b]);
    }
    const edges = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
    for (const a of [0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xff, 0x80]) {
      for (let b = 0; b < 256; b++) {
        for (const c of edges) {
          sequences.push([a, b, c]);
          for (const d of [0x80, 0xc0]) if (a >= 0xf0) sequences.push([a, b, c, d]);
        }
      }
    }
    // A U+FFFD the server sent is text like any other.
    sequences.push([0xef, 0xbf, 0xbd], [0x41, 0xef, 0xbf, 0xbd, 0x42]);
    let accepted = 0;
    // Refusals throw; without stack traces they cost far less.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (const seq of sequences) {
        let expected: string | undefined;
        try {
          expected = strict.decode(new Uint8Array(seq));
        } catch {
          expected = undefined;
        }
        // Alone, and after an ASCII field (the one-call path over several fields).
        for (const body of [[0x1a, seq.length, ...seq], [0x12, 0x02, 0x41, 0x42, 0x1a, seq.length, ...seq]]) {
          let got: string | undefined;
          try {
            got = decodeError(new Uint8Array(body)).errorMessage;
          } catch (error) {
            if (!(error instanceof KmsDecodeError)) throw error;
            got = undefined;
          }
          if (got !== expected) expect({ seq, got }).toEqual({ seq, got: expected });
        }
        if (expected !== undefined) accepted++;
      }
    } finally {
      Error.stackTraceLimit = limit;
    }
    // Both outcomes were exercised: valid text is read, invalid bytes are refused.
    expect(accepted).toBeGreaterThan(1000);
    expect(sequences.length - accepted).toBeGreaterThan(1000);
  });

  it("reads text the same where there is no Buffer (a browser): the TextDecoder path", async () => {
    // A realm with a browser's globals for text (TextDecoder, TextEncoder) and no Buffer.
    const realm = await runtimeInRealm({ TextDecoder, TextEncoder });
    expect(runInContext("typeof Buffer", realm.context)).toBe("undefined");
    let refused = 0;
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b += 3) {
        for (const body of [[0x1a, 2, a, b], [0x12, 0x01, 0x41, 0x1a, 3, a, b, 0x42]]) {
          const there = realm.read(body);
          if (there === "refused") refused++;
          const here = readHere(body);
          if (there !== here) expect({ body, there }).toEqual({ body, there: here });
        }
      }
    }
    expect(refused).toBeGreaterThan(1000);
    const text = new TextEncoder().encode("ключ-🔑");
    expect(realm.read([0x1a, text.length, ...text])).toBe("ключ-🔑");
  });

  it("does not use a Buffer whose utf8Slice refuses a plain Uint8Array or decodes otherwise (a polyfill, a future Node)", async () => {
    const odd = {
      refuses: () => {
        throw new TypeError("argument must be a buffer");
      },
      latin1: function (this: Uint8Array, start: number, end: number) {
        return String.fromCharCode(...this.subarray(start, end));
      },
    };
    const text = new TextEncoder().encode("ключ");
    for (const [name, utf8Slice] of Object.entries(odd)) {
      const realm = await runtimeInRealm({ TextDecoder, TextEncoder, Buffer: { prototype: { utf8Slice } } });
      expect(realm.read([0x1a, text.length, ...text]), name).toBe("ключ");
      expect(realm.read([0x12, 0x01, 0x41, 0x1a, 0x02, 0xc3, 0x28]), name).toBe("refused");
    }
  });

  it("accepts an ArrayBuffer", () => {
    const bytes = encodeError({ errorCode: "X" });
    expect(decodeError(bytes.slice().buffer).errorCode).toBe("X");
  });

  const malformed: [string, number[]][] = [
    ["truncated varint", [0x08, 0x80]],
    ["varint longer than 10 bytes", [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ["length past the end", [0x12, 0x05, 0x41]],
    ["length too large for 32 bits", [0x12, 0xff, 0xff, 0xff, 0xff, 0x7f]],
    ["field number 0", [0x00, 0x01]],
    ["wire type 6", [0x0e]],
    ["wire type 7", [0x0f]],
    ["end group without a start", [0x0c]],
    ["group without an end", [0x0b, 0x08, 0x01]],
    ["group ended by another field's end", [0x0b, 0x14]],
    ["truncated fixed32", [0x0d, 0x01, 0x02]],
    ["truncated fixed64", [0x09, 0x01, 0x02, 0x03, 0x04]],
    ["invalid UTF-8", [0x12, 0x02, 0xc3, 0x28]],
    ["invalid UTF-8 in a long string", [0x12, 70, ...new Array<number>(69).fill(0x41), 0xff]],
    ["groups nested too deep", [...new Array<number>(100).fill(0x0b)]],
  ];
  for (const [label, bytes] of malformed) {
    it(`rejects ${label} with KmsDecodeError`, () => {
      expect(() => decodeError(new Uint8Array(bytes))).toThrow(KmsDecodeError);
    });
  }

  it("any byte string decodes or throws KmsDecodeError, and agrees with protobufjs when it decodes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      let ours: unknown;
      try {
        ours = decodeError(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(KmsDecodeError);
        return;
      }
      let theirs: protobuf.Message | undefined;
      try {
        theirs = ErrorType.decode(bytes);
      } catch {
        return; // protobufjs is stricter or looser in places (e.g. it rejects some groups); compare only where both decode.
      }
      const o = ErrorType.toObject(theirs, { defaults: true }) as { StatusCode: number; ErrorCode: string; ErrorMessage: string; RequestId: string };
      const f = ours as { statusCode: number; errorCode: string; errorMessage: string; requestId: string };
      expect(f.statusCode).toBe(o.StatusCode);
      // protobufjs decodes invalid UTF-8 leniently; ours rejects it, so both decoded means valid text.
      expect([f.errorCode, f.errorMessage, f.requestId]).toEqual([o.ErrorCode, o.ErrorMessage, o.RequestId]);
    }), { numRuns: 2000 });
  });
});
