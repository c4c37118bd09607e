/** Runs the selected targets' rules on a loaded model; their problems are diagnostics like the core's. */
import { diagnosticInCatalog } from "../catalog/index.js";
import type { CatalogModel } from "../catalog/model.js";
import { sortDiagnostics, type Diagnostic } from "../catalog/diagnostics.js";
import type { DataPath } from "../catalog/source.js";
import type { CatalogPlace, Target } from "./define-target.js";
import { rulesOf } from "./name-rules.js";
import { targetFailure } from "./target-failure.js";

/**
 * The selected targets' rules on a model. The same problem found by several targets (a code whose
 * class name collides in TypeScript, Python and Java) is one diagnostic naming all of them.
 */
export function targetRuleDiagnostics(model: CatalogModel, targets: readonly Target<any>[]): Diagnostic[] {
  const index = new Map(model.entries.map((e, i) => [e.id, i]));
  const found = new Map<string, { d: Diagnostic; languages: string[]; template: string }>();
  for (const target of targets) {
    for (const rule of rulesOf(target)) {
      const report = (at: CatalogPlace, message: string) => {
        const d = diagnosticInCatalog(model, pathOf(at, index), rule.id, message);
        const marker = ` in ${target.name}`;
        const template = message.includes(marker) ? message.replace(marker, " in \u0000") : message;
        const key = `${d.line}:${d.column}:${d.rule}:${template}`;
        const seen = found.get(key);
        if (seen === undefined) found.set(key, { d, languages: [target.name], template });
        else if (!seen.languages.includes(target.name)) seen.languages.push(target.name);
      };
      try {
        rule.check(model, report);
      } catch (error) {
        // A plugin's rule that throws is the plugin's to fix.
        throw targetFailure(target, `its rule ${rule.id}`, error);
      }
    }
  }
  const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);
  return sortDiagnostics([...found.values()].map(({ d, languages, template }) =>
    template.includes("\u0000") ? { ...d, message: template.replace("\u0000", list(languages)) } : d));
}

function pathOf(at: CatalogPlace, index: ReadonlyMap<string, number>): DataPath {
  if ("service" in at) return ["service", ...at.service];
  const i = index.get(at.entry);
  if (i === undefined) return [];
  if ("placeholder" in at) return ["errors", i, "placeholders", at.placeholder, ...(at.field !== undefined ? [at.field] : [])];
  return ["errors", i, ...(at.field !== undefined ? [at.field] : [])];
}
