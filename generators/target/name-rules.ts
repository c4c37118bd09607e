/**
 * The name rules every target with `names` gets: the names it derives from codes, ids and
 * placeholders must be valid in its language, distinct, and not taken by its runtime. Reported like
 * every diagnostic, at the catalog node the name came from, and only when the target is selected.
 */
import type { CatalogModel } from "../catalog/model.js";
import type { CatalogPlace, Target, TargetNames, TargetRule } from "./define-target.js";

/** The rules a target's `names` imply, followed by the target's own `rules`. */
export function rulesOf(target: Target<any>): readonly TargetRule[] {
  return [...(target.names ? nameRules(target.name, target.names) : []), ...(target.rules ?? [])];
}

export function nameRules(language: string, names: TargetNames): TargetRule[] {
  const valid = (name: string) => names.valid?.(name) ?? true;
  return [
    {
      id: "name-collision",
      description: `Type names derived from codes and codeless ids are distinct in ${language} and not taken by its runtime.`,
      fix: "Check the spelling of one of the two codes, or change service.name.",
      check(model: CatalogModel, report: (at: CatalogPlace, message: string) => void) {
        const runtime = new Set(names.runtimeNames?.(model) ?? []);
        const taken = new Map<string, string>();
        for (const entry of model.entries) {
          const owner = entry.code !== undefined ? `code \`${entry.code}\`` : `entry \`${entry.id}\``;
          const name = names.safe(entry.code !== undefined ? names.codeType(entry.code) : names.codelessType(entry.id));
          const at: CatalogPlace = { entry: entry.id, field: entry.code !== undefined ? "code" : "id" };
          if (!valid(name)) {
            report(at, `${owner} becomes \`${name}\` in ${language}, which is not a valid name there: check the spelling`);
            continue;
          }
          if (runtime.has(name)) {
            report(at, `${owner} becomes the name \`${name}\` in ${language}, which its runtime for service \`${model.service.name}\` defines for itself: check the spelling, or change service.name`);
            continue;
          }
          const prev = taken.get(name);
          if (prev !== undefined && prev !== owner) {
            report(at, `${owner} becomes the name \`${name}\` in ${language}, as ${prev} does: two codes that differ only in punctuation or case cannot both be generated; check the spelling of one`);
          } else if (prev === undefined) taken.set(name, owner);
        }
      },
    },
    {
      id: "param-name",
      description: `Placeholder names become valid, distinct parameter names in ${language}.`,
      fix: "Choose another placeholder name, such as `nameValue`.",
      check(model: CatalogModel, report: (at: CatalogPlace, message: string) => void) {
        for (const entry of model.entries) {
          const seen = new Map<string, string>();
          entry.placeholders.forEach((p, i) => {
            const name = names.safe(names.param(p.name));
            const at: CatalogPlace = { entry: entry.id, placeholder: i, field: "name" };
            if (!valid(name)) {
              report(at, `\`${p.name}\` cannot name a parameter in ${language}: choose another name, such as \`${p.name}Value\``);
              return;
            }
            const prev = seen.get(name);
            if (prev !== undefined) report(at, `placeholders \`${prev}\` and \`${p.name}\` both become \`${name}\` in ${language}: rename one of them`);
            else seen.set(name, p.name);
          });
        }
      },
    },
  ];
}
