/** The generated KMS module (index.ts over runtime.ts): every entry round-trips, and every odd response still gives a KmsError. */
import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogModel } from "../../generators/catalog/model.js";
import { codeClassName, codelessClassName, errorClassNames, runtimeSymbolNames } from "../../generators/typescript/names.js";
import { operationTypeNames } from "../../generators/typescript/index-file.js";
import * as kms from "../../out/kms/index.js";
import { loadKms } from "./generated-module.js";

let model: CatalogModel;
beforeAll(async () => {
  model = await loadKms();
});

const ODD_VALUES: Record<string, string> = {
  quotes: `"quoted" and 'single'`,
  newline: "line one\nline two\r\n",
  unicode: "ключ-🔑-鍵\u00a0\u2028",
  empty: "",
  literalLookalike: `" is invalid. The ApiName "`,
};

function roundTrip(id: kms.KmsErrorId, params: Record<string, string>, requestId: string) {
  const message = kms.formatMessage(id, params as never);
  const entry = kms.KMS_ERRORS[id];
  const body = kms.encodeError({ statusCode: entry.httpStatus, errorCode: entry.code ?? "", errorMessage: message, requestId });
  return { message, error: kms.fromResponse({ status: entry.httpStatus, body }) };
}

describe("every catalog entry round-trips formatMessage → encodeError → fromResponse", () => {
  it("covers every entry of the catalog", () => {
    expect(Object.keys(kms.KMS_ERRORS)).toEqual(model.entries.map((e) => e.id));
  });

  it("with example values", () => {
    for (const entry of model.entries) {
      const params = Object.fromEntries(entry.placeholders.map((p) => [p.name, p.example]));
      const { message, error } = roundTrip(entry.id as kms.KmsErrorId, params, `req-${entry.number}`);
      if (entry.message !== undefined && entry.placeholders.length === 0) expect(message).toBe(entry.message);
      expect(error.id, entry.id).toBe(entry.id);
      expect(error.code).toBe(entry.code);
      expect(error.name).toBe(entry.code === undefined ? codelessClassName(entry.id) : codeClassName(entry.code));
      expect(error.params).toEqual(params);
      expect(error.requestId).toBe(`req-${entry.number}`);
      expect(error.errorMessage).toBe(message);
      expect(error.httpStatus).toBe(entry.httpStatus);
      expect(error.retryable).toBe(entry.retryable);
      expect(error.fault).toBe(entry.fault);
      expect(error.keyState).toBe(entry.keyState);
      expect(error.meaning).toBe(entry.meaning);
      expect(error.fix).toBe(entry.fix);
      expect(error.docsUrl).toBe(`ERRORS.md#${entry.id}`);
      expect(error).toBeInstanceOf(kms.KmsError);
      expect(error).toBeInstanceOf(Error);
      if (entry.code !== undefined) expect(kms.parseMessage(entry.code, message)).toEqual({ id: entry.id, params });
    }
  });

  for (const [label, value] of Object.entries(ODD_VALUES)) {
    it(`with values holding ${label}`, () => {
      for (const entry of model.entries.filter((e) => e.placeholders.length > 0)) {
        const params = Object.fromEntries(entry.placeholders.map((p) => [p.name, value]));
        const { error } = roundTrip(entry.id as kms.KmsErrorId, params, value);
        expect(error.id, entry.id).toBe(entry.id);
        expect(error.params).toEqual(params);
        expect(error.requestId).toBe(value === "" ? undefined : value);
      }
    });
  }

  it("a message that differs from every pattern of its code keeps id undefined", () => {
    // An entry whose message is one placeholder alone (the overlay's Rejected.Throttling, whose code the
    // SDKs read without its message) matches any message of its code by design: it takes the message whole.
    const catchAll = (e: CatalogModel["entries"][number]) => e.segments.length === 1 && e.segments[0]!.kind === "placeholder";
    expect(model.entries.filter(catchAll).map((e) => e.id)).toEqual(["rejected-throttling"]);
    for (const entry of model.entries.filter((e) => e.message !== undefined)) {
      const message = `${kms.formatMessage(entry.id as kms.KmsErrorId, Object.fromEntries(entry.placeholders.map((p) => [p.name, "x"])) as never)}!`;
      if (catchAll(entry)) expect(kms.parseMessage(entry.code!, message), entry.id).toEqual({ id: entry.id, params: { [entry.placeholders[0]!.name]: "x!" } });
      else expect(kms.parseMessage(entry.code!, message), entry.id).toBeUndefined();
    }
  });
});

describe("the four InvalidParam messages (three of the page, one of the overlay) are told apart", () => {
  it("by id and params", () => {
    const parse = (m: string) => kms.parseMessage("InvalidParam", m);
    expect(parse("The Param Date is invalid.")).toEqual({ id: "invalid-param-date", params: {} });
    expect(parse("The Param x-kms-signaturemethod is invalid.")).toEqual({ id: "invalid-param-signature-method-missing", params: {} });
    expect(parse('The Param x-kms-signaturemethod is invalid. message:"HMAC-SHA1".')).toEqual({
      id: "invalid-param-signature-method-unsupported",
      params: { signatureMethod: "HMAC-SHA1" },
    });
    expect(parse("The Param Content-SHA256 is invalid.")).toEqual({ id: "invalid-param-content-sha256", params: {} });
    expect(model.codes.find((c) => c.code === "InvalidParam")!.entries).toHaveLength(4);
  });
});

describe("odd responses", () => {
  const encode = kms.encodeError;

  it("a known code with a message the catalog does not know: classified by code, id undefined, message kept", () => {
    const e = kms.fromResponse({ status: 404, body: encode({ statusCode: 404, errorCode: "Forbidden.KeyNotFound", errorMessage: "Gone fishing.", requestId: "r" }) });
    expect(e).toBeInstanceOf(kms.ForbiddenKeyNotFoundError);
    expect(kms.isForbiddenKeyNotFoundError(e)).toBe(true);
    expect(e.id).toBeUndefined();
    expect(e.code).toBe("Forbidden.KeyNotFound");
    expect(e.errorMessage).toBe("Gone fishing.");
    expect(e.message).toBe("Gone fishing.");
    expect(e.params).toEqual({});
    expect(e.meaning).toBeUndefined();
    expect(e.docsUrl).toBe("ERRORS.md");
    // The code's entries all agree, so the code answers for the unmatched message.
    expect(e.retryable).toBe(false);
    expect(e.fault).toBe("client");
  });

  it("an unknown code: the fallback class keeps the raw code and message", () => {
    const e = kms.fromResponse({ status: 400, body: encode({ statusCode: 400, errorCode: "Brand.NewCode", errorMessage: "Something new.", requestId: "r2" }) });
    expect(e).toBeInstanceOf(kms.UnknownKmsError);
    expect(e.name).toBe("UnknownKmsError");
    expect(e.code).toBe("Brand.NewCode");
    expect(e.errorMessage).toBe("Something new.");
    expect(e.requestId).toBe("r2");
    expect(e.id).toBeUndefined();
    expect(e.retryable).toBe(false);
    expect(kms.isKmsError(e)).toBe(true);
  });

  it("an empty body is classified by HTTP status when exactly one entry has it", () => {
    for (const body of [undefined, null, new Uint8Array(0), new ArrayBuffer(0)]) {
      const e = kms.fromResponse({ status: 413, body });
      expect(e).toBeInstanceOf(kms.RequestEntityTooLargeError);
      expect(kms.isRequestEntityTooLargeError(e)).toBe(true);
      expect(e.id).toBe("request-entity-too-large");
      expect(e.code).toBeUndefined();
      expect(e.body).toBeUndefined();
      expect(e.meaning).toBe(kms.KMS_ERRORS["request-entity-too-large"].meaning);
    }
    const e503 = kms.fromResponse({ status: 503 });
    expect(e503).toBeInstanceOf(kms.ServiceUnavailableTemporaryError);
    expect(e503.id).toBe("service-unavailable-temporary");
    expect(e503.retryable).toBe(true);
    // The only 415 entry has a placeholder the empty body cannot fill: its class, but no id.
    const e415 = kms.fromResponse({ status: 415 });
    expect(e415).toBeInstanceOf(kms.InvalidContentTypeError);
    expect(e415.id).toBeUndefined();
    // Several entries answer 404: nothing to choose by.
    const e404 = kms.fromResponse({ status: 404 });
    expect(e404).toBeInstanceOf(kms.UnknownKmsError);
    expect(e404.httpStatus).toBe(404);
    expect(e404.message).toBe("HTTP 404");
  });

  it("a body that is not protobuf keeps its raw bytes and the decode error as cause", () => {
    const html = new TextEncoder().encode("<html><body><h1>502 Bad Gateway</h1></body></html>");
    for (const headers of [undefined, { "Content-Type": "text/html; charset=utf-8" }, new Headers({ "content-type": "text/html" })]) {
      const e = kms.fromResponse({ status: 502, body: html, headers });
      expect(e).toBeInstanceOf(kms.UnknownKmsError);
      expect(e.body).toEqual(html);
      expect(e.cause).toBeInstanceOf(kms.KmsDecodeError);
      expect(e.code).toBeUndefined();
      expect(e.retryable).toBe(true);
      expect(e.fault).toBe("server");
    }
    // Text that happens to parse as protobuf is still kept when the content type says text.
    const e = kms.fromResponse({ status: 413, body: new Uint8Array([0x08, 0x01]), headers: { "content-type": "text/plain" } });
    expect(e.id).toBe("request-entity-too-large");
    expect(e.body).toEqual(new Uint8Array([0x08, 0x01]));
  });

  it("a body StatusCode that disagrees with the HTTP status: the HTTP status wins, both are kept", () => {
    const e = kms.fromResponse({ status: 400, body: encode({ statusCode: 500, errorCode: "InvalidParam", errorMessage: "The Param Date is invalid." }) });
    expect(e.httpStatus).toBe(400);
    expect(e.statusCode).toBe(500);
    expect(e.id).toBe("invalid-param-date");
  });

  it("a body in an ArrayBuffer, a Node Buffer or a view into a larger buffer", () => {
    const bytes = encode({ errorCode: "InvalidApiName", errorMessage: 'The ApiName "X" is invalid.' });
    const padded = new Uint8Array(bytes.length + 6);
    padded.set(bytes, 3);
    for (const body of [bytes.slice().buffer, Buffer.from(bytes), padded.subarray(3, 3 + bytes.length)]) {
      const e = kms.fromResponse({ status: 400, body: body as Uint8Array });
      expect(e.id).toBe("invalid-api-name");
      expect(e.params).toEqual({ apiName: "X" });
    }
  });

  it("never throws, whatever it is given", () => {
    const odd: unknown[] = [
      undefined, null, {}, { status: "500" }, { status: 400, body: 42 }, { status: 400, body: new Uint8Array([0xff]) },
      { status: 400, body: new Uint8Array([0x12, 0x05, 0x41]) },
      { get status(): number { throw new Error("boom"); } },
      { status: 400, body: encode({ errorCode: "InvalidParam" }), headers: { get: () => { throw new Error("x"); } } },
    ];
    for (const response of odd) {
      const e = kms.fromResponse(response as kms.KmsResponse);
      expect(kms.isKmsError(e)).toBe(true);
      expect(e).toBeInstanceOf(kms.KmsError);
    }
  });

  it("a truncated body: a typed decode error as cause, never a bare RangeError", () => {
    const full = encode({ statusCode: 404, errorCode: "Forbidden.KeyNotFound", errorMessage: "The specified key does not exist.", requestId: "abc" });
    for (let n = 1; n < full.length; n++) {
      const e = kms.fromResponse({ status: 404, body: full.subarray(0, n) });
      if (e.cause !== undefined) expect(e.cause).toBeInstanceOf(kms.KmsDecodeError);
    }
  });
});

describe("errors as values", () => {
  it("toJSON keeps code, message, status, request id, id and params", () => {
    const { error } = roundTrip("key-not-found-in-key-store", { keyStore: "kst-1" }, "req-9");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ForbiddenKeyNotFoundError",
      code: "Forbidden.KeyNotFound",
      message: 'The Key ID or Alias does not exist in the key store "kst-1".',
      httpStatus: 404,
      requestId: "req-9",
      id: "key-not-found-in-key-store",
      params: { keyStore: "kst-1" },
    });
  });

  it("has a stack trace by default, and a name-and-message stack when stackTraces is off", () => {
    const body = kms.encodeError({ errorCode: "InternalFailure", errorMessage: "Internal Failure." });
    const traced = kms.fromResponse({ status: 500, body });
    expect(traced.stack).toMatch(/^InternalFailureError: Internal Failure\.\n\s+at /);
    kms.KmsError.stackTraces = false;
    try {
      const light = kms.fromResponse({ status: 500, body });
      expect(light.stack).toBe("InternalFailureError: Internal Failure.");
      expect(light).toBeInstanceOf(kms.InternalFailureError);
      expect(light.id).toBe("internal-failure");
      expect(String(light)).toBe("InternalFailureError: Internal Failure.");
    } finally {
      kms.KmsError.stackTraces = true;
    }
  });

  it("docsUrl follows KmsError.docsBaseUrl", () => {
    const e = kms.fromResponse({ status: 413 });
    expect(kms.KMS_DOCS_URL).toBe("ERRORS.md");
    kms.KmsError.docsBaseUrl = "https://example.com/kms/errors";
    try {
      expect(e.docsUrl).toBe("https://example.com/kms/errors#request-entity-too-large");
    } finally {
      kms.KmsError.docsBaseUrl = kms.KMS_DOCS_URL;
    }
  });

  it("params are parsed on first read and then cached", () => {
    const { error } = roundTrip("forbidden-no-permission", { parameterName: "key-1" }, "r");
    expect(error.params).toBe(error.params);
  });

  it("KmsErrorCode lists every code once", () => {
    expect(Object.values(kms.KmsErrorCode)).toEqual(model.codes.map((c) => c.code));
  });

  it("the runtime's own exports are the names the validator reserves, and the operations' guard", () => {
    const fromCatalog = new Set(errorClassNames(model).flatMap((c) => [c.className, c.guard]));
    const reserved = runtimeSymbolNames(model.service.name);
    // A catalog with operations also gets their guard, which is not reserved: it is named after the
    // classes and reserved names are known, around them (isKmsOperationError when isOperationError is taken).
    const { guard } = operationTypeNames(model);
    expect(model.operations.length).toBeGreaterThan(0);
    expect(guard).toBe("isOperationError");
    expect(fromCatalog.has(guard) || reserved.includes(guard)).toBe(false);
    const runtime = Object.keys(kms).filter((name) => !fromCatalog.has(name) && name !== guard);
    expect(Object.keys(kms)).toContain(guard);
    for (const name of runtime) expect(reserved, name).toContain(name);
    // Type-only exports (KmsErrorId …) are not in the module object; every value export is reserved.
    const valueNames = reserved.filter((n) => n in kms);
    expect(new Set(valueNames)).toEqual(new Set(runtime));
  });
});
