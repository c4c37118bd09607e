/**
 * The mock KMS endpoint. A request is answered, in this order, by: the fixture its `x-errcat-fixture`
 * header names (byte for byte, never checked); in strict mode, the catalog entry whose request
 * condition it meets (a missing header, a refused value, a Date off the clock, a body over a limit);
 * the scenario's next step that matches it (a fixture, a literal response, or a fault); or else an
 * `Errcat.*` error saying what to send. Every request is logged (one line, before the response goes
 * out) and kept in a bounded request log.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CatalogModel } from "../catalog/model.js";
import { loadCatalog } from "../catalog/index.js";
import { formatEntryMessage } from "../catalog/format.js";
import { buildFixtures, PROTOBUF, requestIdFor, type Fixture } from "../fixtures/cases.js";
import { encodeWireError, wireType } from "../fixtures/wire.js";
import { UsageError } from "../usage-error.js";
import { createRequestChecker, type ConditionHit } from "./request-checks.js";
import { LOGGED_BODY_BYTES, logLine, RequestLog, requestJson, type LoggedRequest, type LoggedResponse } from "./request-log.js";
import { proxyPageBody, ScenarioCursor, validScenario, type Scenario, type ScenarioContext, type ScenarioResponse } from "./scenario.js";
import { issueCertificates } from "./tls.js";

export const FIXTURE_HEADER = "x-errcat-fixture";
/** Reserved paths: the request log (GET, JSON) and a reset (POST). Requests to them are not logged. */
export const REQUESTS_PATH = "/__errcat/requests";
export const RESET_PATH = "/__errcat/reset";

export interface MockServerOptions {
  /** The catalog: a model, or the path of a catalog file. */
  readonly catalog?: CatalogModel | string;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly scenario?: Scenario;
  /** Check requests against the catalog's request conditions (default: the scenario's `strict`, else true). */
  readonly strict?: boolean;
  /** HTTPS: `true` issues a CA and a certificate at start; or give your own PEM cert and key. */
  readonly tls?: boolean | { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Called with one line per request, before the response is sent. */
  readonly log?: (line: string) => void;
  readonly logFormat?: "text" | "json";
  /** How many requests requests() keeps (the latest; default 1000). */
  readonly maxLoggedRequests?: number;
  /** The server clock for the Date checks (ms since the epoch); Date.now by default. */
  readonly now?: () => number;
}

/** @deprecated the form `startMockServer(model, options)`; use `startMockServer({ catalog, ... })`. */
export type ServeOptions = Omit<MockServerOptions, "catalog">;

export interface MockServer {
  /** `http://127.0.0.1:PORT` (or https). */
  readonly url: string;
  readonly server: Server;
  /** With generated TLS: the CA certificate (PEM) and the file it was written to, for the client to trust. */
  readonly ca?: string;
  readonly caFile?: string;
  /** The requests received since start or the last reset(), oldest first (the latest maxLoggedRequests). */
  requests(): LoggedRequest[];
  /** Forgets the logged requests and starts the scenario over. */
  reset(): void;
  /** Replaces the scenario (checked first: throws ScenarioError), and starts it from its first step. */
  use(scenario: Scenario | undefined): void;
  close(): Promise<void>;
}

/** Starts the mock endpoint; resolves once it listens. */
export async function startMockServer(options?: MockServerOptions): Promise<MockServer>;
export async function startMockServer(model: CatalogModel, options?: ServeOptions): Promise<MockServer>;
export async function startMockServer(first: CatalogModel | MockServerOptions = {}, second: ServeOptions = {}): Promise<MockServer> {
  const options: MockServerOptions = isModel(first) ? { ...second, catalog: first } : first;
  const model = typeof options.catalog === "string" || options.catalog === undefined ? await loadCatalog(options.catalog ?? "catalog/kms.yaml") : options.catalog;
  const fixtures = new Map<string, Fixture>(buildFixtures(model).map((f) => [f.id, f]));
  const context = scenarioContext(fixtures, model);
  const type = wireType(model);
  const check = createRequestChecker(model, options.now);
  const log = options.log;
  const format = options.logFormat ?? "text";
  const requestLog = new RequestLog(options.maxLoggedRequests ?? 1000);
  let cursor = options.scenario ? new ScenarioCursor(validScenario(options.scenario, context)) : undefined;
  let seq = 0;
  const strict = () => options.strict ?? cursor?.scenario.strict ?? true;

  const errcatError = (status: number, code: string, message: string, reason: string): Outcome => {
    const requestId = requestIdFor(`errcat serve ${seq}`);
    const body = Buffer.from(encodeWireError(type, { statusCode: status, errorCode: code, errorMessage: message, requestId }));
    return { status, headers: { "content-type": PROTOBUF }, body, logged: { status, source: "errcat", requestId, reason } };
  };
  const conditionAnswer = (hit: ConditionHit): Outcome => {
    const e = hit.entry;
    const logged = { status: e.httpStatus, source: "condition", entry: e.id, reason: hit.reason } as const;
    if (e.code === undefined) {
      // A codeless entry: what its fixture sends (the status, and no body).
      const f = fixtures.get(e.id)!;
      return { status: f.httpStatus, headers: { ...f.headers }, body: Buffer.from(f.body), logged };
    }
    const requestId = requestIdFor(`errcat serve ${seq}`);
    const body = Buffer.from(encodeWireError(type, { statusCode: e.httpStatus, errorCode: e.code, errorMessage: formatEntryMessage(e, hit.params), requestId }));
    return { status: e.httpStatus, headers: { "content-type": PROTOBUF }, body, logged: { ...logged, requestId } };
  };
  const fixtureAnswer = (f: Fixture, logged: LoggedResponse): Outcome => ({ status: f.httpStatus, headers: { ...f.headers }, body: Buffer.from(f.body.buffer, f.body.byteOffset, f.body.byteLength), logged });

  const decide = (req: IncomingMessage, path: string, bodyBytes: number): Outcome => {
    const chosen = req.headers[FIXTURE_HEADER];
    if (typeof chosen === "string") {
      const f = fixtures.get(chosen);
      if (!f) return errcatError(404, "Errcat.UnknownFixture", `no fixture or entry \`${chosen}\`: see fixtures/index.json for the ids`, `unknown fixture ${chosen}`);
      return fixtureAnswer(f, { status: f.httpStatus, source: "fixture", fixture: f.id });
    }
    if (req.method !== "POST") return errcatError(405, "Errcat.MethodNotAllowed", `errcat serve answers POST, not ${req.method}`, `method ${req.method}`);
    if (strict()) {
      const hit = check({ headers: req.headers, bodyBytes });
      if (hit) return conditionAnswer(hit);
    }
    const picked = cursor?.next({ path, headers: req.headers, rawHeaders: req.rawHeaders, bodyBytes });
    if (picked) return scenarioAnswer(picked.step.respond, picked.index);
    return errcatError(400, "Errcat.NoFixture", cursor
      ? `no scenario step is left for this request, and it has no ${FIXTURE_HEADER} header`
      : `send a ${FIXTURE_HEADER}: <fixture id> header, or start errcat serve with a scenario, to choose the response`, cursor ? "no scenario step left" : "no fixture named");
  };

  const scenarioAnswer = (r: ScenarioResponse, step: number): Outcome => {
    const faults: string[] = [];
    let base: { status: number | null; headers: Record<string, string>; body: Buffer; fixture?: string };
    if (r.reset) {
      faults.push("reset");
      base = { status: null, headers: {}, body: Buffer.alloc(0) };
    } else if (r.fixture !== undefined) {
      const f = fixtures.get(r.fixture)!;
      base = { status: f.httpStatus, headers: { ...f.headers }, body: Buffer.from(f.body), fixture: f.id };
    } else if (r.proxyPage !== undefined) {
      faults.push("proxy-page");
      base = { status: r.proxyPage, headers: { "content-type": "text/html" }, body: proxyPageBody(r.proxyPage) };
    } else {
      const body = r.bodyBase64 !== undefined ? Buffer.from(r.bodyBase64, "base64") : Buffer.from(r.body ?? "", "utf8");
      base = { status: r.status!, headers: {}, body };
    }
    for (const [name, value] of Object.entries(r.headers ?? {})) setHeader(base.headers, name, String(value));
    if (r.retryAfter !== undefined) setHeader(base.headers, "retry-after", String(r.retryAfter));
    if (r.delayMs) faults.push("delay");
    if (r.slowBody) faults.push("slow");
    if (r.truncateAfterBytes !== undefined) faults.push("truncate");
    return {
      status: base.status, headers: base.headers, body: base.body, respond: r,
      logged: { status: base.status, source: "scenario", step, ...(base.fixture !== undefined ? { fixture: base.fixture } : {}), ...(faults.length ? { faults } : {}) },
    };
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.sendDate = false; // replay the fixture's headers, not the transport's
    const started = process.hrtime.bigint();
    const path = (req.url ?? "/").split("?")[0]!;
    let bodyBytes = 0;
    const kept: Buffer[] = [];
    let keptBytes = 0;
    req.on("data", (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (keptBytes < LOGGED_BODY_BYTES) {
        const part = chunk.subarray(0, LOGGED_BODY_BYTES - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
    });
    req.on("end", () => {
      if (path === REQUESTS_PATH || path === RESET_PATH) return reserved(req, res, path);
      seq += 1;
      let outcome: Outcome;
      try {
        outcome = decide(req, path, bodyBytes);
      } catch (error) {
        outcome = errcatError(500, "Errcat.ServeFailed", String(error), "internal error");
      }
      const api = req.headers["x-kms-apiname"];
      const entry: LoggedRequest = {
        seq, method: req.method ?? "", path, headers: req.headers, ...(typeof api === "string" ? { operation: api } : {}),
        bodyBytes, body: kept.length === 1 ? kept[0]! : Buffer.concat(kept), response: outcome.logged,
      };
      requestLog.push(entry);
      // The line is written before the response goes out.
      log?.(logLine(entry, Number(process.hrtime.bigint() - started) / 1e6, format));
      send(req, res, outcome);
    });
  };

  const reserved = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === REQUESTS_PATH && req.method === "GET") {
      const body = Buffer.from(`${JSON.stringify({ dropped: requestLog.dropped, requests: requestLog.list().map(requestJson) })}\n`);
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
    } else if (path === RESET_PATH && req.method === "POST") {
      reset();
      res.writeHead(204).end();
    } else {
      const body = Buffer.from(`${path} answers ${path === REQUESTS_PATH ? "GET" : "POST"}\n`);
      res.writeHead(405, { "content-type": "text/plain", "content-length": body.length }).end(body);
    }
  };

  const reset = () => {
    requestLog.clear();
    cursor?.reset();
    seq = 0;
  };

  const tls = options.tls === true ? issueCertificates(options.host && options.host !== "127.0.0.1" && options.host !== "localhost" ? [options.host] : []) : undefined;
  const server: Server = options.tls
    ? (createHttpsServer(tls ? { cert: tls.certPem, key: tls.keyPem } : (options.tls as { cert: string | Buffer; key: string | Buffer }), handle) as unknown as Server)
    : createHttpServer(handle);
  // A client that goes away mid-request is no error of the server's.
  server.on("clientError", (_error, socket) => socket.destroy());
  await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  let caFile: string | undefined;
  let caDir: string | undefined;
  if (tls) {
    caDir = mkdtempSync(join(tmpdir(), "errcat-serve-tls-"));
    caFile = join(caDir, "ca.pem");
    writeFileSync(caFile, tls.caPem);
  }
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `${options.tls ? "https" : "http"}://${host}:${address.port}`,
    server,
    ...(tls ? { ca: tls.caPem, caFile } : {}),
    requests: () => requestLog.list(),
    reset,
    use: (scenario) => {
      cursor = scenario ? new ScenarioCursor(validScenario(scenario, context)) : undefined;
      reset();
    },
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      if (caDir) rmSync(caDir, { recursive: true, force: true });
    })),
  };
}

interface Outcome {
  readonly status: number | null;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly logged: LoggedResponse;
  /** The scenario response, for its faults. */
  readonly respond?: ScenarioResponse;
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}

/** Sends an outcome, with the scenario's faults: a delay, a reset, a slow or truncated body. */
function send(req: IncomingMessage, res: ServerResponse, o: Outcome): void {
  const r = o.respond;
  const go = () => {
    if (res.destroyed || req.socket.destroyed) return;
    if (o.status === null) {
      req.socket.resetAndDestroy();
      return;
    }
    const bodiless = o.status === 204 || o.status === 304 || req.method === "HEAD";
    const headers: Record<string, string | number> = { ...o.headers };
    if (!(o.status === 204 || o.status === 304)) headers["content-length"] = o.body.length;
    res.writeHead(o.status, headers);
    if (bodiless) {
      res.end();
      return;
    }
    const limit = r?.truncateAfterBytes ?? o.body.length;
    const body = o.body.subarray(0, limit);
    // A truncated body: the bytes sent have reached the kernel, then the connection closes short of its length.
    const finish = () => (limit < o.body.length ? res.socket?.destroy() : res.end());
    if (!r?.slowBody) {
      if (limit < o.body.length) res.write(body, () => res.socket?.destroy());
      else res.end(body);
      return;
    }
    const { chunkBytes, intervalMs } = r.slowBody;
    let at = 0;
    const tick = () => {
      if (res.destroyed) return;
      if (at >= body.length) return finish();
      const chunk = body.subarray(at, at + chunkBytes);
      at += chunk.length;
      res.write(chunk, () => (at >= body.length ? finish() : void setTimeout(tick, intervalMs)));
    };
    // The headers go at once, the first bytes of the body after a pause.
    res.flushHeaders();
    setTimeout(tick, intervalMs);
  };
  if (r?.delayMs) setTimeout(go, r.delayMs);
  else go();
}

async function listen(server: Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(listenProblem(error, host, port));
  });
}

/** Why the server could not listen, as a sentence with a fix. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use: stop what listens there, or pass --port 0 to pick a free port`;
    case "EADDRNOTAVAIL":
      return `${host} is not an address of this machine: listen on 127.0.0.1 (the default), ::1, or one of this machine's addresses`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return `the host ${host} cannot be resolved (${error.code}): give an IP address such as 127.0.0.1, or a name this machine resolves`;
    case "EACCES":
    case "EPERM":
      return `listening on port ${port} is not allowed (${error.code}): use a port above 1023, or 0 to pick a free one`;
    case "EAFNOSUPPORT":
      return `this machine cannot listen on ${host} (${error.code}): use 127.0.0.1`;
    default:
      return `cannot listen on ${host}:${port} (${error.code ?? error.message}): check --host and --port`;
  }
}

function scenarioContext(fixtures: ReadonlyMap<string, Fixture>, model: CatalogModel): ScenarioContext {
  return {
    fixtures: new Map([...fixtures].map(([id, f]) => [id, { bodyLength: f.body.length, httpStatus: f.httpStatus, operations: f.operations }])),
    operations: model.operations.map((o) => o.name),
  };
}

/** The fixture ids and body lengths a scenario is checked against, for a catalog model. */
export function scenarioContextOf(model: CatalogModel): ScenarioContext {
  return scenarioContext(new Map(buildFixtures(model).map((f) => [f.id, f])), model);
}

function isModel(x: unknown): x is CatalogModel {
  return typeof x === "object" && x !== null && "entries" in x && "service" in x;
}
