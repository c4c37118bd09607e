/** index.ts alone, with default options, for bench/runtime.mjs's generator timing. */
import type { CatalogModel } from "../catalog/model.js";
import { createTargetContext } from "../target/define-target.js";
import { INDEX_PATH, parseTypescriptOptions, typescriptSources } from "./target.js";

/** The text of index.ts for a model, its first line the preamble (runtime.ts goes beside it). */
export function typescriptIndex(model: CatalogModel, preamble: string): string {
  const ctx = createTargetContext(model, parseTypescriptOptions({}), preamble, "", []);
  return typescriptSources(ctx).find((f) => f.path === INDEX_PATH)!.contents as string;
}
