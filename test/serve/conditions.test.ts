/**
 * Strict mode: every request condition that catalog/kms.yaml states, sent by a real HTTP client, gets
 * the entry's status and body byte for byte with the placeholder filled from the request; and the
 * vendor SDKs' request shape passes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import type { RequestCondition } from "../../generators/catalog/model.js";
import { encodeWireError, wireType } from "../../generators/fixtures/wire.js";
import { parseRfc1123 } from "../../generators/serve/request-checks.js";
import { startMockServer, type MockServer } from "../../generators/serve/index.js";
import { decodeError, fromResponse } from "../../out/kms/index.js";
import { httpDate, sdkHeaders, send } from "./support.js";

const model = await loadCatalog("catalog/kms.yaml");
// A fixed server clock, so the Date checks do not depend on when the test runs.
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

/**
 * Each condition kms.yaml states, what breaks it in an otherwise correct request, and what the vendor
 * page says the server answers (written out here, not derived from the catalog).
 */
const CASES: readonly { entry: string; kind: RequestCondition["kind"]; change: (h: Record<string, string>) => { headers: Record<string, string>; body?: Uint8Array }; status: number; message: string | null; params: Record<string, string> }[] = [
  { entry: "invalid-api-name", kind: "header-not-operation", change: (h) => ({ headers: { ...h, "x-kms-apiname": "EncryptData" } }), status: 400, message: 'The ApiName "EncryptData" is invalid.', params: { apiName: "EncryptData" } },
  { entry: "invalid-api-version", kind: "header-missing", change: (h) => ({ headers: without(h, "x-kms-apiversion") }), status: 400, message: 'The ApiVersion "" is invalid.', params: { apiVersion: "" } },
  { entry: "invalid-param-date", kind: "header-missing", change: (h) => ({ headers: without(h, "date") }), status: 400, message: "The Param Date is invalid.", params: {} },
  { entry: "invalid-param-date", kind: "header-not-format", change: (h) => ({ headers: { ...h, date: "2025-01-15T12:00:00Z" } }), status: 400, message: "The Param Date is invalid.", params: {} },
  { entry: "invalid-param-signature-method-missing", kind: "header-missing", change: (h) => ({ headers: without(h, "x-kms-signaturemethod") }), status: 400, message: "The Param x-kms-signaturemethod is invalid.", params: {} },
  { entry: "invalid-param-signature-method-unsupported", kind: "header-not-one-of", change: (h) => ({ headers: { ...h, "x-kms-signaturemethod": "HMAC-SHA1" } }), status: 400, message: 'The Param x-kms-signaturemethod is invalid. message:"HMAC-SHA1".', params: { signatureMethod: "HMAC-SHA1" } },
  { entry: "missing-parameter-access-key-id", kind: "header-missing", change: (h) => ({ headers: { ...h, "x-kms-acccesskeyid": "" } }), status: 400, message: "Parameter x-kms-acccesskeyid does not exist in http header or body.", params: {} },
  { entry: "request-time-too-skewed", kind: "header-skew", change: (h) => ({ headers: { ...h, date: httpDate(NOW - 16 * 60 * 1000) } }), status: 400, message: "Request time exceeds server time more than 15 minutes.", params: {} },
  { entry: "request-entity-too-large", kind: "body-over-limit", change: (h) => ({ headers: h, body: new Uint8Array(3 * 1024 * 1024 + 1) }), status: 413, message: null, params: {} },
  { entry: "invalid-content-type", kind: "header-not-one-of", change: (h) => ({ headers: { ...h, "content-type": "application/json" } }), status: 415, message: 'Content-Type "application/json" is unsupported.', params: { contentType: "application/json" } },
];

function without(headers: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _gone, ...rest } = headers;
  return rest;
}

describe("strict mode: the catalog's request conditions", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ catalog: model, now: () => NOW, scenario: { steps: [{ respond: { fixture: "key-not-found" } }] } });
  });
  afterAll(() => server.close());

  it("has a case here for every condition kms.yaml states, and kms.yaml states conditions", () => {
    const stated = model.entries.flatMap((e) => e.request.map((c) => `${e.id} ${c.kind}`)).sort();
    expect(stated.length).toBeGreaterThanOrEqual(10);
    expect(CASES.map((c) => `${c.entry} ${c.kind}`).sort()).toEqual(stated);
  });

  it("lets the vendor SDKs' request shape through, for every operation name", async () => {
    const operations = model.operations.map((o) => o.name);
    expect(operations).toEqual(expect.arrayContaining(["Encrypt", "Decrypt", "GetSecretValue", "Sign", "GenerateRandom"]));
    for (const operation of operations) {
      const res = await send(server.url, { headers: sdkHeaders(operation, NOW), body: new Uint8Array([10, 3, 107, 101, 121]) });
      expect(res.status, operation).toBe(404);
      expect(fromResponse({ status: res.status, body: res.body }).id).toBe("key-not-found");
    }
    // Dates a little off the clock (within 15 minutes) and in a numeric zone pass too.
    for (const date of [httpDate(NOW + 14 * 60 * 1000), httpDate(NOW - 14 * 60 * 1000), "Wed, 15 Jan 2025 20:00:00 +0800"]) {
      expect((await send(server.url, { headers: { ...sdkHeaders("Encrypt", NOW), date } })).status, date).toBe(404);
    }
  });

  for (const c of CASES) {
    it(`${c.entry} (${c.kind}): the entry's status and body, byte for byte`, async () => {
      server.reset();
      const { headers, body } = c.change(sdkHeaders("Encrypt", NOW));
      const res = await send(server.url, { headers, ...(body ? { body } : {}) });
      expect(res.status).toBe(c.status);
      const [logged] = server.requests();
      expect(logged!.response).toMatchObject({ source: "condition", entry: c.entry, status: c.status });
      if (c.message === null) {
        // The codeless 413: no body, as its fixture.
        expect(res.body.length).toBe(0);
        expect(fromResponse({ status: res.status, body: res.body }).id).toBe(c.entry);
        return;
      }
      expect(res.headers["content-type"]).toBe("application/x-protobuf");
      const wire = decodeError(res.body);
      expect(wire.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      expect(wire.requestId).toBe(logged!.response.requestId);
      const code = model.entries.find((e) => e.id === c.entry)!.code!;
      const expected = encodeWireError(wireType(model), { statusCode: c.status, errorCode: code, errorMessage: c.message, requestId: wire.requestId });
      expect(new Uint8Array(res.body)).toEqual(expected);
      const error = fromResponse({ status: res.status, body: res.body, headers: res.headers as Record<string, string> });
      expect(error.id).toBe(c.entry);
      expect(error.params).toEqual(c.params);
    });
  }

  it("answers a missing, empty or wrongly cased API name with InvalidApiName, the name as sent", async () => {
    const cases: [Record<string, string>, string][] = [
      [without(sdkHeaders("Encrypt", NOW), "x-kms-apiname"), ""],
      [{ ...sdkHeaders("Encrypt", NOW), "x-kms-apiname": "" }, ""],
      [sdkHeaders("encrypt", NOW), "encrypt"],
    ];
    for (const [headers, sent] of cases) {
      const res = await send(server.url, { headers });
      expect(res.status, sent).toBe(400);
      const wire = decodeError(res.body);
      expect(new Uint8Array(res.body), sent).toEqual(encodeWireError(wireType(model), { statusCode: 400, errorCode: "InvalidApiName", errorMessage: `The ApiName "${sent}" is invalid.`, requestId: wire.requestId }));
    }
  });

  it("answers with the first condition in catalog order when a request breaks several", async () => {
    const headers = without(without(sdkHeaders("Encrypt", NOW), "x-kms-apiversion"), "x-kms-signaturemethod");
    const res = await send(server.url, { headers });
    expect(fromResponse({ status: res.status, body: res.body }).id).toBe("invalid-api-version");
  });

  it("fills a placeholder with an awkward value exactly as sent", async () => {
    const value = 'HMAC "quoted" ключ';
    const res = await send(server.url, { headers: { ...sdkHeaders("Encrypt", NOW), "x-kms-signaturemethod": Buffer.from(value).toString("latin1") } });
    const error = fromResponse({ status: res.status, body: res.body });
    expect(error.id).toBe("invalid-param-signature-method-unsupported");
    // Node reads header bytes as latin1; the message carries those characters.
    expect(error.params).toEqual({ signatureMethod: Buffer.from(value).toString("latin1") });
  });

  it("does not check requests that name a fixture, or any request with strict off", async () => {
    const named = await send(server.url, { headers: { "x-errcat-fixture": "internal-failure" } });
    expect(fromResponse({ status: named.status, body: named.body }).id).toBe("internal-failure");
    const loose = await startMockServer({ catalog: model, strict: false, scenario: { steps: [{ respond: { fixture: "key-not-found" } }] } });
    try {
      expect((await send(loose.url)).status).toBe(404);
    } finally {
      await loose.close();
    }
    const byScenario = await startMockServer({ catalog: model, scenario: { strict: false, steps: [{ respond: { fixture: "key-not-found" } }] } });
    try {
      expect((await send(byScenario.url)).status).toBe(404);
    } finally {
      await byScenario.close();
    }
  });
});

describe("RFC 1123 dates", () => {
  it("reads the form HTTP and the vendor SDKs write, and refuses others", () => {
    expect(parseRfc1123("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseRfc1123("Sun, 06 Nov 1994 16:49:37 +0800")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    for (const bad of ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Mon, 06 Nov 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "1994-11-06T08:49:37Z", ""]) {
      expect(parseRfc1123(bad), bad).toBeUndefined();
    }
  });
});
