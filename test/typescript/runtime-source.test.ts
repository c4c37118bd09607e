/**
 * generators/typescript/runtime/runtime.ts on its own, with hand-written service specs: what index.ts
 * relies on, independent of any catalog (the generated modules' own tests are runtime.test.ts and
 * conformance.test.ts).
 */
import { describe, expect, it } from "vitest";
import { DecodeError, defineService, ServiceError, type EntryInfo, type ServiceSpec } from "../../generators/typescript/runtime/runtime.js";

const entry = (o: Partial<EntryInfo> & Pick<EntryInfo, "httpStatus" | "parts" | "placeholders">): EntryInfo => ({
  code: undefined, retryable: false, fault: "client", keyState: undefined, meaning: "Meaning.", fix: "Fix.", ...o,
});

/** A service whose module would be generated from a two-entry catalog, with the wire fields in the given layout. */
function makeService(name: string, wire: ServiceSpec["wire"]) {
  class BaseError extends ServiceError {}
  class UnknownError extends BaseError {}
  class NotFoundError extends BaseError {}
  class TooLargeError extends BaseError {}
  class WireError extends DecodeError {}
  const entries = {
    "thing-not-found": entry({ code: "NotFound", httpStatus: 404, parts: ["Thing ", " and ", " not found."], placeholders: ["a", "b"] }),
    "too-large": entry({ httpStatus: 413, parts: [], placeholders: [], retryable: true, fault: "server" }),
  };
  const service = defineService({
    brand: `errcat.${name}.error`,
    wire,
    entries,
    classes: [
      [BaseError, `${name}Error`, undefined, []],
      [UnknownError, `Unknown${name}Error`, undefined, []],
      [NotFoundError, "NotFoundError", "NotFound", ["thing-not-found"]],
      [TooLargeError, "TooLargeError", undefined, ["too-large"]],
    ],
    unknown: UnknownError,
    decodeError: [WireError, `${name}DecodeError`],
  });
  return { service, BaseError, UnknownError, NotFoundError, TooLargeError, WireError };
}

const STANDARD: ServiceSpec["wire"] = [["statusCode", 1, "int32"], ["errorCode", 2, "string"], ["errorMessage", 3, "string"], ["requestId", 4, "string"]];
// Other numbers, some above 15 (two-byte tags), another order, and a field the runtime does not read.
const ODD: ServiceSpec["wire"] = [["requestId", 100, "string"], ["errorMessage", 16, "string"], ["retryAfter", 7, "int32"], ["errorCode", 3, "string"], ["statusCode", 2000, "int32"]];

describe("defineService", () => {
  it("classifies by code and message, with greedy params, for any wire layout", () => {
    for (const wire of [STANDARD, ODD]) {
      const { service, NotFoundError } = makeService("Demo", wire);
      const body = service.encodeError({ statusCode: 404, errorCode: "NotFound", errorMessage: "Thing x and y and z not found.", requestId: "r", retryAfter: 5 });
      const e = service.fromResponse({ status: 404, body });
      expect(e).toBeInstanceOf(NotFoundError);
      expect([e.name, e.code, e.id, e.requestId, e.statusCode, { ...e.params }]).toEqual(["NotFoundError", "NotFound", "thing-not-found", "r", 404, { a: "x and y", b: "z" }]);
      const values = service.readFields(body);
      expect(values).toEqual(wire.map(([field]) => ({ statusCode: 404, errorCode: "NotFound", errorMessage: "Thing x and y and z not found.", requestId: "r", retryAfter: 5 })[field]));
    }
  });

  it("keeps two services in one process apart: classes, brands, names and decode errors", () => {
    const a = makeService("Alpha", STANDARD);
    const b = makeService("Beta", ODD);
    const fromA = a.service.fromResponse({ status: 413 });
    expect(fromA).toBeInstanceOf(a.TooLargeError);
    expect(a.service.isError(fromA)).toBe(true);
    expect(b.service.isError(fromA)).toBe(false);
    expect(a.service.isClass(fromA, "TooLargeError")).toBe(true);
    expect(fromA.retryable).toBe(true);
    expect(fromA.meaning).toBe("Meaning.");
    const bad = a.service.fromResponse({ status: 400, body: new Uint8Array([0x12, 0x05, 0x41]) });
    expect(bad).toBeInstanceOf(a.UnknownError);
    expect(bad.cause).toBeInstanceOf(a.WireError);
    expect((bad.cause as Error).name).toBe("AlphaDecodeError");
    expect(() => b.service.readFields(new Uint8Array([0x08, 0x80]))).toThrow(b.WireError);
  });

  it("refuses a wire message without a field it reads", () => {
    expect(() => makeService("Broken", STANDARD.filter(([f]) => f !== "requestId"))).toThrow(/needs the string field requestId/);
  });

  it("captures the stack at the caller of fromResponse, without the runtime's frames", () => {
    const { service } = makeService("Stack", STANDARD);
    const e = service.fromResponse({ status: 413 });
    const frames = e.stack!.split("\n").slice(1);
    expect(frames[0]).toContain("runtime-source.test.ts");
    expect(e.stack).not.toContain("runtime.ts");
  });

  it("reads stackTraces and docsBaseUrl from the service's base class", () => {
    const { service, BaseError } = makeService("Knobs", STANDARD);
    BaseError.stackTraces = false;
    BaseError.docsBaseUrl = "https://example.com/errors";
    try {
      const e = service.fromResponse({ status: 413 });
      expect(e.stack).toBe("TooLargeError: Meaning.");
      expect(e.docsUrl).toBe("https://example.com/errors#too-large");
      expect(ServiceError.stackTraces).toBe(true);
    } finally {
      BaseError.stackTraces = true;
    }
  });

  it("formatMessage and parseMessage round-trip; formatMessage refuses a missing param or an unknown id", () => {
    const { service } = makeService("Format", STANDARD);
    const message = service.formatMessage("thing-not-found", { a: "1", b: "2" });
    expect(message).toBe("Thing 1 and 2 not found.");
    expect(service.parseMessage("NotFound", message)).toEqual({ id: "thing-not-found", params: { a: "1", b: "2" } });
    expect(service.parseMessage("Other", message)).toBeUndefined();
    expect(() => service.formatMessage("thing-not-found", { a: "1" })).toThrow(TypeError);
    expect(() => service.formatMessage("nothing", {})).toThrow(/no catalog entry has the id nothing/);
  });

  it("fromResponse never throws", () => {
    const { service, UnknownError } = makeService("Never", ODD);
    for (const response of [undefined, null, {}, { status: "x" }, { get status(): number { throw new Error("boom"); } }, { status: 400, body: 42 }]) {
      expect(service.fromResponse(response as never)).toBeInstanceOf(UnknownError);
    }
  });
});
