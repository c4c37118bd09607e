/**
 * What the mock endpoint keeps of each request (for `requests()` and the reserved HTTP path), and the
 * per-request log line. Both are bounded: the log keeps the latest requests, and a line written to a
 * stream nobody reads is dropped (and counted), never buffered without limit.
 */

export interface LoggedResponse {
  readonly status: number | null;
  /** Who chose the answer: a fixture header, a request condition (strict mode), a scenario step, or errcat itself. */
  readonly source: "fixture" | "condition" | "scenario" | "errcat";
  readonly fixture?: string;
  /** The catalog entry a request condition named. */
  readonly entry?: string;
  /** The scenario step (its index) that answered. */
  readonly step?: number;
  /** The fault applied, if any: reset, truncate, slow, delay, proxy-page. */
  readonly faults?: readonly string[];
  /** The RequestId in the body errcat made (request conditions and errcat's own errors). */
  readonly requestId?: string;
  /** Why strict mode refused the request, or why errcat could not answer it. */
  readonly reason?: string;
}

export interface LoggedRequest {
  /** 1 for the first request after start or reset(). */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** Lower-case header names; repeated headers joined as node joins them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The x-kms-apiname header, when given. */
  readonly operation?: string;
  readonly bodyBytes: number;
  /** The body's first bytes (up to 64 KiB): `body.length < bodyBytes` when it was longer. */
  readonly body: Uint8Array;
  readonly response: LoggedResponse;
}

export const LOGGED_BODY_BYTES = 64 * 1024;

/** A ring of the latest requests; `dropped` counts those pushed out. */
export class RequestLog {
  private items: LoggedRequest[] = [];
  private start = 0;
  dropped = 0;

  constructor(private readonly capacity: number) {}

  push(entry: LoggedRequest): void {
    if (this.capacity <= 0) {
      this.dropped++;
      return;
    }
    if (this.items.length < this.capacity) this.items.push(entry);
    else {
      this.items[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  list(): LoggedRequest[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  clear(): void {
    this.items = [];
    this.start = 0;
    this.dropped = 0;
  }
}

/** A request as JSON (the reserved path's form): the body in base64. */
export function requestJson(r: LoggedRequest): unknown {
  return { ...r, body: undefined, bodyBase64: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength).toString("base64") };
}

/** The one log line of a request: text, or JSON with `format: "json"`. */
export function logLine(r: LoggedRequest, ms: number, format: "text" | "json"): string {
  const res = r.response;
  if (format === "json") {
    return JSON.stringify({
      seq: r.seq, method: r.method, path: r.path, operation: r.operation, bodyBytes: r.bodyBytes,
      status: res.status, source: res.source, fixture: res.fixture, entry: res.entry, step: res.step, faults: res.faults, reason: res.reason, ms: Math.round(ms * 1000) / 1000,
    });
  }
  const what = res.fixture !== undefined ? `fixture=${res.fixture}` : res.entry !== undefined ? `entry=${res.entry}` : res.source;
  const step = res.step !== undefined ? ` step=${res.step}` : "";
  const faults = res.faults?.length ? ` fault=${res.faults.join("+")}` : "";
  const reason = res.reason !== undefined ? ` (${res.reason.replace(/[\r\n]/g, " ")})` : "";
  const api = r.operation !== undefined ? ` api=${r.operation}` : "";
  return `${r.method} ${r.path} -> ${res.status ?? "no response"} ${what}${step}${faults}${api}${reason} ${ms.toFixed(1)}ms`;
}

/**
 * Writes lines without ever blocking or buffering without bound: while more than `maxPendingBytes`
 * wait in the stream (a pipe nobody reads), lines are dropped and counted, and the count is written
 * once the stream drains. The bound is small because each waiting write costs far more memory than its
 * bytes (about 2.5 KB per line was measured at a 1 MiB bound).
 */
export function boundedLineWriter(sink: { write(text: string): void; pending(): number }, maxPendingBytes = 64 * 1024): { write(line: string): void; readonly dropped: number } {
  let dropped = 0;
  let unreported = 0;
  return {
    write(line: string) {
      if (sink.pending() > maxPendingBytes) {
        dropped++;
        unreported++;
        return;
      }
      if (unreported > 0) {
        sink.write(`errcat serve: ${unreported} log line${unreported === 1 ? "" : "s"} dropped: the log was not being read\n`);
        unreported = 0;
      }
      sink.write(`${line}\n`);
    },
    get dropped() {
      return dropped;
    },
  };
}
