/**
 * Scenarios: bad files give their exact diagnostics (and `errcat serve` exits 2 before listening);
 * steps match on operation, headers, path and body size; faults are what a client sees.
 */
import { connect } from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import { formatDiagnostic } from "../../generators/catalog/diagnostics.js";
import { parseScenario, ScenarioError, startMockServer, type MockServer, type Scenario } from "../../generators/serve/index.js";
import { scenarioContextOf } from "../../generators/serve/server.js";
import { buildFixtures } from "../../generators/fixtures/cases.js";
import { fromResponse, isKmsError } from "../../out/kms/index.js";
import { runErrcat } from "../support/cli.js";
import { sdkHeaders, send } from "./support.js";

const model = await loadCatalog("catalog/kms.yaml");
const context = scenarioContextOf(model);
const fixtures = new Map(buildFixtures(model).map((f) => [f.id, f]));
const dir = new URL("./bad-scenarios/", import.meta.url);
const bad = readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -".yaml".length)).sort();

interface Expected {
  readonly exitCode: number;
  readonly diagnostics: readonly { line: number; column: number; rule: string; message: string }[];
}

describe("bad scenario files", () => {
  it("has at least 12 cases, each with its expected diagnostics", () => {
    expect(bad.length).toBeGreaterThanOrEqual(12);
    expect(readdirSync(dir).filter((f) => f.endsWith(".expected.json")).map((f) => f.slice(0, -".expected.json".length)).sort()).toEqual(bad);
  });

  describe.each(bad)("%s.yaml", (name) => {
    const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), "utf8")) as Expected;

    it("gives exactly the expected diagnostics, each saying what is wrong and how to fix it", () => {
      let error: unknown;
      try {
        parseScenario(`${name}.yaml`, readFileSync(new URL(`${name}.yaml`, dir), "utf8"), context);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      const diagnostics = (error as ScenarioError).diagnostics;
      expect(diagnostics.map(({ line, column, rule, message }) => ({ line, column, rule, message }))).toEqual(expected.diagnostics);
      for (const d of diagnostics) expect(d.message).toMatch(/^.{8,}: .{8,}$/s);
    });
  });

  it("makes `errcat serve` exit 2 with file:line:col before it listens, without a stack trace", async () => {
    for (const name of ["unknown-fixture", "alias-bomb", "informational-status"]) {
      const file = `test/serve/bad-scenarios/${name}.yaml`;
      const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), "utf8")) as Expected;
      const r = await runErrcat(["serve", "--port", "0", "--scenario", file]);
      expect(r.code, name).toBe(2);
      expect(r.stdout, name).toBe("");
      for (const d of expected.diagnostics) expect(r.stderr).toContain(formatDiagnostic({ file, ...d }));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("checks a scenario given in code too, naming the place by path", async () => {
    const server = await startMockServer({ catalog: model });
    try {
      expect(() => server.use({ steps: [{ respond: { fixture: "internal-failur" } }] })).toThrow(/steps\[0\]\.respond\.fixture: no fixture or entry is called `internal-failur`: did you mean `internal-failure`\?/);
      expect(() => server.use({ steps: [{ respond: { status: 200, headers: { "content-length": "3" } } }] } as Scenario)).toThrow(/frames the response/);
      expect(() => server.use({ steps: [{ when: { operation: "GenerateRandom" }, respond: { fixture: "rejected-disabled" } }] })).toThrow(/steps\[0\]\.respond\.fixture: GenerateRandom cannot return fixture `rejected-disabled`/);
      expect(() => server.use({ steps: [{ when: { operation: "GenerateRandom" }, respond: { fixture: "rejected-throttling" } }] })).not.toThrow();
    } finally {
      await server.close();
    }
  });
});

describe("scenario steps and faults, seen from the client", () => {
  let server: MockServer;
  const use = (scenario: Scenario) => server.use(scenario);
  beforeAll(async () => {
    server = await startMockServer({ catalog: model });
  });
  afterAll(() => server.close());

  it("matches steps on operation, any header, path and body size, in order, with times", async () => {
    use({
      steps: [
        { when: { operation: "Encrypt", minBodyBytes: 100 }, respond: { fixture: "request-entity-too-large" } },
        { when: { operation: "Encrypt" }, times: 2, respond: { fixture: "service-unavailable-temporary" } },
        { when: { operation: "Encrypt" }, respond: { status: 200, headers: { "content-type": "application/x-protobuf" }, bodyBase64: "CgNhYmM=" } },
        { when: { headers: { "X-Tenant": "blue" }, path: "/" }, respond: { fixture: "rejected-disabled" } },
        { when: { maxBodyBytes: 0 }, respond: { fixture: "key-not-found" } },
      ],
    });
    const encrypt = sdkHeaders("Encrypt");
    expect((await send(server.url, { headers: encrypt, body: new Uint8Array(100) })).status).toBe(413);
    for (let i = 0; i < 2; i++) {
      const r = await send(server.url, { headers: encrypt });
      const error = fromResponse({ status: r.status, body: r.body });
      expect(isKmsError(error) && error.retryable).toBe(true);
    }
    const ok = await send(server.url, { headers: encrypt });
    expect(ok.status).toBe(200);
    expect(ok.body.toString("base64")).toBe("CgNhYmM=");
    expect((await send(server.url, { headers: { ...sdkHeaders("Decrypt"), "x-tenant": "blue" }, body: new Uint8Array(5) })).status).toBe(409);
    expect((await send(server.url, { headers: sdkHeaders("Decrypt") })).status).toBe(404);
    // Nothing is left for a Decrypt with a body: errcat says so, with a status no client retries.
    const none = await send(server.url, { headers: sdkHeaders("Decrypt"), body: new Uint8Array(5) });
    expect(none.status).toBe(400);
    expect(fromResponse({ status: none.status, body: none.body }).code).toBe("Errcat.NoFixture");
    expect(server.requests().map((r) => r.response.step ?? null)).toEqual([0, 1, 1, 2, 3, 4, null]);
  });

  it("matches a header named __proto__ only on a request that sends it", async () => {
    use({ steps: [{ when: { headers: JSON.parse('{"__proto__": "x"}') as Record<string, string> }, respond: { fixture: "rejected-disabled" } }, { respond: { fixture: "key-not-found" } }] });
    expect((await send(server.url, { headers: sdkHeaders() })).status).toBe(404);
    const carrying = Object.defineProperty({ ...sdkHeaders() }, "__proto__", { value: "x", enumerable: true });
    expect((await send(server.url, { headers: carrying })).status).toBe(409);
    const parsed = parseScenario("proto.yaml", "steps:\n  - when: { headers: { __proto__: x } }\n    respond: { fixture: rejected-disabled }\n  - respond: { fixture: key-not-found }\n", context);
    use(parsed);
    expect((await send(server.url, { headers: sdkHeaders() })).status).toBe(404);
  });

  it("waits at least delayMs before answering", async () => {
    use({ steps: [{ respond: { fixture: "internal-failure", delayMs: 300 } }] });
    const started = performance.now();
    const r = await send(server.url, { headers: sdkHeaders() });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(fromResponse({ status: r.status, body: r.body }).id).toBe("internal-failure");
  });

  it("resets the connection: the client gets ECONNRESET and no response", async () => {
    use({ steps: [{ respond: { reset: true } }] });
    await expect(send(server.url, { headers: sdkHeaders() })).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(server.requests()[0]!.response).toMatchObject({ status: null, faults: ["reset"] });
  });

  it("truncates a body: the full Content-Length, fewer bytes, then the connection closes", async () => {
    const f = fixtures.get("internal-failure")!;
    use({ steps: [{ respond: { fixture: "internal-failure", truncateAfterBytes: 10 } }] });
    const raw = await rawExchange(server.url);
    expect(raw.head).toMatch(new RegExp(`^HTTP/1\\.1 500 Internal Server Error\\r\\n`));
    expect(raw.head.toLowerCase()).toContain(`content-length: ${f.body.length}\r\n`);
    expect(raw.body).toEqual(Buffer.from(f.body.subarray(0, 10)));
    await expect(send(server.url, { headers: sdkHeaders() })).rejects.toMatchObject({ code: expect.stringMatching(/ABORTED|ECONNRESET/) });
  });

  it("sends a body slowly, a few bytes at a time, all of it", async () => {
    const f = fixtures.get("internal-failure")!;
    use({ steps: [{ respond: { fixture: "internal-failure", slowBody: { chunkBytes: 16, intervalMs: 40 } } }] });
    const started = performance.now();
    const raw = await rawExchange(server.url);
    const chunks = Math.ceil(f.body.length / 16);
    expect(performance.now() - started).toBeGreaterThanOrEqual(40 * chunks);
    expect(raw.body).toEqual(Buffer.from(f.body));
    expect(raw.reads).toBeGreaterThanOrEqual(chunks);
  });

  it("sends a proxy's HTML page and a Retry-After header; the runtime does not decode the page", async () => {
    use({ steps: [{ times: 1, respond: { proxyPage: 503, retryAfter: 7 } }, { respond: { fixture: "service-unavailable-temporary", retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" } }] });
    const page = await send(server.url, { headers: sdkHeaders() });
    expect(page.status).toBe(503);
    expect(page.headers["content-type"]).toBe("text/html");
    expect(page.headers["retry-after"]).toBe("7");
    expect(page.body.toString()).toContain("<title>503 Service Unavailable</title>");
    const error = fromResponse({ status: page.status, body: page.body, headers: page.headers as Record<string, string> });
    expect(error.code).toBeUndefined();
    expect(isKmsError(error) && error.retryable).toBe(true);
    const second = await send(server.url, { headers: sdkHeaders() });
    expect(second.headers["retry-after"]).toBe("Wed, 21 Oct 2015 07:28:00 GMT");
  });

  it("sends one Content-Length, and none (and no body) for 204 and 304", async () => {
    use({ steps: [{ times: 1, respond: { status: 200, headers: { "X-Custom": "yes" }, body: "hello" } }, { times: 1, respond: { status: 204 } }, { respond: { status: 304 } }] });
    const ok = await rawExchange(server.url);
    expect(ok.head.match(/content-length/gi)).toHaveLength(1);
    expect(ok.head).toContain("X-Custom: yes\r\n");
    expect(ok.body.toString()).toBe("hello");
    for (const status of [204, 304]) {
      const r = await rawExchange(server.url);
      expect(r.head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(r.head.toLowerCase()).not.toContain("content-length");
      expect(r.head.toLowerCase()).not.toContain("transfer-encoding");
      expect(r.body.length).toBe(0);
    }
  });
});

/** One request on a fresh socket, read raw until the server closes it or the response ends. */
function rawExchange(url: string): Promise<{ head: string; body: Buffer; reads: number }> {
  const { hostname, port } = new URL(url);
  const headers = Object.entries(sdkHeaders()).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let reads = 0;
    const done = () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf("\r\n\r\n");
      resolve({ head: all.subarray(0, end + 2).toString("latin1"), body: all.subarray(end + 4), reads });
    };
    socket.on("data", (c: Buffer) => {
      chunks.push(c);
      reads++;
      // A complete response with a Content-Length (or none, for 204/304) ends the exchange.
      const all = Buffer.concat(chunks);
      const end = all.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = all.subarray(0, end).toString("latin1");
      const length = /content-length: (\d+)/i.exec(head);
      const bodyless = /^HTTP\/1\.1 (204|304) /.test(head);
      if ((length && all.length - end - 4 >= Number(length[1])) || bodyless) {
        socket.destroy();
        done();
      }
    });
    socket.on("close", () => done());
    socket.on("error", reject);
    socket.write(`POST / HTTP/1.1\r\nhost: ${hostname}\r\n${headers}content-length: 0\r\n\r\n`);
  });
}
