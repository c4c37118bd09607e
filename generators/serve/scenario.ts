/**
 * A scenario scripts what the mock endpoint answers, in order: each request takes the first step whose
 * `when` matches it and that has uses left. A scenario is checked whole when it is loaded, as a catalog
 * is: every problem is a diagnostic at its place (file:line:col for a file, a path for an object), with
 * did-you-mean for misspelt keys and fixture ids, before the server listens.
 */
import { readFile } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import type { Diagnostic } from "../catalog/diagnostics.js";
import { formatDiagnostic } from "../catalog/diagnostics.js";
import { diagnosticAt, parseCatalogSource, type CatalogSource, type DataPath } from "../catalog/source.js";
import { decodeUtf8Strictly } from "../catalog/utf8.js";
import { closest as nearest } from "../suggest.js";

/** The scenario's did-you-mean allows a few more edits in long words. */
const closest = (word: string, candidates: Iterable<string>) => nearest(word, candidates, Math.max(3, Math.ceil(word.length / 4)));

/** What a step answers: a fixture, a literal response, a proxy's HTML page or a reset, with faults on top. */
export interface ScenarioResponse {
  /** A fixture id (or an entry id: its example fixture) from fixtures/index.json. */
  readonly fixture?: string;
  /** A literal response: its status, headers and body (text, or bytes in base64). */
  readonly status?: number;
  readonly body?: string;
  readonly bodyBase64?: string;
  /** An HTML error page such as a proxy in front of the service sends, with this status. */
  readonly proxyPage?: number;
  /** Reset the connection (TCP RST) instead of answering. */
  readonly reset?: true;
  /** Headers added to (or replacing those of) the response. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before the status line. */
  readonly delayMs?: number;
  /** A Retry-After header: seconds, or an HTTP date. */
  readonly retryAfter?: number | string;
  /** Send only this many bytes of the body (with the full Content-Length), then close the connection. */
  readonly truncateAfterBytes?: number;
  /** Send the body a few bytes at a time. */
  readonly slowBody?: { readonly chunkBytes: number; readonly intervalMs: number };
}

export interface ScenarioWhen {
  /** The operation: the request's x-kms-apiname header. */
  readonly operation?: string;
  readonly path?: string;
  /** Header values the request must carry (names in any case, values exactly). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly minBodyBytes?: number;
  readonly maxBodyBytes?: number;
}

export interface ScenarioStep {
  readonly when?: ScenarioWhen;
  /** How many requests the step answers; unlimited when absent. */
  readonly times?: number;
  readonly respond: ScenarioResponse;
}

export interface Scenario {
  /** Check requests against the catalog's request conditions first (default true). */
  readonly strict?: boolean;
  readonly steps: readonly ScenarioStep[];
}

/** A scenario that did not pass its checks; carries every diagnostic. */
export class ScenarioError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "ScenarioError";
  }
}

/**
 * What the checks know about the catalog: the fixture ids a step may name, each fixture's body length,
 * status and the operations that can return it, and the catalog's operations (empty: it lists none).
 */
export interface ScenarioContext {
  readonly fixtures: ReadonlyMap<string, { readonly bodyLength: number; readonly httpStatus: number; readonly operations?: readonly string[] }>;
  readonly operations?: readonly string[];
}

const TOP_KEYS = ["strict", "steps"];
const STEP_KEYS = ["when", "times", "respond"];
const WHEN_KEYS = ["operation", "path", "headers", "minBodyBytes", "maxBodyBytes"];
const RESPOND_KEYS = ["fixture", "status", "body", "bodyBase64", "proxyPage", "reset", "headers", "delayMs", "retryAfter", "truncateAfterBytes", "slowBody"];
const SLOW_KEYS = ["chunkBytes", "intervalMs"];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers that frame the message: the server sets them, and a second copy breaks the response. */
const FRAMING = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection"]);
const MAX_DELAY_MS = 600_000;

/** Checks a scenario (parsed data); `where` positions a path (file:line:col), or a path is shown in the message. */
export function checkScenario(data: unknown, context: ScenarioContext, where?: (path: DataPath, which: "key" | "value") => { file: string; line: number; column: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const show = (path: DataPath) => path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p), "") || "the scenario";
  const at = (path: DataPath, rule: string, message: string) => {
    const pos = where?.(path, rule === "unknown-key" ? "key" : "value") ?? { file: "scenario", line: 1, column: 1 };
    out.push({ ...pos, rule, message: where ? message : `${show(path)}: ${message}` });
  };
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const keys = (value: Record<string, unknown>, path: DataPath, allowed: readonly string[], what: string) => {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const suggestion = closest(key, allowed);
      at([...path, key], "unknown-key", `unknown key \`${key}\` in ${what}: ${suggestion ? `did you mean \`${suggestion}\`?` : `remove it (allowed here: ${allowed.join(", ")})`}`);
    }
  };
  const wholeNumber = (value: unknown, path: DataPath, what: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return true;
    const range = `a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? "" : ` to ${max}`}`;
    at(path, "scenario-value", value === undefined || value === null ? `${what} is missing: add it, ${range}` : `${what} is ${JSON.stringify(value)}: write ${range}, without quotes`);
    return false;
  };
  const headerMap = (value: unknown, path: DataPath, forResponse: boolean) => {
    if (!isMap(value)) {
      at(path, "scenario-value", "headers is a mapping of header names to values: write `name: value` lines below it, indented");
      return;
    }
    const seen = new Map<string, string>();
    for (const [name, v] of Object.entries(value)) {
      const lower = name.toLowerCase();
      if (!TOKEN.test(name)) at([...path, name], "scenario-header", `\`${name}\` is not an HTTP header name: use letters, digits and \`-\``);
      else if (seen.has(lower)) at([...path, name], "scenario-header", `header \`${name}\` is given twice (also as \`${seen.get(lower)}\`; names are case-insensitive): keep one`);
      else if (forResponse && FRAMING.has(lower)) {
        at([...path, name], "scenario-header", `\`${name}\` frames the response, and errcat sets it from the body: remove it (for a body shorter than its length, use \`truncateAfterBytes\`; for a slow body, \`slowBody\`)`);
      }
      seen.set(lower, name);
      if (typeof v !== "string" && typeof v !== "number") at([...path, name], "scenario-value", `the value of header \`${name}\` must be text: quote it`);
      else if (/[\r\n\0]/.test(String(v))) at([...path, name], "scenario-value", `the value of header \`${name}\` holds a line break or NUL, which cannot be sent in a header: remove it`);
    }
  };

  if (!isMap(data)) {
    at([], "scenario-value", "a scenario is a mapping with `steps:`, a list of { when?, times?, respond }: start the file with `steps:`");
    return out;
  }
  keys(data, [], TOP_KEYS, "the scenario");
  if (data.strict !== undefined && typeof data.strict !== "boolean") at(["strict"], "scenario-value", "strict is true or false (unquoted): false lets requests through that the catalog's request conditions would refuse");
  if (!Array.isArray(data.steps) || data.steps.length === 0) {
    at(data.steps === undefined ? [] : ["steps"], "scenario-value", "a scenario needs `steps:`, a list with at least one `- respond: ...` item");
    return out;
  }
  data.steps.forEach((step: unknown, i: number) => {
    const path = ["steps", i];
    if (!isMap(step)) {
      at(path, "scenario-value", "a step is a mapping with `respond:` (and optionally `when:` and `times:`): write `- respond: { fixture: <id> }`");
      return;
    }
    keys(step, path, STEP_KEYS, `steps[${i}]`);
    if (step.times !== undefined) wholeNumber(step.times, [...path, "times"], "times", 1);
    if (step.when !== undefined) {
      const w = step.when;
      if (!isMap(w)) at([...path, "when"], "scenario-value", "when is a mapping of { operation?, path?, headers?, minBodyBytes?, maxBodyBytes? }");
      else {
        keys(w, [...path, "when"], WHEN_KEYS, `steps[${i}].when`);
        for (const key of ["operation", "path"] as const) {
          if (w[key] !== undefined && (typeof w[key] !== "string" || w[key] === "")) at([...path, "when", key], "scenario-value", `when.${key} is text such as ${key === "path" ? "`/`" : "`Encrypt`"}: quote it`);
        }
        const operations = context.operations ?? [];
        if (typeof w.operation === "string" && w.operation !== "" && operations.length > 0 && !operations.includes(w.operation)) {
          const suggestion = closest(w.operation, [...operations]);
          at([...path, "when", "operation"], "unknown-operation", `the catalog lists no operation \`${w.operation}\`, so no request would match: ${suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${operations.map((o) => `\`${o}\``).join(", ")}`}`);
        }
        if (typeof w.path === "string" && !w.path.startsWith("/")) at([...path, "when", "path"], "scenario-value", `when.path \`${w.path}\` is matched against the request path, which starts with \`/\`: write \`/${w.path}\``);
        if (w.headers !== undefined) headerMap(w.headers, [...path, "when", "headers"], false);
        const min = w.minBodyBytes !== undefined && wholeNumber(w.minBodyBytes, [...path, "when", "minBodyBytes"], "minBodyBytes", 0) ? (w.minBodyBytes as number) : undefined;
        const max = w.maxBodyBytes !== undefined && wholeNumber(w.maxBodyBytes, [...path, "when", "maxBodyBytes"], "maxBodyBytes", 0) ? (w.maxBodyBytes as number) : undefined;
        if (min !== undefined && max !== undefined && min > max) at([...path, "when", "maxBodyBytes"], "scenario-value", `maxBodyBytes ${max} is below minBodyBytes ${min}, so no request matches: swap them`);
      }
    }
    if (step.respond === undefined) {
      at(path, "scenario-value", "this step has no `respond:`: add `respond: { fixture: <id> }`, a literal `{ status, headers?, body? }`, `{ proxyPage: 502 }` or `{ reset: true }`");
      return;
    }
    checkResponse(step.respond, [...path, "respond"], step);
  });
  return out;

  function checkResponse(r: unknown, path: DataPath, step: Record<string, unknown>): void {
    if (!isMap(r)) {
      at(path, "scenario-value", "respond is a mapping: `{ fixture: <id> }`, `{ status, headers?, body? }`, `{ proxyPage: 502 }` or `{ reset: true }`");
      return;
    }
    keys(r, path, RESPOND_KEYS, "respond");
    const kinds = (["fixture", "status", "proxyPage", "reset"] as const).filter((k) => r[k] !== undefined);
    if (kinds.length === 0) {
      at(path, "scenario-response", "respond says nothing to send: add `fixture: <id>`, `status: <code>`, `proxyPage: <status>` or `reset: true`");
      return;
    }
    if (kinds.length > 1) {
      at([...path, kinds[1]!], "scenario-response", `respond has both \`${kinds[0]}\` and \`${kinds[1]}\`: a step sends one response; split it into two steps`);
      return;
    }
    const kind = kinds[0]!;
    let bodyLength: number | undefined;
    let status: number | undefined;
    if (kind === "fixture") {
      if (typeof r.fixture !== "string" || r.fixture === "") at([...path, "fixture"], "scenario-value", "fixture is a fixture id from fixtures/index.json, such as `internal-failure`: quote it");
      else {
        const f = context.fixtures.get(r.fixture);
        if (!f) {
          const suggestion = closest(r.fixture, [...context.fixtures.keys()]);
          at([...path, "fixture"], "unknown-fixture", `no fixture or entry is called \`${r.fixture}\`: ${suggestion ? `did you mean \`${suggestion}\`?` : "see fixtures/index.json for the ids"}`);
        } else {
          bodyLength = f.bodyLength;
          status = f.httpStatus;
          const operation = isMap(step.when) && typeof step.when.operation === "string" ? step.when.operation : undefined;
          const returnedBy = f.operations ?? [];
          if (operation !== undefined && (context.operations ?? []).includes(operation) && returnedBy.length > 0 && !returnedBy.includes(operation)) {
            at([...path, "fixture"], "scenario-operation", `${operation} cannot return fixture \`${r.fixture}\` (the catalog gives it to ${listed(returnedBy)}): answer ${operation} with a fixture it can return, or add ${operation} to the entry's operations in the catalog`);
          }
        }
      }
    } else if (kind === "status") {
      if (typeof r.status === "number" && Number.isInteger(r.status) && r.status >= 100 && r.status < 200) {
        at([...path, "status"], "scenario-status", `status ${r.status} is informational (1xx): a client waits for a final response after it, so it would hang; use a status from 200 to 599`);
      } else if (wholeNumber(r.status, [...path, "status"], "status", 200, 599)) status = r.status as number;
      if (r.body !== undefined && r.bodyBase64 !== undefined) at([...path, "bodyBase64"], "scenario-response", "respond has both `body` and `bodyBase64`: keep one");
      if (r.body !== undefined && typeof r.body !== "string") at([...path, "body"], "scenario-value", "body is text: quote it (for bytes, use bodyBase64)");
      if (r.bodyBase64 !== undefined && (typeof r.bodyBase64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(r.bodyBase64) || r.bodyBase64.length % 4 === 1)) {
        at([...path, "bodyBase64"], "scenario-value", "bodyBase64 is not base64: write the body's bytes in standard base64 (A-Z, a-z, 0-9, +, /, = padding)");
      }
      bodyLength = typeof r.bodyBase64 === "string" ? Buffer.from(r.bodyBase64, "base64").length : typeof r.body === "string" ? Buffer.byteLength(r.body) : 0;
      if (status !== undefined && (status === 204 || status === 304) && bodyLength > 0) {
        at([...path, r.body !== undefined ? "body" : "bodyBase64"], "scenario-response", `status ${status} (${STATUS_CODES[status]}) has no body in HTTP: remove the body, or use another status`);
      }
    } else if (kind === "proxyPage") {
      if (wholeNumber(r.proxyPage, [...path, "proxyPage"], "proxyPage", 400, 599)) {
        status = r.proxyPage as number;
        bodyLength = proxyPageBody(status).length;
      }
    } else if (r.reset !== true) {
      at([...path, "reset"], "scenario-value", "reset is `true` (the connection is reset instead of answered); remove it otherwise");
    }
    if (kind !== "status") {
      for (const key of ["body", "bodyBase64"] as const) if (r[key] !== undefined) at([...path, key], "scenario-response", `\`${key}\` goes with \`status\`, not with \`${kind}\`: remove it, or write a literal response with status`);
    }
    if (kind === "reset") {
      for (const key of ["headers", "retryAfter", "truncateAfterBytes", "slowBody"] as const) {
        if (r[key] !== undefined) at([...path, key], "scenario-response", `\`${key}\` shapes a response, and \`reset\` sends none: remove \`${key}\` (only delayMs goes with reset)`);
      }
    }
    if (r.headers !== undefined) headerMap(r.headers, [...path, "headers"], true);
    if (r.delayMs !== undefined) wholeNumber(r.delayMs, [...path, "delayMs"], "delayMs", 0, MAX_DELAY_MS);
    if (r.retryAfter !== undefined) {
      const ok = (typeof r.retryAfter === "number" && Number.isInteger(r.retryAfter) && r.retryAfter >= 0) || (typeof r.retryAfter === "string" && r.retryAfter !== "" && !/[\r\n\0]/.test(r.retryAfter));
      if (!ok) at([...path, "retryAfter"], "scenario-value", "retryAfter is a whole number of seconds (such as 2) or an HTTP date: write one");
      if (isMap(r.headers) && Object.keys(r.headers).some((h) => h.toLowerCase() === "retry-after")) at([...path, "retryAfter"], "scenario-response", "the Retry-After header is given twice, by retryAfter and under headers: keep one");
    }
    const noBody = status === 204 || status === 304;
    if (r.truncateAfterBytes !== undefined && wholeNumber(r.truncateAfterBytes, [...path, "truncateAfterBytes"], "truncateAfterBytes", 0)) {
      if (noBody) at([...path, "truncateAfterBytes"], "scenario-response", `status ${status} has no body to truncate: remove truncateAfterBytes`);
      else if (bodyLength !== undefined && (r.truncateAfterBytes as number) >= bodyLength) {
        at([...path, "truncateAfterBytes"], "scenario-response", `truncateAfterBytes ${r.truncateAfterBytes as number} is not shorter than the body (${bodyLength} bytes), so nothing would be cut: use a number below ${bodyLength}`);
      }
    }
    if (r.slowBody !== undefined) {
      const s = r.slowBody;
      if (!isMap(s)) at([...path, "slowBody"], "scenario-value", "slowBody is `{ chunkBytes: N, intervalMs: N }`: the body is sent N bytes at a time with a pause between");
      else {
        keys(s, [...path, "slowBody"], SLOW_KEYS, "slowBody");
        wholeNumber(s.chunkBytes, [...path, "slowBody", "chunkBytes"], "slowBody.chunkBytes", 1);
        wholeNumber(s.intervalMs, [...path, "slowBody", "intervalMs"], "slowBody.intervalMs", 0, MAX_DELAY_MS);
        if (noBody) at([...path, "slowBody"], "scenario-response", `status ${status} has no body to send slowly: remove slowBody`);
      }
    }
  }
}

/** Throws ScenarioError unless `data` is a valid scenario; returns it typed. */
/** At most four names, then how many more. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 4).join(", ");
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
}

export function validScenario(data: unknown, context: ScenarioContext): Scenario {
  const diagnostics = checkScenario(data, context);
  if (diagnostics.length > 0) throw new ScenarioError(diagnostics);
  return data as Scenario;
}

/** Reads and checks a scenario file; throws ScenarioError with positioned diagnostics. */
export async function loadScenario(file: string, context: ScenarioContext): Promise<Scenario> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError([{ file, line: 1, column: 1, rule: "read", message: `cannot read the scenario file (${code ?? "error"}): ${code === "ENOENT" ? "check the path given to --scenario" : "check that it is a readable file"}` }]);
  }
  // Read leniently, an invalid byte would reach the responses as U+FFFD.
  const decoded = decodeUtf8Strictly(file, bytes, "save the scenario as UTF-8, since its values are sent as written");
  if ("diagnostic" in decoded) throw new ScenarioError([decoded.diagnostic]);
  return parseScenario(file, decoded.text, context);
}

/** Checks a scenario's YAML text (file names the diagnostics). */
export function parseScenario(file: string, text: string, context: ScenarioContext): Scenario {
  // The catalog's YAML reader: positions, duplicate keys, and alias bombs or unresolved aliases as diagnostics.
  const { source, diagnostics } = parseCatalogSource(file, text);
  if (diagnostics.length > 0) throw new ScenarioError(diagnostics.map((d) => ({ ...d, message: d.message.replace(/\ba catalog\b/g, "a scenario") })));
  const where = (path: DataPath, which: "key" | "value") => {
    const d = diagnosticAt(source as CatalogSource, path, "" as Parameters<typeof diagnosticAt>[2], "", { which });
    return { file, line: d.line, column: d.column };
  };
  const problems = checkScenario(source.data, context, where);
  if (problems.length > 0) throw new ScenarioError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return source.data as Scenario;
}

/** The HTML page a proxy sends in place of the service's answer. */
export function proxyPageBody(status: number): Buffer {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return Buffer.from(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>proxy</center>\r\n</body>\r\n</html>\r\n`);
}

/** What a step's `when` reads from a request. */
export interface RequestFacts {
  readonly path: string;
  /** Lower-case header names (as node gives them). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request's headers as sent (name, value, name, value…): node leaves some names, such as `__proto__`, out of `headers`. */
  readonly rawHeaders: readonly string[];
  readonly bodyBytes: number;
}

/** A header's value from the raw list, repeated ones joined with ", "; undefined when absent. */
function rawHeader(raw: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === name) value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** Picks steps for requests in order, counting their uses; reset() starts the scenario over. */
export class ScenarioCursor {
  private readonly used: number[];
  // Header conditions as pairs, so a key such as `__proto__` is compared like any other.
  private readonly wanted: (readonly [string, string])[][];

  constructor(readonly scenario: Scenario) {
    this.used = scenario.steps.map(() => 0);
    this.wanted = scenario.steps.map((s) => Object.entries(s.when?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)] as const));
  }

  /** The step that answers this request (and its index), or undefined when none is left for it. */
  next(request: RequestFacts): { step: ScenarioStep; index: number } | undefined {
    const steps = this.scenario.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.times !== undefined && this.used[i]! >= step.times) continue;
      const when = step.when;
      if (when !== undefined) {
        if (when.path !== undefined && when.path !== request.path) continue;
        if (when.operation !== undefined && request.headers["x-kms-apiname"] !== when.operation) continue;
        if (when.minBodyBytes !== undefined && request.bodyBytes < when.minBodyBytes) continue;
        if (when.maxBodyBytes !== undefined && request.bodyBytes > when.maxBodyBytes) continue;
        if (!this.wanted[i]!.every(([name, value]) => rawHeader(request.rawHeaders, name) === value)) continue;
      }
      this.used[i]! += 1;
      return { step, index: i };
    }
    return undefined;
  }

  reset(): void {
    this.used.fill(0);
  }
}
