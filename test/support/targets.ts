/** Runs one target the way the pipeline does, for tests that look at a single target's files. */
import type { CatalogModel } from "../../generators/catalog/model.js";
import type { GeneratedFile } from "../../generators/emit/generated-file.js";
import { createTargetContext, type DocsSection, type Target } from "../../generators/target/define-target.js";

export async function runTarget(target: Target<any>, model: CatalogModel, preamble: string, options: Record<string, unknown> = {}, sections: readonly DocsSection[] = []): Promise<GeneratedFile[]> {
  return [...(await target.generate(createTargetContext(model, target.parseOptions(options), preamble, "0.0.0", sections)))];
}
