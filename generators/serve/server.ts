/**
 * `errcat serve`: a mock KMS instance endpoint on loopback that replays the catalog's fixtures byte
 * for byte, chosen by the `x-errcat-fixture` header or by a scenario.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CatalogModel } from "../catalog/model.js";
import { buildFixtures, PROTOBUF, type Fixture } from "../fixtures/cases.js";
import { encodeWireError, wireType } from "../fixtures/wire.js";
import { createScenarioCursor, type Scenario } from "./scenario.js";

export const FIXTURE_HEADER = "x-errcat-fixture";

export interface MockServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly scenario?: Scenario;
  /** One line per request. */
  readonly log?: (line: string) => void;
}

export async function startMockServer(model: CatalogModel, options: ServeOptions = {}): Promise<MockServer> {
  const fixtures = new Map<string, Fixture>(buildFixtures(model).map((f) => [f.id, f]));
  const type = wireType(model);
  const nextStep = options.scenario ? createScenarioCursor(options.scenario) : undefined;
  const log = options.log ?? (() => {});
  let served = 0;

  const problem = (res: ServerResponse, status: number, code: string, message: string) => {
    const body = encodeWireError(type, { statusCode: status, errorCode: code, errorMessage: message, requestId: `errcat-serve-${served}` });
    res.writeHead(status, { "content-type": PROTOBUF, "content-length": body.length });
    res.end(body);
    return `${status} ${code}`;
  };
  const replay = (res: ServerResponse, f: Fixture) => {
    res.writeHead(f.httpStatus, { ...f.headers, "content-length": f.body.length });
    res.end(f.body);
    return `${f.httpStatus} fixture=${f.id}`;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): string => {
    served += 1;
    if (req.method !== "POST") return problem(res, 405, "Errcat.MethodNotAllowed", `errcat serve answers POST, not ${req.method}`);
    const chosen = req.headers[FIXTURE_HEADER];
    if (typeof chosen === "string") {
      const f = fixtures.get(chosen);
      if (!f) return problem(res, 404, "Errcat.UnknownFixture", `no fixture or entry \`${chosen}\`: see fixtures/index.json for the ids`);
      return replay(res, f);
    }
    const step = nextStep?.({ path: (req.url ?? "/").split("?")[0]!, headers: req.headers });
    if (step) {
      if ("fixture" in step.respond) {
        const f = fixtures.get(step.respond.fixture);
        if (!f) return problem(res, 500, "Errcat.UnknownFixture", `the scenario names \`${step.respond.fixture}\`, which is no fixture or entry id`);
        return replay(res, f);
      }
      const r = step.respond;
      const body = r.bodyBase64 !== undefined ? Buffer.from(r.bodyBase64, "base64") : Buffer.from(r.body ?? "", "utf8");
      res.writeHead(r.status, { ...(r.headers ?? {}), "content-length": body.length });
      res.end(body);
      return `${r.status} scenario`;
    }
    return problem(res, 400, "Errcat.NoFixture", nextStep
      ? `no scenario step is left for this request, and it has no ${FIXTURE_HEADER} header`
      : `send a ${FIXTURE_HEADER}: <fixture id> header to choose the response`);
  };

  const server = createServer((req, res) => {
    res.sendDate = false; // replay the fixture's headers, not the transport's
    const started = process.hrtime.bigint();
    req.resume();
    req.on("end", () => {
      let outcome: string;
      try {
        outcome = handle(req, res);
      } catch (error) {
        outcome = problem(res, 500, "Errcat.ServeFailed", String(error));
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const api = req.headers["x-kms-apiname"];
      log(`${req.method} ${req.url} -> ${outcome}${typeof api === "string" ? ` api=${api}` : ""} ${ms.toFixed(1)}ms`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
