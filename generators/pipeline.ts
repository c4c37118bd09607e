/** From a model to the complete, sorted file set of out/<service>/ (manifest included). */
import type { CatalogModel } from "./catalog/model.js";
import { preambleText, type GeneratedFile } from "./emit/generated-file.js";
import { createManifest, MANIFEST_PATH } from "./emit/manifest.js";
import { TARGETS, type Target } from "./targets.js";
import { timed } from "./profile.js";

export async function generateAll(model: CatalogModel, version: string, targets: readonly Target[] = TARGETS): Promise<GeneratedFile[]> {
  const preamble = preambleText(model, version);
  const generators = await timed("load-generators", () => Promise.all(targets.map((t) => t.load())));
  const files: GeneratedFile[] = [];
  const owner = new Map<string, string>();
  for (const generator of generators) {
    for (const file of await timed(generator.name, () => generator.generate(model, { preamble }))) {
      const previous = owner.get(file.path);
      if (previous !== undefined || file.path === MANIFEST_PATH) {
        throw new Error(`generators ${previous ?? "errcat"} and ${generator.name} both write ${file.path}`);
      }
      if (file.path.startsWith("/") || file.path.split("/").includes("..")) throw new Error(`generator ${generator.name} wrote outside its folder: ${file.path}`);
      owner.set(file.path, generator.name);
      files.push(file);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...files, await timed("manifest", () => createManifest(preamble, files))];
}
