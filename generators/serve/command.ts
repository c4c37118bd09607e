/**
 * `errcat serve`: the command-line wrapper of startMockServer. It prints the URL as the first stdout
 * line (and the CA file's path as the second with --tls), logs one line per request to stderr without
 * ever blocking on it, and stops on SIGINT, SIGTERM or SIGHUP, when the process that launched it goes
 * away (an `npx` killed, even with SIGKILL), and with --exit-on-stdin-close when stdin closes.
 */
import { readFileSync } from "node:fs";
import type { Writable } from "node:stream";
import { loadCatalog } from "../catalog/index.js";
import { formatDiagnostic } from "../catalog/diagnostics.js";
import { UsageError } from "../usage-error.js";
import { boundedLineWriter } from "./request-log.js";
import { loadScenario, ScenarioError } from "./scenario.js";
import { scenarioContextOf, startMockServer } from "./server.js";

export interface ServeCommandOptions {
  /** The catalog file (default catalog/kms.yaml). */
  readonly catalog?: string;
  readonly port: string;
  readonly host: string;
  readonly scenario?: string;
  /** false with --no-strict. */
  readonly strict?: boolean;
  readonly tls?: boolean;
  readonly cert?: string;
  readonly key?: string;
  /** `text` (default) or `json`. */
  readonly log?: string;
  readonly exitOnStdinClose?: boolean;
}

export interface ServeIo {
  out(text: string): void;
  err(text: string): void;
  /** The stream err() writes to, whose backlog bounds the log (process.stderr by default). */
  readonly errStream?: Writable;
}

/** Runs the server until it is told to stop; resolves with the exit code (2 for a bad scenario). */
export async function runServeCommand(opts: ServeCommandOptions, io: ServeIo): Promise<number> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) throw new UsageError(`--port ${opts.port}: give a port from 0 to 65535`);
  const format = opts.log ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--log ${format}: write --log text or --log json`);
  if ((opts.cert === undefined) !== (opts.key === undefined)) throw new UsageError(`${opts.cert === undefined ? "--key" : "--cert"} needs ${opts.cert === undefined ? "--cert" : "--key"} too: give the certificate and its private key as PEM files, or neither (--tls makes both)`);
  const own = opts.cert !== undefined && opts.key !== undefined ? { cert: readPem(opts.cert, "--cert"), key: readPem(opts.key, "--key") } : undefined;

  const model = await loadCatalog(opts.catalog ?? "catalog/kms.yaml");
  let scenario;
  if (opts.scenario !== undefined) {
    try {
      scenario = await loadScenario(opts.scenario, scenarioContextOf(model));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const d of error.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      io.err(`errcat: ${error.diagnostics.length} problem${error.diagnostics.length === 1 ? "" : "s"} in ${opts.scenario}; the server was not started\n`);
      return 2;
    }
  }

  const stream = io.errStream ?? process.stderr;
  // EPIPE when the reader of the log goes away is no reason to stop serving.
  stream.on("error", () => {});
  const lines = boundedLineWriter({ write: (line) => io.err(line), pending: () => stream.writableLength });
  const server = await startMockServer({
    catalog: model, host: opts.host, port, ...(scenario ? { scenario } : {}), ...(opts.strict === false ? { strict: false } : {}),
    ...(own ? { tls: own } : opts.tls ? { tls: true } : {}), log: lines.write, logFormat: format,
  });
  io.out(`${server.url}\n`);
  if (server.caFile) io.out(`${server.caFile}\n`);

  const why = await new Promise<string>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => resolve(signal));
    watchLauncher(() => resolve("the launching process exited"));
    if (opts.exitOnStdinClose) {
      process.stdin.on("end", () => resolve("stdin closed")).on("close", () => resolve("stdin closed")).on("error", () => resolve("stdin closed"));
      process.stdin.resume();
    }
  });
  // A second signal while closing ends the process at once.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(1));
  if (opts.exitOnStdinClose) process.stdin.destroy();
  await server.close();
  if (stream.writableLength > 0) {
    // Log lines still waiting for a reader keep the event loop alive, and stdio streams cannot be
    // destroyed: end the process if they are not gone soon (an unref'd timer never holds it open).
    setTimeout(() => process.exit(0), 200).unref();
  }
  void why;
  return 0;
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"}); give a PEM file`);
  }
}

/**
 * Calls `gone` when the process that launched the server exits. The parent is watched, and when the
 * parent is a `sh -c` wrapper (as `npx` runs a package's bin), the wrapper's parent too: killing npx
 * orphans the wrapper, not us. Polls every 250 ms; on other systems than Linux only the parent.
 */
function watchLauncher(gone: () => void): void {
  const parent = process.ppid;
  const grandparent = isShellWrapper(parent) ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent || (grandparent !== undefined && parentOf(parent) !== grandparent)) {
      clearInterval(timer);
      gone();
    }
  }, 250);
  timer.unref();
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function isShellWrapper(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const name = argv[0]!.split("/").pop()!;
    return ["sh", "dash", "bash", "zsh", "ash", "ksh"].includes(name) && argv.includes("-c");
  } catch {
    return false;
  }
}
