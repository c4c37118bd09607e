/**
 * From a read error page to a catalog document, deterministically: ids from the code (plus the words
 * that set a message apart from the others of its code), numbers 1.. in page order, meaning and fix
 * split at the first sentence boundary, placeholder identifiers from their display text, fault from
 * the status class. Retryability is not on such pages: every entry starts as not retryable.
 */
import type { CatalogDocument, EntryDocument } from "../catalog/schema.js";
import { parsePattern, patternsOverlap, type Segment } from "../catalog/pattern.js";
import { camelCase, pascalCase, words } from "../catalog/names.js";
// Imported placeholder names avoid the words the TypeScript target refuses as params.
import { RESERVED_WORDS, UNSAFE_PROPERTY_NAMES } from "../typescript/names.js";
import type { ErrorPage, PageRow } from "./error-page.js";

export interface ImportResult {
  readonly catalog: CatalogDocument;
  /** Rows skipped or guessed at, as sentences for the user. */
  readonly warnings: string[];
}

/** The default wire message of such APIs, used when the page shows none. */
const DEFAULT_WIRE_FIELDS = [
  { name: "StatusCode", number: 1, type: "int32" },
  { name: "ErrorCode", number: 2, type: "string" },
  { name: "ErrorMessage", number: 3, type: "string" },
  { name: "RequestId", number: 4, type: "string" },
] as const;

/** The text when a page gives a meaning but no fix (fix is required in a catalog). */
export const NO_FIX_TEXT = "The vendor's page gives no fix.";

export function pageToCatalog(page: ErrorPage, service: string): ImportResult {
  const warnings: string[] = [];
  const title = page.title?.replace(/\s+errors$/i, "") ?? `${service.toUpperCase()} API`;
  if (!page.wire) warnings.push("the page shows no wire message: assumed `message Error { int32 StatusCode = 1; string ErrorCode = 2; string ErrorMessage = 3; string RequestId = 4; }`");

  type Draft = Omit<EntryDocument, "id" | "number">;
  const drafts: Draft[] = [];
  const seen = new Set<string>();
  for (const status of page.statuses) {
    const fault = status.httpStatus >= 500 ? "server" : "client";
    const rows: PageRow[] = status.rows.length > 0 ? [...status.rows] : status.prose.length > 0 ? [{ meaningAndFix: status.prose.join("\n") }] : [];
    for (const row of rows) {
      const key = `${row.code ?? ""}\u0000${row.message ?? `status ${status.httpStatus}`}`;
      if (seen.has(key)) {
        warnings.push(`status ${status.httpStatus}: the row ${row.code ?? "(no code)"} "${row.message ?? ""}" appears twice; kept the first`);
        continue;
      }
      seen.add(key);
      if (row.code !== undefined && row.message === undefined) warnings.push(`status ${status.httpStatus}: ${row.code} has no message; the catalog needs the message the server sends`);
      const { meaning, fix } = splitMeaningAndFix(row.meaningAndFix);
      if (fix === NO_FIX_TEXT) warnings.push(`status ${status.httpStatus}: ${row.code ?? "the codeless entry"} has no fix on the page`);
      const segments = row.message === undefined ? [] : parsePattern(row.message).segments;
      const placeholders = placeholdersOf(segments);
      drafts.push({
        httpStatus: status.httpStatus,
        ...(row.code !== undefined ? { code: row.code } : {}),
        ...(row.message !== undefined ? { message: row.message } : {}),
        ...(placeholders.length > 0 ? { placeholders } : {}),
        meaning: meaning.length > 0 ? meaning : `HTTP ${status.httpStatus} ${status.title}.`,
        fix,
        ...(row.state !== undefined ? { keyState: row.state } : {}),
        fault,
        retryable: false,
      });
    }
  }

  const ids = entryIds(drafts, page);
  const errors: EntryDocument[] = drafts.map((d, i) => ({ id: ids[i]!, number: i + 1, ...d }));
  addMatchOrder(errors);

  const catalog: CatalogDocument = {
    errcat: 1,
    service: {
      name: service,
      title,
      introduction: page.preface[0] ?? `The errors of the ${title}.`,
      ...(page.preface.length > 1 ? { scope: page.preface.slice(1).join("\n") } : {}),
      wire: {
        package: page.wire?.package ?? service,
        message: page.wire?.message ?? "Error",
        fields: (page.wire?.fields ?? DEFAULT_WIRE_FIELDS).map((f) => ({ name: f.name, number: f.number, type: f.type })),
      },
      proto: { package: `errcat.${service}.v1` },
    },
    statuses: page.statuses.map((s) => ({
      httpStatus: s.httpStatus,
      title: s.title,
      ...(s.prose.length > 0 ? { text: s.prose.join("\n") } : {}),
    })),
    errors,
  };
  return { catalog, warnings };
}

/**
 * Meaning is the first sentence, fix the rest: the rule the catalog follows. A sentence ends at
 * `.`, `!` or `?` followed by white space and a capital, digit or quote (so "e.g. foo" does not end one).
 */
export function splitMeaningAndFix(text: string): { meaning: string; fix: string } {
  const boundary = /[.!?](\s+)(?=[A-Z0-9"'“(])/.exec(text);
  if (!boundary) return { meaning: text.trim(), fix: NO_FIX_TEXT };
  const end = boundary.index + 1;
  return { meaning: text.slice(0, end).trim(), fix: text.slice(end + boundary[1]!.length).trim() };
}

function placeholdersOf(segments: readonly Segment[]): NonNullable<EntryDocument["placeholders"]> {
  const names = new Set<string>();
  const out: NonNullable<EntryDocument["placeholders"]> = [];
  for (const s of segments) {
    if (s.kind !== "placeholder" || out.some((p) => p.text === s.text)) continue;
    let name = camelCase(s.text);
    if (!/^[a-z]/.test(name)) name = `value${pascalCase(s.text)}`;
    if (RESERVED_WORDS.has(name) || UNSAFE_PROPERTY_NAMES.has(name)) name = `${name}Value`;
    let unique = name;
    for (let n = 2; names.has(unique); n++) unique = `${name}${n}`;
    names.add(unique);
    out.push({
      text: s.text,
      name: unique,
      description: `The value the server sends as ${s.text}; imported from the vendor's page, so describe it.`,
      example: s.text,
    });
  }
  return out;
}

const STOP_WORDS = new Set(["a", "an", "the", "or", "and", "in", "of", "to", "for", "by", "is", "are", "was", "be", "on", "at", "our", "your", "this", "that"]);

const kebab = (text: string) => words(text).map((w) => w.toLowerCase()).join("-");

/**
 * Ids: the kebab-cased code; where a code has several messages, followed by the words of each message
 * that the code's other messages lack (three at first, all of them where three collide); a codeless
 * entry takes its status title. Any id still taken gets `-2`, `-3`…
 */
function entryIds(drafts: readonly { code?: string; message?: string; httpStatus: number }[], page: ErrorPage): string[] {
  const base = drafts.map((d) => (d.code !== undefined ? kebab(d.code) : kebab(page.statuses.find((s) => s.httpStatus === d.httpStatus)?.title ?? "") || `status-${d.httpStatus}`));
  const ids = base.map((b) => (/^[a-z]/.test(b) ? b : `error-${b}`));
  const byCode = new Map<string, number[]>();
  drafts.forEach((d, i) => d.code !== undefined && byCode.set(d.code, [...(byCode.get(d.code) ?? []), i]));
  for (const members of byCode.values()) {
    if (members.length < 2) continue;
    const wordLists = members.map((i) => messageWords(drafts[i]!.message ?? ""));
    const common = wordLists.reduce((acc, list) => new Set([...acc].filter((w) => list.includes(w))), new Set(wordLists[0]));
    const own = wordLists.map((list) => list.filter((w) => !common.has(w)));
    const short = own.map((list) => list.slice(0, 3).join("-"));
    members.forEach((index, k) => {
      const collides = short[k] === "" || short.some((s, m) => m !== k && s === short[k]);
      const suffix = collides ? own[k]!.join("-") : short[k]!;
      if (suffix !== "") ids[index] = `${ids[index]}-${suffix}`;
    });
  }
  const taken = new Set<string>();
  return ids.map((id) => {
    let unique = id;
    for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
    taken.add(unique);
    return unique;
  });
}

/** The distinct, lower-cased words of a message's literal text, in order, without stop words. */
function messageWords(message: string): string[] {
  const literal = parsePattern(message).segments.filter((s) => s.kind === "literal").map((s) => s.text).join(" ");
  return [...new Set(words(literal).map((w) => w.toLowerCase()).filter((w) => !STOP_WORDS.has(w)))];
}

/** Where two messages of one code can match the same text, the one with more literal text is tried first. */
function addMatchOrder(errors: EntryDocument[]): void {
  const literalLength = (segments: readonly Segment[]) => segments.reduce((n, s) => n + (s.kind === "literal" ? s.text.length : 0), 0);
  for (let a = 0; a < errors.length; a++) {
    for (let b = a + 1; b < errors.length; b++) {
      const x = errors[a]!;
      const y = errors[b]!;
      if (x.code === undefined || x.code !== y.code || x.message === undefined || y.message === undefined) continue;
      const sx = parsePattern(x.message).segments;
      const sy = parsePattern(y.message).segments;
      if (!patternsOverlap(sx, sy)) continue;
      const [first, second] = literalLength(sx) >= literalLength(sy) ? [x, y] : [y, x];
      (first as { matchBefore?: string[] }).matchBefore = [...(first.matchBefore ?? []), second.id];
    }
  }
}
