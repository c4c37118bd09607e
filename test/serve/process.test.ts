/**
 * `errcat serve` as a process: the URL first, one log line per request (text or JSON), TLS, and
 * stopping cleanly: on SIGINT and SIGTERM (even with a stderr pipe nobody reads), when stdin closes
 * with --exit-on-stdin-close, and when the `npx` that launched it is killed. Listening problems end in
 * exit 2 with a sentence.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "node:http";
import { createServer, connect } from "node:net";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { fromResponse } from "../../out/kms/index.js";
import { repoRoot, runErrcat } from "../support/cli.js";
import { sdkHeaders, send } from "./support.js";

const SCENARIO = "test/serve/scenarios/internal-failure.yaml";

/** Starts `errcat serve` (or another command line) and reads its first stdout lines. */
async function start(args: readonly string[], options: { command?: string; stdin?: "pipe" | "ignore"; stderr?: "pipe" | "ignore"; lines?: number } = {}) {
  const child = spawn(options.command ?? process.execPath, options.command ? [...args] : ["bin/errcat.js", "serve", ...args], {
    cwd: repoRoot, stdio: [options.stdin ?? "ignore", "pipe", options.stderr ?? "pipe"],
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    reader.on("line", (line) => {
      lines.push(line);
      if (lines.length === (options.lines ?? 1)) resolve();
    });
    void exit.then((code) => reject(new Error(`errcat serve exited ${code} before printing its URL`)));
  });
  return { child, exit, lines, url: lines[0]! };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

async function waitUntilFree(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await portIsFree(port)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return portIsFree(port);
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
}

describe("errcat serve as a process", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`prints its URL first, logs a line per request, and stops with exit 0 on ${signal}`, async () => {
      const { child, exit, url } = await start(["--scenario", SCENARIO]);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      let stderr = "";
      child.stderr!.on("data", (d) => (stderr += d));
      const res = await send(url, { headers: sdkHeaders() });
      expect(fromResponse({ status: res.status, body: res.body }).id).toBe("internal-failure");
      child.kill(signal);
      expect(await exit).toBe(0);
      expect(stderr).toMatch(/^POST \/ -> 500 fixture=internal-failure step=0 api=Encrypt \d+\.\dms$/m);
    });
  }

  it("logs JSON lines with --log json", async () => {
    const { child, exit, url } = await start(["--scenario", SCENARIO, "--log", "json"]);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    await send(url, { headers: sdkHeaders("Decrypt") });
    await send(url, { headers: { ...sdkHeaders(), "x-kms-apiversion": "" } });
    child.kill("SIGTERM");
    await exit;
    const lines = stderr.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { seq: 1, method: "POST", path: "/", operation: "Decrypt", status: 500, source: "scenario", fixture: "internal-failure", step: 0 },
      { seq: 2, status: 400, source: "condition", entry: "invalid-api-version", reason: "x-kms-apiversion empty" },
    ]);
  });

  it("stops when its stdin closes, with --exit-on-stdin-close", async () => {
    const { child, exit } = await start(["--exit-on-stdin-close"], { stdin: "pipe" });
    child.stdin!.end();
    expect(await exit).toBe(0);
  });

  it("stops on SIGTERM after heavy load with a stderr pipe nobody reads, and its memory stays flat", async () => {
    const { child, exit, url } = await start(["--scenario", SCENARIO]);
    // stderr is a pipe that is never read.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const { port } = new URL(url);
    const fire = (n: number) => new Promise<void>((resolve, reject) => {
      let left = n;
      let inFlight = 0;
      const next = () => {
        while (inFlight < 16 && left > 0) {
          left--;
          inFlight++;
          request({ port, method: "POST", agent, headers: { ...sdkHeaders(), "content-length": "0" } }, (res) => {
            res.resume().on("end", () => {
              inFlight--;
              if (res.statusCode !== 500) reject(new Error(`status ${res.statusCode}`));
              else if (left === 0 && inFlight === 0) resolve();
              else next();
            });
          }).on("error", reject).end();
        }
      };
      next();
    });
    await fire(10000); // the heap grows to its working size first
    const linux = existsSync(`/proc/${child.pid}/status`);
    const before = linux ? rssKb(child.pid!) : 0;
    await fire(20000);
    const after = linux ? rssKb(child.pid!) : 0;
    agent.destroy();
    // Each line would hold a few KB while it waits for a reader: 20,000 of them would be ~50 MB.
    // (The heap itself is flat: 12.8 MB after GC from 20,000 to 120,000 requests in process.)
    if (linux) expect(after - before, `RSS ${before} KB -> ${after} KB`).toBeLessThan(30 * 1024);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  it("leaves no orphan when the npx that launched it is killed: the port is free within 2 s", async () => {
    const npx = spawnSync("npx", ["--version"], { encoding: "utf8" });
    if (npx.status !== 0) return void console.warn("skipped: npx is not on PATH");
    for (const signal of ["SIGKILL", "SIGTERM"] as const) {
      const { child, url } = await start(["--no", "errcat", "serve", "--port", "0"], { command: "npx" });
      const port = Number(new URL(url).port);
      expect(await portIsFree(port)).toBe(false);
      child.kill(signal);
      expect(await waitUntilFree(port, 2000), signal).toBe(true);
    }
  });

  it("serves HTTPS with --tls, with a CA made at start whose file it prints second", async () => {
    const { child, exit, lines, url } = await start(["--tls", "--scenario", SCENARIO], { lines: 2 });
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const caFile = lines[1]!;
    const ca = readFileSync(caFile, "utf8");
    const res = await send(url, { headers: sdkHeaders(), ca });
    expect(fromResponse({ status: res.status, body: res.body }).id).toBe("internal-failure");
    // Without the CA the certificate is refused: it is not trusted by default.
    await expect(send(url, { headers: sdkHeaders() })).rejects.toMatchObject({ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
    const cert = new X509Certificate(ca);
    expect(cert.ca).toBe(true);
    if (spawnSync("openssl", ["version"]).status === 0) {
      const leaf = spawnSync("openssl", ["s_client", "-connect", url.slice("https://".length), "-servername", "localhost"], { input: "", encoding: "utf8" }).stdout;
      const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(leaf)![0];
      const leafFile = join(mkdtempSync(join(tmpdir(), "errcat-serve-leaf-")), "leaf.pem");
      writeFileSync(leafFile, pem);
      const verify = spawnSync("openssl", ["verify", "-CAfile", caFile, "-purpose", "sslserver", leafFile], { encoding: "utf8" });
      expect(verify.stdout.trim()).toBe(`${leafFile}: OK`);
      const x = new X509Certificate(pem);
      expect(x.checkIssued(cert)).toBe(true);
      expect(x.checkIP("127.0.0.1")).toBe("127.0.0.1");
      expect(x.checkHost("localhost")).toBe("localhost");
    }
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(existsSync(caFile)).toBe(false);
  });

  it("serves HTTPS with a given --cert and --key", async () => {
    const { issueCertificates } = await import("../../generators/serve/tls.js");
    const dir = mkdtempSync(join(tmpdir(), "errcat-serve-cert-"));
    const issued = issueCertificates();
    writeFileSync(join(dir, "cert.pem"), issued.certPem);
    writeFileSync(join(dir, "key.pem"), issued.keyPem);
    const { child, exit, url } = await start(["--cert", join(dir, "cert.pem"), "--key", join(dir, "key.pem"), "--scenario", SCENARIO]);
    const res = await send(url, { headers: sdkHeaders(), ca: issued.caPem });
    expect(res.status).toBe(500);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});

describe("errcat serve cannot listen: exit 2 with a sentence, no stack trace", () => {
  it("a port in use", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      const r = await runErrcat(["serve", "--port", String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`errcat: port ${port} on 127.0.0.1 is already in use: stop what listens there, or pass --port 0 to pick a free port\n`);
    } finally {
      taken.close();
    }
  });

  it("an address not on this machine, an unresolvable host, a bad port or log format", async () => {
    const cases: [string[], RegExp][] = [
      [["--host", "192.0.2.1"], /^errcat: 192\.0\.2\.1 is not an address of this machine: /],
      [["--host", "no-such-host.invalid"], /^errcat: the host no-such-host\.invalid cannot be resolved \(E[A-Z_]+\): /],
      [["--port", "70000"], /^errcat: --port 70000: give a port from 0 to 65535\n$/],
      [["--log", "xml"], /^errcat: --log xml: write --log text or --log json\n$/],
      [["--cert", "x.pem"], /^errcat: --cert needs --key too: /],
    ];
    for (const [args, message] of cases) {
      const r = await runErrcat(["serve", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
