/**
 * Request conditions: an entry's `request:` list says which requests make the server answer with it
 * (a header missing or with a value it refuses, a Date off the clock, a body over a limit). The mock
 * endpoint answers such a request with the entry. This file checks the conditions against the rest of
 * the catalog and turns them into the model's form.
 */
import type { Diagnostic } from "./diagnostics.js";
import type { RequestCondition } from "./model.js";
import { requestConditionSchema } from "./schema.js";
import { diagnosticAt, type CatalogSource, type DataPath } from "./source.js";
import { closest } from "../suggest.js";

/** The rules this file reports, for the rule registry (rules.ts). */
export const REQUEST_CONDITION_RULES = [
  { id: "request-condition", description: "A request condition says one thing about the request: `missing`, `notOneOf`, `notOperation`, `notFormat` or `skewOverSeconds` of a `header`, or `bodyOverLimit`.", fix: "Write one condition per item, with `header:` for the header ones." },
  { id: "unknown-request-header", description: "A request condition reads a header listed under service.requestHeaders.", fix: "Fix the header's spelling, or list it under service.requestHeaders." },
  { id: "unknown-limit", description: "`bodyOverLimit` names a value under service.limits.", fix: "Fix the limit's name, or add it under service.limits." },
  { id: "not-operation-without-operations", description: "`notOperation` compares the header with the catalog's operations, so the catalog lists them.", fix: "List the service's operations under `operations: { names: [...] }`, or use `notOneOf`." },
  { id: "request-fills", description: "A request condition fills each placeholder of its entry from the header it reads.", fix: "Add `fills: <placeholder name>`, or correct the name." },
  { id: "overlapping-request-conditions", description: "No request is claimed by the conditions of two entries: the server sends one error per request.", fix: "Make the conditions distinct, or remove one." },
] as const;

type RuleId = (typeof REQUEST_CONDITION_RULES)[number]["id"];

const KINDS = ["missing", "notOneOf", "notOperation", "notFormat", "skewOverSeconds", "bodyOverLimit"] as const;
type Kind = (typeof KINDS)[number];

interface RawCondition {
  readonly header?: string;
  readonly missing?: true;
  readonly notOneOf?: string[];
  readonly notOperation?: true;
  readonly notFormat?: "rfc1123";
  readonly skewOverSeconds?: number;
  readonly bodyOverLimit?: string;
  readonly fills?: string;
}

/** Every problem in the entries' `request:` lists, at the offending node. */
export function requestConditionDiagnostics(source: CatalogSource): Diagnostic[] {
  const data = source.data as { service?: { requestHeaders?: unknown; limits?: unknown }; operations?: { names?: unknown }; errors?: unknown } | undefined;
  if (!data || !Array.isArray(data.errors)) return [];
  const out: Diagnostic[] = [];
  // The rule ids are registered in rules.ts; diagnosticAt's parameter is that registry's id type.
  const at = (path: DataPath, rule: RuleId, message: string, which: "value" | "key" = "value") =>
    out.push(diagnosticAt(source, path, rule as Parameters<typeof diagnosticAt>[2], message, { which }));
  const lineOf = (path: DataPath) => diagnosticAt(source, path, "" as Parameters<typeof diagnosticAt>[2], "").line;

  const headers = Array.isArray(data.service?.requestHeaders)
    ? data.service.requestHeaders.flatMap((h: unknown) => (typeof (h as { name?: unknown })?.name === "string" ? [(h as { name: string }).name] : []))
    : [];
  const limits = data.service?.limits !== null && typeof data.service?.limits === "object" ? Object.keys(data.service.limits as object) : [];
  const hasOperations = Array.isArray(data.operations?.names) && data.operations.names.length > 0;
  const claims: { key: string; shown: string; kind: Kind; path: DataPath; entry: string }[] = [];

  data.errors.forEach((item: unknown, index: number) => {
    const entry = item as { id?: unknown; request?: unknown; placeholders?: unknown };
    if (!entry || !Array.isArray(entry.request)) return;
    const id = typeof entry.id === "string" ? entry.id : `errors[${index}]`;
    const placeholders = Array.isArray(entry.placeholders)
      ? entry.placeholders.flatMap((p: unknown) => (typeof (p as { name?: unknown })?.name === "string" ? [(p as { name: string }).name] : []))
      : [];
    entry.request.forEach((raw: unknown, i: number) => {
      const path = ["errors", index, "request", i] as const;
      const parsed = requestConditionSchema.safeParse(raw);
      if (!parsed.success) return; // the shape check reports it
      const c = parsed.data as RawCondition;
      const kinds = KINDS.filter((k) => c[k] !== undefined);
      if (kinds.length === 0) {
        at(path, "request-condition", "this request condition says nothing about the request: add one of `missing: true`, `notOneOf: [...]`, `notOperation: true`, `notFormat: rfc1123` or `skewOverSeconds: N` with its `header:`, or `bodyOverLimit: <limit name>`");
        return;
      }
      if (kinds.length > 1) {
        at([...path, kinds[1]!], "request-condition", `this request condition holds both \`${kinds[0]}\` and \`${kinds[1]}\`: write each as its own item of \`request:\` (any one of them makes the server send the entry)`, "key");
        return;
      }
      const kind = kinds[0]!;
      if (kind === "bodyOverLimit") {
        for (const key of ["header", "fills"] as const) {
          if (c[key] !== undefined) at([...path, key], "request-condition", `\`bodyOverLimit\` reads the body, not a header, so it takes no \`${key}\`: remove \`${key}\``, "key");
        }
        if (!limits.includes(c.bodyOverLimit!)) {
          const suggestion = closest(c.bodyOverLimit!, limits);
          at([...path, "bodyOverLimit"], "unknown-limit", `\`${c.bodyOverLimit}\` is not under service.limits: ${suggestion ? `did you mean \`${suggestion}\`?` : `add \`${c.bodyOverLimit}: <bytes>\` under service.limits`}`);
        }
        claims.push({ key: "body", shown: "the body", kind, path, entry: id });
        return;
      }
      if (c.header === undefined) {
        at(path, "request-condition", `\`${kind}\` is about a header: add \`header: <name>\`, a header listed under service.requestHeaders`);
        return;
      }
      if (!headers.some((h) => h.toLowerCase() === c.header!.toLowerCase())) {
        const suggestion = closest(c.header, headers);
        at([...path, "header"], "unknown-request-header", `header \`${c.header}\` is not listed under service.requestHeaders: ${suggestion ? `did you mean \`${suggestion}\`?` : "add it there with a description, or fix its name"}`);
      }
      if (kind === "notOperation" && !hasOperations) {
        at([...path, "notOperation"], "not-operation-without-operations", "`notOperation` compares the header with the catalog's operations, but the catalog lists none: add `operations: { names: [...] }` at the top level, or use `notOneOf: [...]`", "key");
      }
      if (c.fills !== undefined && !placeholders.includes(c.fills)) {
        const suggestion = closest(c.fills, placeholders);
        at([...path, "fills"], "request-fills", `\`fills: ${c.fills}\` names no placeholder of \`${id}\`: ${suggestion ? `did you mean \`${suggestion}\`?` : placeholders.length === 0 ? "its message has none; remove `fills`" : `write one of ${placeholders.join(", ")}`}`);
      }
      claims.push({ key: `header:${c.header.toLowerCase()}`, shown: `\`${c.header}\``, kind, path, entry: id });
    });
    // The mock sends the message with every placeholder filled, so each condition must say from where.
    entry.request.forEach((raw: unknown, i: number) => {
      const parsed = requestConditionSchema.safeParse(raw);
      if (!parsed.success) return;
      const c = parsed.data as RawCondition;
      if (c.fills !== undefined && !placeholders.includes(c.fills)) return; // reported above
      const unfilled = placeholders.filter((p) => p !== c.fills);
      if (unfilled.length === 0) return;
      const one = unfilled.length === 1 && c.fills === undefined && c.bodyOverLimit === undefined;
      at(["errors", index, "request", i], "request-fills", one
        ? `the message's placeholder \`${unfilled[0]}\` gets no value from this request condition: add \`fills: ${unfilled[0]}\` to fill it from the header`
        : `the message's placeholder${unfilled.length === 1 ? "" : "s"} ${unfilled.map((p) => `\`${p}\``).join(", ")} cannot be filled from this request (a condition fills one placeholder from its header): remove this condition, or the mock could not send the message`);
    });
  });

  // Two entries that could both claim one request: which one the server sends is unknown.
  for (let a = 0; a < claims.length; a++) {
    for (let b = a + 1; b < claims.length; b++) {
      const x = claims[a]!;
      const y = claims[b]!;
      if (x.entry === y.entry || x.key !== y.key || !kindsOverlap(x.kind, y.kind)) continue;
      const absent = x.kind === "missing" || y.kind === "missing";
      const what = x.kind === y.kind ? `both say \`${x.kind}\` of ${x.shown}` : `both claim ${absent ? "a request without" : "some values of"} ${x.shown} (\`${y.kind}\` here, \`${x.kind}\` there)`;
      at(y.path, "overlapping-request-conditions", `this condition and the one of \`${x.entry}\` (line ${lineOf(x.path)}) ${what}, and the server sends one error per request: make the conditions distinct, or remove one`);
    }
  }
  return out;
}

/**
 * Whether one header value can meet both conditions. `missing` is about an absent or empty header,
 * `notOperation` about an absent, empty or unknown one, and every other condition about a present
 * value; `skewOverSeconds` is about a well-formed date, which `notFormat` refuses. Any other pair can
 * meet on some value.
 */
function kindsOverlap(a: Kind, b: Kind): boolean {
  if (a === "missing" || b === "missing") return a === b || a === "notOperation" || b === "notOperation";
  const pair = new Set([a, b]);
  return !(pair.has("notFormat") && pair.has("skewOverSeconds"));
}

/** The model's form of an entry's conditions (the catalog is valid). */
export function requestConditionsOf(conditions: readonly RawCondition[] | undefined, limits: Readonly<Record<string, number>>, operations: readonly string[]): RequestCondition[] {
  return (conditions ?? []).map((c): RequestCondition => {
    const fills = c.fills !== undefined ? { fills: c.fills } : {};
    if (c.bodyOverLimit !== undefined) return { kind: "body-over-limit", limit: c.bodyOverLimit, bytes: limits[c.bodyOverLimit]! };
    const header = c.header!;
    if (c.missing) return { kind: "header-missing", header, ...fills };
    if (c.notOneOf) return { kind: "header-not-one-of", header, values: [...c.notOneOf], ...fills };
    if (c.notOperation) return { kind: "header-not-operation", header, operations: [...operations], ...fills };
    if (c.notFormat) return { kind: "header-not-format", header, format: c.notFormat, ...fills };
    return { kind: "header-skew", header, seconds: c.skewOverSeconds!, ...fills };
  });
}

