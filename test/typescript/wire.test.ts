/** The generated decoder and encoder against protobufjs, the reference implementation. */
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
