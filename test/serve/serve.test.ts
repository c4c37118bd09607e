import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import { startMockServer, FIXTURE_HEADER, type MockServer } from "../../generators/serve/server.js";
import { buildFixtures } from "../../generators/fixtures/cases.js";
import { expectConclusion } from "../typescript/conclusion.js";
import { decodeError, fromResponse, isKmsError } from "../../out/kms/index.js";

const model = await loadCatalog("catalog/kms.yaml");
const fixtures = buildFixtures(model);

async function post(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", headers, body: new Uint8Array([1, 2, 3]) });
  const body = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: Object.fromEntries(res.headers), body };
}

describe("errcat serve (in process)", () => {
  let server: MockServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startMockServer(model, {
      port: 0,
      log: (l) => lines.push(l),
      scenario: {
        steps: [
          { when: { headers: { "x-kms-apiname": "Encrypt" } }, times: 2, respond: { fixture: "service-unavailable-temporary" } },
          { when: { headers: { "x-kms-apiname": "Encrypt" } }, respond: { status: 200, headers: { "content-type": "application/x-protobuf" }, bodyBase64: "CgNhYmM=" } },
        ],
      },
    });
  });
  afterAll(() => server.close());

  it("listens on loopback", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("replays every fixture byte for byte, and the runtime classifies it", async () => {
    for (const f of fixtures) {
      const res = await post(server.url, { [FIXTURE_HEADER]: f.id });
      expect(res.status, f.id).toBe(f.httpStatus);
      expect(res.body, f.id).toEqual(new Uint8Array(f.body));
      for (const [name, value] of Object.entries(f.headers)) expect(res.headers[name]).toBe(value);
      const error = fromResponse({ status: res.status, body: res.body, headers: res.headers });
      expectConclusion(error, f.expect, model.service.name, f.id);
    }
  });

  it("picks an entry's first positive fixture by the entry id", async () => {
    const res = await post(server.url, { [FIXTURE_HEADER]: "key-not-found-in-key-store" });
    const error = fromResponse({ status: res.status, body: res.body });
    expect(error.id).toBe("key-not-found-in-key-store");
    expect(error.params).toEqual({ keyStore: "kst-hzz62ee817bvyyr5x****" });
  });

  it("answers what it cannot serve with a 4xx and a protobuf Error naming the problem", async () => {
    const unknown = await post(server.url, { [FIXTURE_HEADER]: "no-such-fixture" });
    expect(unknown.status).toBe(404);
    expect(decodeError(unknown.body).errorMessage).toContain("no-such-fixture");
    const none = await post(server.url);
    expect(none.status).toBe(400);
    expect(decodeError(none.body).errorCode).toBe("Errcat.NoFixture");
    const get = await fetch(server.url);
    expect(get.status).toBe(405);
  });

  it("plays a scenario in order: two retryable failures, then success", async () => {
    const headers = { "x-kms-apiname": "Encrypt" };
    const first = await post(server.url, headers);
    const second = await post(server.url, headers);
    const third = await post(server.url, headers);
    for (const r of [first, second]) {
      expect(r.status).toBe(503);
      const error = fromResponse({ status: r.status, body: r.body });
      expect(isKmsError(error) && error.retryable).toBe(true);
    }
    expect(third.status).toBe(200);
    expect(Buffer.from(third.body).toString("base64")).toBe("CgNhYmM=");
    // Another API is not scripted.
    expect((await post(server.url, { "x-kms-apiname": "Decrypt" })).status).toBe(400);
  });

  it("logs one line per request", () => {
    expect(lines.length).toBeGreaterThanOrEqual(fixtures.length + 6);
    expect(lines.some((l) => /^POST \/ -> 503 fixture=service-unavailable-temporary api=Encrypt /.test(l))).toBe(true);
  });
});

describe("errcat serve (the command)", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`prints its URL first and stops cleanly on ${signal}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "errcat-serve-"));
      const scenario = join(dir, "scenario.yaml");
      writeFileSync(scenario, "steps:\n  - respond: { fixture: internal-failure }\n");
      const child = spawn(process.execPath, ["bin/errcat.js", "serve", "--port", "0", "--scenario", scenario], { stdio: ["ignore", "pipe", "pipe"] });
      const firstLine = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await post(firstLine);
      expect(res.status).toBe(500);
      expect(fromResponse({ status: res.status, body: res.body }).id).toBe("internal-failure");
      const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill(signal);
      expect(await exit).toBe(0);
    });
  }

  it("rejects a bad scenario with file:line:col and exit code 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "errcat-serve-"));
    const scenario = join(dir, "bad.yaml");
    writeFileSync(scenario, "steps:\n  - respond:\n      status: abc\n");
    const child = spawn(process.execPath, ["bin/errcat.js", "serve", "--scenario", scenario], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`${scenario.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:\\d+: `));
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
