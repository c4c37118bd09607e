/** Message formatting on the toolkit side: segments joined with parameter values. */
import type { CatalogEntry, MessageSegment } from "./model.js";

/** Joins segments with values (by placeholder name): the message a server would send. */
export function formatSegments(segments: readonly MessageSegment[], values: Readonly<Record<string, string>>): string {
  return segments.map((s) => (s.kind === "literal" ? s.text : (values[s.name] ?? ""))).join("");
}

/** The message the server sends for an entry with these parameter values (by placeholder name). */
export function formatEntryMessage(entry: CatalogEntry, params: Readonly<Record<string, string>>): string {
  return formatSegments(entry.segments, params);
}

/** Each placeholder's example value, by name. */
export function exampleParams(entry: CatalogEntry): Record<string, string> {
  return Object.fromEntries(entry.placeholders.map((p) => [p.name, p.example]));
}

/** The entry's message with each placeholder's example value in its place. */
export function exampleMessage(entry: CatalogEntry): string {
  return formatSegments(entry.segments, exampleParams(entry));
}
