/**
 * The service's operations and the operations each entry names: every name an entry lists is one of
 * the catalog's operations, and each operation is listed once.
 */
import { diagnosticAt, type CatalogSource } from "./source.js";
import type { Diagnostic } from "./diagnostics.js";
import { closest } from "../suggest.js";

export function operationDiagnostics(source: CatalogSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data = source.data as { operations?: { names?: unknown }; errors?: unknown } | undefined;
  const names = Array.isArray(data?.operations?.names) ? (data.operations.names as unknown[]) : [];
  const declared = new Map<string, number>();
  names.forEach((name, i) => {
    if (typeof name !== "string") return;
    if (declared.has(name)) {
      out.push(diagnosticAt(source, ["operations", "names", i], "duplicate-operation", `operation \`${name}\` is listed twice (first as operation ${declared.get(name)! + 1}): remove this one`));
    } else declared.set(name, i);
  });
  if (!Array.isArray(data?.errors)) return out;
  data.errors.forEach((entry: unknown, index) => {
    const listed = (entry as { operations?: unknown } | null)?.operations;
    if (!Array.isArray(listed)) return;
    const seen = new Set<string>();
    listed.forEach((name: unknown, i) => {
      if (typeof name !== "string") return;
      const at = ["errors", index, "operations", i];
      if (seen.has(name)) out.push(diagnosticAt(source, at, "duplicate-operation", `operation \`${name}\` is listed twice for this entry: remove this one`));
      seen.add(name);
      if (declared.has(name)) return;
      const suggestion = closestName(name, [...declared.keys()]);
      out.push(diagnosticAt(source, at, "unknown-operation", declared.size === 0
        ? `this entry names operation \`${name}\`, but the catalog lists no operations: add \`operations: { names: [${name}, …] }\` at the top level, or remove the entry's operations`
        : `operation \`${name}\` is not one of the catalog's operations: ${suggestion ? `did you mean \`${suggestion}\`?` : `add it under operations.names, or fix the name (listed: ${[...declared.keys()].join(", ")})`}`));
    });
  });
  return out;
}

/** The listed name nearest to a misspelt one, ignoring case, when it is close enough to be meant. */
function closestName(word: string, candidates: readonly string[]): string | undefined {
  return closest(word, candidates, Math.max(2, Math.floor(word.length / 4)) + 1);
}
