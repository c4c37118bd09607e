// `node bench/serve.mjs`: errcat serve under sustained load on loopback, against a bare node:http
// server that answers the same bytes. Each round sends a bounded number of requests (50,000 at
// concurrency 64, keep-alive) with the vendor SDKs' headers, so strict mode checks every one, and
// checks every answer byte for byte. Rounds alternate between the two servers; medians are compared.
// Prints a table, then as its last line one JSON object. Stops by itself (a deadline bounds the run).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const REQUESTS = Number(process.env.ERRCAT_BENCH_SERVE_REQUESTS ?? 50_000);
const CONCURRENCY = 64;
const ROUNDS = Number(process.env.ERRCAT_BENCH_SERVE_ROUNDS ?? 3);
const WARMUP = 5000;
const DEADLINE_MS = 240_000;

if (process.argv[2] === "--baseline") {
  // The bare server: the same status, headers and body for every request, nothing else.
  const { status, headers, body } = JSON.parse(process.argv[3]);
  const bytes = Buffer.from(body, "base64");
  const server = createServer((req, res) => {
    res.sendDate = false;
    req.resume();
    req.on("end", () => {
      res.writeHead(status, { ...headers, "content-length": bytes.length });
      res.end(bytes);
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
} else {
  await main();
}

async function main() {
  const timer = setTimeout(() => {
    console.error(`bench/serve.mjs: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  timer.unref();
  const { loadCatalog } = await import(new URL("../dist/catalog/index.js", import.meta.url).href);
  const { buildFixtures } = await import(new URL("../dist/fixtures/cases.js", import.meta.url).href);
  const model = await loadCatalog(join(root, "catalog/kms.yaml"));
  const fixture = buildFixtures(model).find((f) => f.id === "internal-failure");
  const expected = Buffer.from(fixture.body);
  const work = mkdtempSync(join(tmpdir(), "errcat-bench-serve-"));
  const scenario = join(work, "scenario.yaml");
  writeFileSync(scenario, "steps:\n  - respond: { fixture: internal-failure }\n");

  const errcat = await startChild([join(root, "bin/errcat.js"), "serve", "--port", "0", "--scenario", scenario]);
  const baseline = await startChild([fileURLToPath(import.meta.url), "--baseline", JSON.stringify({ status: fixture.httpStatus, headers: fixture.headers, body: expected.toString("base64") })]);

  // Warm both up, then alternate measured rounds.
  await load(errcat.url, WARMUP, expected, fixture.httpStatus);
  await load(baseline.url, WARMUP, expected, fixture.httpStatus);
  // Taken after warm-up, so before and after compare a settled heap: a growth here is a leak, not JIT and buffers.
  const rssBefore = rssMB(errcat.child.pid);
  const ours = [];
  const base = [];
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await load(errcat.url, REQUESTS, expected, fixture.httpStatus));
    base.push(await load(baseline.url, REQUESTS, expected, fixture.httpStatus));
  }
  const rssAfter = rssMB(errcat.child.pid);
  const logLines = errcat.stderrLines();
  await Promise.all([errcat.stop(), baseline.stop()]);

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const oursNs = median(ours.map((r) => r.ns)) / REQUESTS;
  const baseNs = median(base.map((r) => r.ns)) / REQUESTS;
  const wrong = [...ours, ...base].reduce((n, r) => n + r.wrong, 0);
  const rps = (ns) => 1e9 / ns;
  const ratio = rps(oursNs) / rps(baseNs);
  console.log(`errcat serve vs bare node:http, ${ROUNDS} rounds of ${REQUESTS.toLocaleString("en")} requests at concurrency ${CONCURRENCY} (medians)`);
  console.log(`  errcat serve: ${rps(oursNs).toFixed(0)} req/s`);
  console.log(`  node:http:    ${rps(baseNs).toFixed(0)} req/s`);
  console.log(`  ratio:        ${ratio.toFixed(2)}x (goal >= 0.8x)`);
  console.log(`  errcat serve RSS: ${rssBefore} MB after a warm-up of ${WARMUP.toLocaleString("en")} requests, ${rssAfter} MB after ${(ROUNDS * REQUESTS).toLocaleString("en")} more`);
  console.log(`  wrong answers: ${wrong}; log lines: ${logLines}`);
  console.log(JSON.stringify({
    name: "serve", ours_ns: Math.round(oursNs), baseline_ns: Math.round(baseNs), ratio: Number(ratio.toFixed(3)),
    baseline: "requests/s of errcat serve (strict checks, scenario, log line per request) over a bare node:http server sending the same bytes; ns are per request",
    requests: REQUESTS, concurrency: CONCURRENCY, rounds: ROUNDS, rss_before_mb: rssBefore, rss_after_mb: rssAfter, wrong_answers: wrong,
  }));
  if (wrong > 0) process.exitCode = 1;
}

/** Starts a server process, reads its URL, drains (and counts) its log. */
async function startChild(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let lines = 0;
  child.stderr.on("data", (d) => {
    for (const byte of d) if (byte === 10) lines++;
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { child, url, stderrLines: () => lines, stop: () => (child.kill("SIGTERM"), exited) };
}

/** Sends n requests at CONCURRENCY over keep-alive connections; counts answers that are not the expected bytes. */
function load(url, n, expected, status) {
  const { port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = Buffer.from("0a1061626364656667686a6b6c6d6e6f70", "hex");
  const headers = {
    accept: "application/x-protobuf", "content-type": "application/x-protobuf", date: new Date().toUTCString(),
    "x-kms-apiversion": "dkms-gcs-0.2", "x-kms-apiname": "Encrypt", "x-kms-signaturemethod": "RSA_PKCS1_SHA_256",
    "x-kms-acccesskeyid": "KAAP.bench", "content-sha256": "0".repeat(64), authorization: "Bearer bench", "content-length": String(body.length),
  };
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = 0;
    let wrong = 0;
    const started = process.hrtime.bigint();
    const one = () => {
      sent++;
      request({ host: "127.0.0.1", port, method: "POST", path: "/", agent, headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== status || !Buffer.concat(chunks).equals(expected)) wrong++;
          done++;
          if (done === n) {
            agent.destroy();
            resolve({ ns: Number(process.hrtime.bigint() - started), wrong });
          } else if (sent < n) one();
        });
      }).on("error", reject).end(body);
    };
    for (let i = 0; i < Math.min(CONCURRENCY, n); i++) one();
  });
}

function rssMB(pid) {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024);
  } catch {
    return null;
  }
}
