/**
 * What changed between two versions of a catalog, each change classified in the spirit of
 * `buf breaking` and smithy-diff: breaking (a client that handled the old catalog mishandles what the
 * new one describes) or compatible. Every change kind is declared once in CHANGE_KINDS.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { formatSegments } from "../catalog/format.js";
import { compileRegex } from "../regex/dialects.js";

export type Severity = "breaking" | "compatible";

export const CHANGE_KINDS = {
  "entry-removed": { severity: "breaking", description: "An entry was removed without reserving its number and id." },
  "entry-removed-reserved": { severity: "compatible", description: "An entry was removed and its number and id reserved." },
  "entry-added": { severity: "compatible", description: "An entry was added." },
  "id-changed": { severity: "breaking", description: "An entry's id changed (same number): clients match on the id." },
  "number-changed": { severity: "breaking", description: "An entry's number (its proto enum value) changed." },
  "code-changed": { severity: "breaking", description: "An entry's error code changed." },
  "status-changed": { severity: "breaking", description: "An entry's HTTP status changed." },
  "placeholder-removed": { severity: "breaking", description: "A placeholder was removed: clients read its parameter." },
  "placeholder-renamed": { severity: "breaking", description: "A placeholder's name changed: the parameter clients read is gone." },
  "placeholder-added": { severity: "compatible", description: "A placeholder was added." },
  "message-narrowed": { severity: "breaking", description: "A message pattern changed so that a message the old one matched no longer matches." },
  "message-changed": { severity: "compatible", description: "A message pattern changed, and still matches every message the old one matched." },
  "retryable-removed": { severity: "breaking", description: "A retryable entry was made non-retryable." },
  "retryable-added": { severity: "compatible", description: "An entry was made retryable." },
  "fault-changed": { severity: "compatible", description: "An entry's fault (client or server) changed." },
  "key-state-changed": { severity: "compatible", description: "The key state an entry implies changed." },
  "text-changed": { severity: "compatible", description: "The meaning or fix text of an entry changed." },
  "wire-field-changed": { severity: "breaking", description: "A field of the wire message was removed, renumbered or retyped." },
  "wire-field-added": { severity: "compatible", description: "A field was added to the wire message." },
  "operation-removed": { severity: "breaking", description: "An operation was removed from the catalog: its per-operation error types go." },
  "operation-added": { severity: "compatible", description: "An operation was added to the catalog." },
  "entry-operations-changed": { severity: "compatible", description: "The operations that return an entry changed." },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

export interface CatalogChange {
  readonly kind: ChangeKind;
  readonly severity: Severity;
  /** The entry the change is about (its id in the newer catalog where it exists), or undefined for the service. */
  readonly entry: string | undefined;
  /** One sentence: what changed and, for a breaking change, how to keep clients working. */
  readonly message: string;
  /** `kind:entry`, the name `--allow` takes to accept a change. */
  readonly key: string;
}

/** The changes from `before` to `after`, in the order of `after`'s entries (removals last). */
export function diffCatalogs(before: CatalogModel, after: CatalogModel): CatalogChange[] {
  const changes: CatalogChange[] = [];
  const add = (kind: ChangeKind, entry: string | undefined, message: string) =>
    changes.push({ kind, severity: CHANGE_KINDS[kind].severity, entry, message, key: `${kind}:${entry ?? "service"}` });

  const oldById = new Map(before.entries.map((e) => [e.id, e]));
  const newById = new Map(after.entries.map((e) => [e.id, e]));
  const oldByNumber = new Map(before.entries.map((e) => [e.number, e]));
  const matched = new Set<string>();

  for (const entry of after.entries) {
    let old = oldById.get(entry.id);
    if (old === undefined) {
      const renamed = oldByNumber.get(entry.number);
      if (renamed !== undefined && !newById.has(renamed.id)) {
        add("id-changed", entry.id, `entry number ${entry.number} was \`${renamed.id}\` and is now \`${entry.id}\`: clients match on the id; keep the old id, or reserve it and use a new number`);
        old = renamed;
      } else {
        add("entry-added", entry.id, `entry \`${entry.id}\` (${describe(entry)}) was added`);
        continue;
      }
    }
    matched.add(old.id);
    compareEntry(old, entry, add);
  }
  for (const old of before.entries) {
    if (matched.has(old.id)) continue;
    const reserved = after.reserved.some((r) => r.number === old.number) && after.reserved.some((r) => r.id === old.id);
    if (reserved) add("entry-removed-reserved", old.id, `entry \`${old.id}\` (${describe(old)}) was removed; its number and id are reserved`);
    else add("entry-removed", old.id, `entry \`${old.id}\` (${describe(old)}) was removed without reserving its number and id: clients still handle it; add \`- { number: ${old.number}, id: ${old.id}, reason: … }\` under reserved, or keep the entry`);
  }

  const newFields = new Map(after.service.wire.fields.map((f) => [f.name, f]));
  for (const f of before.service.wire.fields) {
    const g = newFields.get(f.name);
    if (g === undefined) add("wire-field-changed", undefined, `wire field \`${f.name}\` (${f.number}) was removed: old clients decode it; keep it`);
    else if (g.number !== f.number || g.type !== f.type) add("wire-field-changed", undefined, `wire field \`${f.name}\` changed from ${f.type} ${f.number} to ${g.type} ${g.number}: bodies decode differently; keep the vendor's number and type`);
  }
  const oldFields = new Set(before.service.wire.fields.map((f) => f.name));
  for (const g of after.service.wire.fields) if (!oldFields.has(g.name)) add("wire-field-added", undefined, `wire field \`${g.name}\` (${g.number}) was added`);

  const oldOperations = before.operations.map((o) => o.name);
  const newOperations = after.operations.map((o) => o.name);
  for (const name of oldOperations) {
    if (!newOperations.includes(name)) add("operation-removed", undefined, `operation \`${name}\` was removed: clients use its per-operation error type (${name}Error in TypeScript); keep it`);
  }
  for (const name of newOperations) if (!oldOperations.includes(name)) add("operation-added", undefined, `operation \`${name}\` was added`);
  // Only when both sides list operations: a catalog that starts listing them changes no entry's.
  if (oldOperations.length > 0 && newOperations.length > 0) {
    for (const entry of after.entries) {
      const old = oldById.get(entry.id);
      if (old !== undefined) compareOperations(old, entry, oldOperations.filter((o) => newOperations.includes(o)), add);
    }
  }
  return changes;
}

/**
 * An entry's operations: the ones it gained and lost among the operations both sides list (an operation
 * added or removed is reported once, as itself, not again for every entry).
 */
function compareOperations(old: CatalogEntry, entry: CatalogEntry, listed: readonly string[], add: (kind: ChangeKind, entry: string | undefined, message: string) => void): void {
  const gained = entry.operations.filter((o) => !old.operations.includes(o) && listed.includes(o));
  const lost = old.operations.filter((o) => !entry.operations.includes(o) && listed.includes(o));
  if (gained.length === 0 && lost.length === 0) return;
  const parts = [gained.length > 0 ? `now returned by ${gained.join(", ")}` : "", lost.length > 0 ? `no longer by ${lost.join(", ")}` : ""].filter(Boolean);
  add("entry-operations-changed", entry.id, `entry \`${entry.id}\`: ${parts.join("; ")}`);
}

function describe(e: CatalogEntry): string {
  return `${e.code === undefined ? "no code" : `code ${e.code}`}, HTTP ${e.httpStatus}`;
}

function compareEntry(old: CatalogEntry, entry: CatalogEntry, add: (kind: ChangeKind, entry: string | undefined, message: string) => void): void {
  const id = entry.id;
  if (old.number !== entry.number) add("number-changed", id, `entry \`${id}\` changed number from ${old.number} to ${entry.number}: the proto enum value is forever; keep ${old.number}`);
  if (old.code !== entry.code) add("code-changed", id, `entry \`${id}\` changed code from ${old.code ?? "none"} to ${entry.code ?? "none"}: clients that branch on the code miss it; add a new entry for the new code instead`);
  if (old.httpStatus !== entry.httpStatus) add("status-changed", id, `entry \`${id}\` changed HTTP status from ${old.httpStatus} to ${entry.httpStatus}: clients classify by status; add a new entry instead`);

  const newNames = new Set(entry.placeholders.map((p) => p.name));
  const newTexts = new Map(entry.placeholders.map((p) => [p.text, p]));
  for (const p of old.placeholders) {
    if (newNames.has(p.name)) continue;
    const byText = newTexts.get(p.text);
    if (byText !== undefined) add("placeholder-renamed", id, `entry \`${id}\`: placeholder \`<${p.text}>\` was renamed from \`${p.name}\` to \`${byText.name}\`: clients read params.${p.name}; keep the name`);
    else add("placeholder-removed", id, `entry \`${id}\`: placeholder \`${p.name}\` was removed: clients read params.${p.name}; keep it`);
  }
  const oldNames = new Set(old.placeholders.map((p) => p.name));
  for (const p of entry.placeholders) {
    if (!oldNames.has(p.name) && !old.placeholders.some((q) => q.text === p.text)) add("placeholder-added", id, `entry \`${id}\`: placeholder \`${p.name}\` was added`);
  }

  if (old.message !== entry.message) {
    const lost = lostMessage(old, entry);
    if (lost !== undefined) add("message-narrowed", id, `entry \`${id}\`: the message pattern changed, and a message the old pattern matched no longer matches (${JSON.stringify(lost)}): clients would stop recognizing it; keep the old pattern as its own entry`);
    else add("message-changed", id, `entry \`${id}\`: the message pattern changed; every message the old pattern matched still matches`);
  }
  if (old.retryable && !entry.retryable) add("retryable-removed", id, `entry \`${id}\` was retryable and is not any more: clients stop retrying it; make sure a retry can no longer succeed`);
  if (!old.retryable && entry.retryable) add("retryable-added", id, `entry \`${id}\` is now retryable`);
  if (old.fault !== entry.fault) add("fault-changed", id, `entry \`${id}\` changed fault from ${old.fault} to ${entry.fault}`);
  if (old.keyState !== entry.keyState) add("key-state-changed", id, `entry \`${id}\` changed key state from ${old.keyState ?? "none"} to ${entry.keyState ?? "none"}`);
  if (old.meaning !== entry.meaning || old.fix !== entry.fix) add("text-changed", id, `entry \`${id}\`: its ${[old.meaning !== entry.meaning ? "meaning" : "", old.fix !== entry.fix ? "fix" : ""].filter(Boolean).join(" and ")} changed`);
}

/**
 * A message the old pattern matches and the new one does not, or undefined. Tried with the examples, the
 * empty string, and values made of a character no pattern's text holds (which a new literal cannot match).
 */
function lostMessage(old: CatalogEntry, entry: CatalogEntry): string | undefined {
  if (old.message === undefined) return undefined;
  if (entry.message === undefined) return formatSegments(old.segments, {});
  const fresh = "\u0001\u0002";
  const samples: Record<string, string>[] = [
    Object.fromEntries(old.placeholders.map((p) => [p.name, p.example])),
    Object.fromEntries(old.placeholders.map((p) => [p.name, ""])),
    Object.fromEntries(old.placeholders.map((p) => [p.name, fresh])),
    Object.fromEntries(old.placeholders.map((p) => [p.name, `${p.example}${fresh}`])),
  ];
  const regex = new RegExp(`^(?:${compileRegex(entry.segments, "ecmascript")})$`, "u");
  for (const values of samples) {
    const message = formatSegments(old.segments, values);
    if (!regex.test(message)) return message;
  }
  return undefined;
}

/** Changes whose key or kind `allow` names are accepted; the rest of the breaking ones fail the gate. */
export function unaccepted(changes: readonly CatalogChange[], allow: readonly string[]): CatalogChange[] {
  return changes.filter((c) => c.severity === "breaking" && !allow.includes(c.key) && !allow.includes(c.kind));
}
