/** Runs the selected targets' rules on a loaded model; their problems are diagnostics like the core's. */
import { diagnosticInCatalog } from "../catalog/index.js";
import type { CatalogModel } from "../catalog/model.js";
import { sortDiagnostics, type Diagnostic } from "../catalog/diagnostics.js";
import type { DataPath } from "../catalog/source.js";
import type { CatalogPlace, Target } from "./define-target.js";
import { rulesOf } from "./name-rules.js";

export function targetRuleDiagnostics(model: CatalogModel, targets: readonly Target<any>[]): Diagnostic[] {
  const index = new Map(model.entries.map((e, i) => [e.id, i]));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    for (const rule of rulesOf(target)) {
      rule.check(model, (at, message) => {
        const d = diagnosticInCatalog(model, pathOf(at, index), rule.id, message);
        // Two targets may report the same problem in the same words: once is enough.
        const key = `${d.line}:${d.column}:${d.rule}:${d.message}`;
        if (!seen.has(key)) (seen.add(key), out.push(d));
      });
    }
  }
  return sortDiagnostics(out);
}

function pathOf(at: CatalogPlace, index: ReadonlyMap<string, number>): DataPath {
  if ("service" in at) return ["service", ...at.service];
  const i = index.get(at.entry);
  if (i === undefined) return [];
  if ("placeholder" in at) return ["errors", i, "placeholders", at.placeholder, ...(at.field !== undefined ? [at.field] : [])];
  return ["errors", i, ...(at.field !== undefined ? [at.field] : [])];
}
