/**
 * The error fromResponse makes by default: a real Error whose stack trace starts at the caller's line,
 * captured once without the runtime's frames, whatever Error.stackTraceLimit is or whether it can be set.
 */
import { types } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import * as kms from "../../out/kms/index.js";

const body = kms.encodeError({ statusCode: 400, errorCode: "InvalidApiName", errorMessage: 'The ApiName "X" is invalid.', requestId: "r-1" });
const limit = Error.stackTraceLimit;
const original = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")!;

afterEach(() => {
  Object.defineProperty(Error, "stackTraceLimit", original);
  Error.stackTraceLimit = limit;
  kms.KmsError.stackTraces = true;
});

/** "file:line" of the first frame of a stack trace. */
function firstFrame(stack: string | undefined): string {
  const line = (stack ?? "").split("\n").find((l) => /^\s+at /.test(l)) ?? "";
  return /\(?([^()\s]+):\d+\)?$/.exec(line.trim())?.[1] ?? `no frame in ${stack}`;
}

describe("fromResponse's stack trace", () => {
  it("is a native Error of the classified class, with code, message and params", () => {
    const e = kms.fromResponse({ status: 400, body });
    expect(types.isNativeError(e)).toBe(true);
    expect(e).toBeInstanceOf(kms.InvalidApiNameError);
    expect(e).toBeInstanceOf(kms.KmsError);
    expect(e.constructor).toBe(kms.InvalidApiNameError);
    expect([e.name, e.message, e.code, e.id, e.requestId, { ...e.params }]).toEqual(["InvalidApiNameError", 'The ApiName "X" is invalid.', "InvalidApiName", "invalid-api-name", "r-1", { apiName: "X" }]);
    expect(Object.prototype.propertyIsEnumerable.call(e, "message")).toBe(false);
    expect(kms.isInvalidApiNameError(e)).toBe(true);
  });

  it("starts at the caller's line, not inside the runtime", () => {
    // Both on one line: the trace of the error must begin where the trace of `here` begins.
    const [e, here] = [kms.fromResponse({ status: 400, body }), new Error("here")];
    expect(firstFrame(e.stack)).toBe(firstFrame(here.stack));
    expect(e.stack).toMatch(/^InvalidApiNameError: The ApiName "X" is invalid\.\n\s+at /);
    expect(e.stack).not.toMatch(/runtime\.(ts|js)/);
  });

  it("starts at the caller's line for an unknown code, an undecodable body and a response that throws", () => {
    const responses = [
      { status: 400, body: kms.encodeError({ errorCode: "Nope", errorMessage: "m" }) },
      { status: 502, body: new TextEncoder().encode("<html>bad gateway</html>") },
      {
        get status(): number {
          throw new Error("boom");
        },
      },
    ];
    for (const response of responses) {
      const [e, here] = [kms.fromResponse(response as kms.KmsResponse), new Error("here")];
      expect(types.isNativeError(e)).toBe(true);
      expect(e).toBeInstanceOf(kms.UnknownKmsError);
      expect(firstFrame(e.stack)).toBe(firstFrame(here.stack));
    }
  });

  it("keeps Error.stackTraceLimit as it was, and honours it", () => {
    Error.stackTraceLimit = 2;
    const e = kms.fromResponse({ status: 400, body });
    expect(Error.stackTraceLimit).toBe(2);
    expect(e.stack!.split("\n").filter((l) => /^\s+at /.test(l))).toHaveLength(2);
    Error.stackTraceLimit = 0;
    expect(kms.fromResponse({ status: 400, body }).stack).toBe('InvalidApiNameError: The ApiName "X" is invalid.');
    expect(Error.stackTraceLimit).toBe(0);
  });

  it("never throws when Error.stackTraceLimit cannot be set (frozen intrinsics), and still starts at the caller", () => {
    Object.defineProperty(Error, "stackTraceLimit", { value: 10, writable: false, configurable: true });
    const [e, here] = [kms.fromResponse({ status: 400, body }), new Error("here")];
    expect(types.isNativeError(e)).toBe(true);
    expect(e.id).toBe("invalid-api-name");
    expect(firstFrame(e.stack)).toBe(firstFrame(here.stack));
  });

  it("the cause of an undecodable body is kept on the native error", () => {
    const e = kms.fromResponse({ status: 400, body: new Uint8Array([0x12, 0x05, 0x41]) });
    expect(types.isNativeError(e)).toBe(true);
    expect(e.cause).toBeInstanceOf(kms.KmsDecodeError);
    expect(Object.prototype.propertyIsEnumerable.call(e, "cause")).toBe(false);
  });

  it("errors of one class have their own fields in one order, the order the constructor gives them", () => {
    const made = new kms.InvalidApiNameError({ httpStatus: 400, code: "InvalidApiName", errorMessage: "m", requestId: "r", id: "invalid-api-name", statusCode: 400 });
    const a = kms.fromResponse({ status: 400, body });
    const b = kms.fromResponse({ status: 400, body: kms.encodeError({ errorCode: "InvalidApiName", errorMessage: 'The ApiName "Y" is invalid.' }) });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a)).toEqual(Object.keys(made));
    expect(Object.keys(a)).toEqual(["httpStatus", "code", "errorMessage", "requestId", "id", "statusCode", "body", "parsed"]);
  });

  it("with stackTraces off, the error is classified alike and its stack is its name and message", () => {
    kms.KmsError.stackTraces = false;
    const e = kms.fromResponse({ status: 400, body });
    expect(e).toBeInstanceOf(kms.InvalidApiNameError);
    expect(e).toBeInstanceOf(Error);
    expect([e.id, e.requestId, { ...e.params }]).toEqual(["invalid-api-name", "r-1", { apiName: "X" }]);
    expect(e.stack).toBe('InvalidApiNameError: The ApiName "X" is invalid.');
  });
});
