/**
 * The two diagrams of the reference docs, as plain data derived from the model (nothing hand-drawn):
 * the key states that the catalog's entries name, with the fixes that leave them, and how to handle
 * an error, decided on the fields every runtime exposes (retryable, fault, key state, HTTP status).
 * Mermaid (mermaid.ts) and SVG (../html/svg.ts) draw the same data.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { TRANSIENT_STATUSES } from "../fixtures/cases.js";

/** A line of a box: text, and the entry it stands for (an anchor on the reference page). */
export interface DiagramLine {
  readonly text: string;
  readonly anchor?: string;
}

export interface KeyState {
  /** The diagram's own id for the state: `state1`, `state2`, … in catalog order. */
  readonly key: string;
  /** The key state as the catalog writes it, e.g. `PendingDeletion`. */
  readonly name: string;
  /** The codes (or the codeless statuses) that report it. */
  readonly reportedBy: readonly DiagramLine[];
  /** Each distinct fix of its entries: what moves the key out of the state, in the catalog's words. */
  readonly fixes: readonly string[];
}

export interface KeyStateDiagram {
  /** The state the fixes lead to: none of the catalog's states, so the request is accepted. */
  readonly accepted: string;
  readonly states: readonly KeyState[];
}

/** What the caller should do: one box of the handling flowchart. */
export interface HandlingAction {
  readonly key: "retry" | "support" | "keyState" | "credentials" | "request";
  readonly title: string;
  /** The catalog's codes in this group, then what the runtimes conclude for codes the catalog does not list. */
  readonly lines: readonly DiagramLine[];
}

/** A question of the chain; `yes` splits its action off, `no` goes on to the next question (or the last action). */
export interface HandlingQuestion {
  readonly key: string;
  readonly text: string;
  readonly yes: string;
  readonly no: string;
  readonly action: HandlingAction;
}

export interface HandlingDiagram {
  readonly start: string;
  readonly questions: readonly HandlingQuestion[];
  /** Where the last question's `no` leads. */
  readonly last: HandlingAction;
  /** Retried errors that are the service's fault lead on to support when they persist. */
  readonly retryThenSupport: string | undefined;
}

export const ACCEPTED_STATE = "A state that allows the operation";

/** The key-state diagram, or undefined when no entry names a key state. */
export function keyStateDiagram(model: CatalogModel): KeyStateDiagram | undefined {
  const byName = new Map<string, { entries: CatalogEntry[] }>();
  for (const entry of model.entries) {
    if (entry.keyState === undefined) continue;
    const state = byName.get(entry.keyState) ?? { entries: [] };
    state.entries.push(entry);
    byName.set(entry.keyState, state);
  }
  if (byName.size === 0) return undefined;
  const states = [...byName].map(([name, { entries }], i) => ({
    key: `state${i + 1}`,
    name,
    reportedBy: entryLines(entries),
    fixes: [...new Set(entries.map((e) => oneLine(e.fix)))],
  }));
  return { accepted: ACCEPTED_STATE, states };
}

/** The handling flowchart: a chain of questions, each splitting off what the caller should do. */
export function handlingDiagram(model: CatalogModel): HandlingDiagram {
  const groups: Record<HandlingAction["key"], CatalogEntry[]> = { retry: [], support: [], keyState: [], credentials: [], request: [] };
  for (const entry of model.entries) groups[handlingOf(entry)].push(entry);
  const transient = TRANSIENT_STATUSES.join(", ");
  const action = (key: HandlingAction["key"], title: string, unlisted: string | undefined): HandlingAction => ({
    key,
    title,
    lines: [...entryLines(groups[key]), ...(unlisted !== undefined ? [{ text: `unlisted codes: ${unlisted}` }] : [])],
  });
  const questions: HandlingQuestion[] = [
    { key: "isRetryable", text: "Retryable?", yes: "yes", no: "no", action: action("retry", "Retry with backoff", transient) },
    { key: "whoseFault", text: "Fault?", yes: "server", no: "client", action: action("support", "Contact support", "other 5xx") },
  ];
  if (groups.keyState.length > 0) {
    const names = [...new Set(groups.keyState.map((e) => e.keyState!))];
    questions.push({ key: "hasKeyState", text: "Key state?", yes: names.join(", "), no: "none", action: action("keyState", "Wait for or change the key state", undefined) });
  }
  // Unlisted 401 and 403 responses land here too, so the question stays even without catalog entries.
  questions.push({ key: "isAuthStatus", text: "Status 401 or 403?", yes: "yes", no: "no", action: action("credentials", "Fix the credentials or permissions", "401, 403") });
  const retriedServerFaults = groups.retry.some((e) => e.fault === "server");
  return {
    start: "Error response",
    questions,
    last: action("request", "Fix the request", "other 4xx"),
    retryThenSupport: retriedServerFaults ? "still failing" : undefined,
  };
}

/** The group of the handling flowchart an entry falls in: the first question that splits it off. */
export function handlingOf(entry: CatalogEntry): HandlingAction["key"] {
  if (entry.retryable) return "retry";
  if (entry.fault === "server") return "support";
  if (entry.keyState !== undefined) return "keyState";
  if (entry.httpStatus === 401 || entry.httpStatus === 403) return "credentials";
  return "request";
}

/** One line per distinct code (`Forbidden.KeyNotFound 404`), or per codeless entry (`413, no code`), linked to its first entry. */
function entryLines(entries: readonly CatalogEntry[]): DiagramLine[] {
  const lines = new Map<string, DiagramLine>();
  for (const e of entries) {
    const text = e.code === undefined ? `${e.httpStatus}, no code` : `${oneLine(e.code)} ${e.httpStatus}`;
    if (!lines.has(text)) lines.set(text, { text, anchor: e.id });
  }
  return [...lines.values()];
}

/** Catalog text on one line: a diagram's labels cannot break where the text does. */
export function oneLine(text: string): string {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map((l) => l.trim()).filter((l) => l.length > 0).join(" ");
}
