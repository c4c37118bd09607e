/**
 * The test API: startMockServer from vitest, in parallel tests (a server each) and in sequential tests
 * sharing one server with reset() between them; what the client sent is read back from requests()
 * and from the reserved HTTP path.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import { buildFixtures } from "../../generators/fixtures/cases.js";
import { FIXTURE_HEADER, REQUESTS_PATH, RESET_PATH, startMockServer, type MockServer } from "../../generators/serve/index.js";
import { expectConclusion } from "../typescript/conclusion.js";
import { fromResponse, isKmsError } from "../../out/kms/index.js";
import { sdkHeaders, send } from "./support.js";

const model = await loadCatalog("catalog/kms.yaml");

/** A small fetch-based KMS client under test: it retries what the runtime calls retryable, twice. */
async function encrypt(endpoint: string, plaintext: Uint8Array): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(endpoint, { method: "POST", headers: sdkHeaders("Encrypt"), body: new Blob([new Uint8Array(plaintext)]) });
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.ok) return body;
    const error = fromResponse({ status: res.status, body, headers: res.headers });
    if (!(isKmsError(error) && error.retryable) || attempt === 2) throw error;
  }
}

describe("one server per test, tests in parallel", () => {
  describe.concurrent("each test its own scenario", () => {
    for (const [i, fixture] of ["service-unavailable-temporary", "internal-failure", "rejected-disabled", "key-not-found"].entries()) {
      it(`test ${i}: sees only its own requests and answers`, async () => {
        const kms = await startMockServer({ catalog: model, scenario: { steps: [{ when: { operation: "Encrypt" }, respond: { fixture } }] } });
        try {
          const error = await encrypt(kms.url, new Uint8Array([i])).then(() => undefined, (e: unknown) => e);
          expect((error as { id?: string }).id).toBe(fixture);
          const retryable = model.entries.find((e) => e.id === fixture)!.retryable;
          expect(kms.requests()).toHaveLength(retryable ? 3 : 1);
          expect(kms.requests().every((r) => r.body[0] === i && r.operation === "Encrypt")).toBe(true);
        } finally {
          await kms.close();
        }
      });
    }
  });
});

describe("one server shared, reset between tests", () => {
  let kms: MockServer;
  beforeAll(async () => {
    kms = await startMockServer({ catalog: "catalog/kms.yaml" });
  });
  beforeEach(() => kms.reset());
  afterAll(() => kms.close());

  it("retries a 503, then succeeds; and sent the headers the KMS expects", async () => {
    kms.use({
      steps: [
        { when: { operation: "Encrypt" }, times: 1, respond: { fixture: "service-unavailable-temporary" } },
        { when: { operation: "Encrypt" }, respond: { status: 200, headers: { "content-type": "application/x-protobuf" }, bodyBase64: "CgNrZXk=" } },
      ],
    });
    const ciphertext = await encrypt(kms.url, new TextEncoder().encode("hello"));
    expect(Buffer.from(ciphertext).toString("base64")).toBe("CgNrZXk=");
    const sent = kms.requests();
    expect(sent.map((r) => r.response.status)).toEqual([503, 200]);
    expect(sent[0]!.headers["x-kms-apiversion"]).toBe("dkms-gcs-0.2");
    expect(Buffer.from(sent[0]!.body).toString()).toBe("hello");
  });

  it("starts from an empty log and the first step after reset()", async () => {
    expect(kms.requests()).toEqual([]);
    kms.use({ steps: [{ times: 1, respond: { fixture: "internal-failure" } }] });
    await send(kms.url, { headers: sdkHeaders() });
    expect((await send(kms.url, { headers: sdkHeaders() })).status).toBe(400);
    kms.reset();
    expect(kms.requests()).toEqual([]);
    expect((await send(kms.url, { headers: sdkHeaders() })).status).toBe(500);
    expect(kms.requests()[0]!.seq).toBe(1);
  });

  it("a client that forgets a header fails its test: strict mode answers with the catalog's error", async () => {
    kms.use({ steps: [{ respond: { status: 200, body: "" } }] });
    const { "x-kms-signaturemethod": _dropped, ...headers } = sdkHeaders();
    const res = await fetch(kms.url, { method: "POST", headers, body: new Uint8Array([1]) });
    const error = fromResponse({ status: res.status, body: new Uint8Array(await res.arrayBuffer()) });
    expect(error.id).toBe("invalid-param-signature-method-missing");
    expect(kms.requests()[0]!.response).toMatchObject({ source: "condition", entry: "invalid-param-signature-method-missing" });
  });

  it("serves the request log over HTTP at a reserved path, and resets over HTTP", async () => {
    kms.use({ steps: [{ respond: { fixture: "key-not-found" } }] });
    await send(kms.url, { headers: sdkHeaders("Decrypt"), body: new Uint8Array([7, 8, 9]) });
    const log = await send(kms.url, { method: "GET", path: REQUESTS_PATH });
    expect(log.status).toBe(200);
    const json = JSON.parse(log.body.toString()) as { dropped: number; requests: { seq: number; operation: string; bodyBase64: string; response: { fixture: string } }[] };
    expect(json.dropped).toBe(0);
    expect(json.requests).toHaveLength(1);
    expect(json.requests[0]).toMatchObject({ seq: 1, operation: "Decrypt", bodyBase64: "BwgJ", response: { fixture: "key-not-found" } });
    expect((await send(kms.url, { path: RESET_PATH })).status).toBe(204);
    expect(kms.requests()).toEqual([]);
  });

  it("still replays every fixture by header, byte for byte, unchecked", async () => {
    kms.use(undefined);
    for (const f of buildFixtures(model)) {
      const res = await send(kms.url, { headers: { [FIXTURE_HEADER]: f.id } });
      expect(res.status, f.id).toBe(f.httpStatus);
      expect(new Uint8Array(res.body), f.id).toEqual(new Uint8Array(f.body));
      for (const [name, value] of Object.entries(f.headers)) expect(res.headers[name], f.id).toBe(value);
      expectConclusion(fromResponse({ status: res.status, body: res.body, headers: res.headers as Record<string, string> }), f.expect, model.service.name, f.id);
    }
  });

  it("logs each request before its response goes out", async () => {
    const events: string[] = [];
    const logged = await startMockServer({ catalog: model, scenario: { steps: [{ respond: { fixture: "internal-failure" } }] }, log: (line) => events.push(`log ${line.split(" ")[3]}`) });
    try {
      await send(logged.url, { headers: sdkHeaders() }).then((r) => events.push(`response ${r.status}`));
      expect(events).toEqual(["log 500", "response 500"]);
    } finally {
      await logged.close();
    }
  });

  it("keeps only the latest requests, counting the ones dropped", async () => {
    const small = await startMockServer({ catalog: model, maxLoggedRequests: 3, scenario: { steps: [{ respond: { fixture: "internal-failure" } }] } });
    try {
      for (let i = 0; i < 5; i++) await send(small.url, { headers: sdkHeaders(), body: new Uint8Array([i]) });
      expect(small.requests().map((r) => r.seq)).toEqual([3, 4, 5]);
      const json = JSON.parse((await send(small.url, { method: "GET", path: REQUESTS_PATH })).body.toString()) as { dropped: number };
      expect(json.dropped).toBe(2);
    } finally {
      await small.close();
    }
  });
});
