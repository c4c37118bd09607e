/**
 * What an error page and a catalog disagree on: rows added to or removed from the page, and for rows
 * found on both sides (same code and message, or same code in the same place), what changed — message,
 * status, key state, meaning, fix — plus status titles and texts.
 */
import type { CatalogModel } from "../catalog/model.js";
import type { CatalogDocument, EntryDocument } from "../catalog/schema.js";
import { parsePattern, printPattern } from "../catalog/pattern.js";

export type PageDifference =
  | { readonly kind: "added"; readonly text: string }
  | { readonly kind: "removed"; readonly text: string }
  | { readonly kind: "changed"; readonly text: string };

interface Side {
  readonly id: string;
  readonly code?: string;
  readonly message?: string;
  readonly httpStatus: number;
  readonly keyState?: string;
  readonly meaning: string;
  readonly fix: string;
  /** Whether the vendor's page is where the catalog has this entry from. */
  readonly fromPage?: boolean;
}

const normalized = (message: string | undefined) => (message === undefined ? undefined : printPattern(parsePattern(message).segments));
const quote = (text: string | undefined) => (text === undefined ? "(none)" : JSON.stringify(text));
const label = (e: Side) => (e.code !== undefined ? `${e.code} (${e.httpStatus}) ${quote(e.message)}` : `status ${e.httpStatus} without a code`);

/** Compares the page's import with a catalog; an empty list means they agree on everything the page carries. */
export function comparePageWithCatalog(page: CatalogDocument, model: CatalogModel): PageDifference[] {
  const ours: Side[] = page.errors.map((e: EntryDocument) => ({ ...e, message: normalized(e.message) }));
  const theirs: Side[] = model.entries.map((e) => ({ ...e, message: normalized(e.message), fromPage: e.provenance.source === undefined || e.provenance.source.kind === "vendor-page" }));
  const key = (e: Side) => (e.code === undefined ? `status ${e.httpStatus}` : `${e.code}\u0000${e.message ?? ""}`);
  const pairs: [Side, Side][] = [];
  const unmatchedPage: Side[] = [];
  const catalogLeft = [...theirs];
  for (const p of ours) {
    const i = catalogLeft.findIndex((c) => key(c) === key(p));
    if (i >= 0) pairs.push([p, catalogLeft.splice(i, 1)[0]!]);
    else unmatchedPage.push(p);
  }
  // A row whose message changed still has its code: pair it with a leftover entry of that code, in order.
  const added: Side[] = [];
  for (const p of unmatchedPage) {
    const i = p.code === undefined ? -1 : catalogLeft.findIndex((c) => c.code === p.code);
    if (i >= 0) pairs.push([p, catalogLeft.splice(i, 1)[0]!]);
    else added.push(p);
  }

  const out: PageDifference[] = [];
  for (const p of added) out.push({ kind: "added", text: `added on the page: ${label(p)}` });
  // An entry another source states (an SDK layer, an observation) is not expected on the page: only its own entries can be missing there.
  for (const c of catalogLeft) if (c.fromPage) out.push({ kind: "removed", text: `removed from the page: ${label(c)} [${c.id}]` });
  for (const [p, c] of pairs) {
    const where = `${c.code ?? `status ${c.httpStatus} without a code`} [${c.id}]`;
    const field = (name: string, a: string | number | undefined, b: string | number | undefined) => {
      if (a !== b) out.push({ kind: "changed", text: `changed ${where} ${name}: catalog ${typeof b === "number" ? b : quote(b)}, page ${typeof a === "number" ? a : quote(a)}` });
    };
    field("message", p.message, c.message);
    field("httpStatus", p.httpStatus, c.httpStatus);
    field("keyState", p.keyState, c.keyState);
    field("meaning", p.meaning, c.meaning);
    field("fix", p.fix, c.fix);
  }
  for (const s of page.statuses) {
    const c = model.statuses.find((x) => x.httpStatus === s.httpStatus);
    if (!c) continue;
    if (c.title !== s.title) out.push({ kind: "changed", text: `changed status ${s.httpStatus} title: catalog ${quote(c.title)}, page ${quote(s.title)}` });
    if (c.text !== s.text) out.push({ kind: "changed", text: `changed status ${s.httpStatus} text: catalog ${quote(c.text)}, page ${quote(s.text)}` });
  }
  return out;
}
