/**
 * Where an entry's facts come from, as a line for the reference page: the entry's source and the
 * source of each field a later layer (an overlay) changed, each with its file. Empty when the catalog
 * names no sources. For errors-md.ts to place under an entry.
 */
import type { CatalogEntry, Provenance } from "../catalog/model.js";
import { escapeLine } from "./escape.js";

const KIND_WORDS: Readonly<Record<Provenance["kind"], string>> = {
  "vendor-page": "the vendor's page",
  "vendor-sdk": "the vendor's SDK",
  observed: "an observed response",
  manual: "a maintainer",
};

/** A source in words: `the vendor's SDK (ref; note) in catalog/kms.sdk.yaml`. */
export function sourceText(p: Provenance): string {
  return `${KIND_WORDS[p.kind]}: ${escapeLine(p.ref)}${p.note === undefined ? "" : ` (${escapeLine(p.note)})`}, in \`${p.file}\``;
}

/** The source most entries share (the catalog's own), which the page states once instead of under each entry. */
export function usualSource(entries: readonly CatalogEntry[]): Provenance | undefined {
  const counts = new Map<string, { p: Provenance; n: number }>();
  for (const e of entries) {
    const p = e.provenance.source;
    if (p === undefined) continue;
    const key = sourceText(p);
    counts.set(key, { p, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  let best: { p: Provenance; n: number } | undefined;
  for (const c of counts.values()) if (best === undefined || c.n > best.n) best = c;
  return best?.p;
}

/** The entry's sources: its own when it differs from `usual`, and each field a later layer changed. */
export function provenanceMarkdown(entry: CatalogEntry, usual?: Provenance): string {
  const parts: string[] = [];
  const own = entry.provenance.source;
  if (own && (usual === undefined || sourceText(own) !== sourceText(usual))) parts.push(`**Source:** ${sourceText(own)}.`);
  for (const field of Object.keys(entry.provenance.fields).sort()) parts.push(`**\`${field}\` from** ${sourceText(entry.provenance.fields[field]!)}.`);
  return parts.join("\n\n");
}
