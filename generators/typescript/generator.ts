/**
 * The TypeScript target behind the generator list of generators/targets.ts, with default options,
 * until the target registry drives generation.
 */
import type { CatalogModel } from "../catalog/model.js";
import type { Generator } from "../emit/generated-file.js";
import { createTargetContext } from "../target/define-target.js";
import { parseTypescriptOptions, typescriptSources, typescriptTarget } from "./target.js";

export const ENTRY_PATH = "index.ts";

export const typescriptGenerator: Generator = {
  name: "typescript",
  async generate(model, { preamble }) {
    const ctx = createTargetContext(model, parseTypescriptOptions({}), preamble, "", []);
    return [...(await typescriptTarget.generate(ctx))];
  },
};

/** The text of index.ts for a model, its first line the preamble (runtime.ts goes beside it). */
export function typescriptIndex(model: CatalogModel, preamble: string): string {
  const ctx = createTargetContext(model, parseTypescriptOptions({}), preamble, "", []);
  const index = typescriptSources(ctx).find((f) => f.path === ENTRY_PATH)!;
  return index.contents as string;
}
