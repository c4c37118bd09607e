/** Message formatting on the toolkit side: segments joined with parameter values. */
import type { CatalogEntry } from "./model.js";

/** The message the server sends for an entry with these parameter values (by placeholder name). */
export function formatEntryMessage(entry: CatalogEntry, params: Readonly<Record<string, string>>): string {
  return entry.segments.map((s) => (s.kind === "literal" ? s.text : (params[s.name] ?? ""))).join("");
}

/** Each placeholder's example value, by name. */
export function exampleParams(entry: CatalogEntry): Record<string, string> {
  return Object.fromEntries(entry.placeholders.map((p) => [p.name, p.example]));
}
