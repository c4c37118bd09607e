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

export function provenanceMarkdown(entry: CatalogEntry): string {
  const parts: string[] = [];
  if (entry.provenance.source) parts.push(`**Source:** ${sourceText(entry.provenance.source)}.`);
  for (const field of Object.keys(entry.provenance.fields).sort()) parts.push(`**\`${field}\` from** ${sourceText(entry.provenance.fields[field]!)}.`);
  return parts.join("\n\n");
}
