/** Helpers for the TypeScript target's tests: the KMS model, generated output on disk, and a fresh copy of it bundled and imported. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { loadCatalog } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import type { GeneratedFile } from "../../generators/emit/generated-file.js";
import { createTargetContext } from "../../generators/target/define-target.js";
import { typescriptTarget } from "../../generators/typescript/target.js";

export const KMS_CATALOG = "catalog/kms.yaml";

export function loadKms(): Promise<CatalogModel> {
  return loadCatalog(KMS_CATALOG);
}

/** The TypeScript target's files for a model and raw options. */
export async function generateTypescript(model: CatalogModel, options: Record<string, unknown> = {}, preamble = "@generated for a test. DO NOT EDIT."): Promise<GeneratedFile[]> {
  return [...(await typescriptTarget.generate(createTargetContext(model, typescriptTarget.parseOptions(options), preamble, "0.0.0-test", [])))];
}

export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
}

/** Generates the output into a fresh temp folder, bundles index.ts to ESM and imports it: a separate copy of the module. */
export async function importFreshCopy<T>(model: CatalogModel): Promise<{ module: T; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "errcat-ts-"));
  writeFiles(dir, await generateTypescript(model));
  await build({ entryPoints: [join(dir, "index.ts")], bundle: true, format: "esm", outfile: join(dir, "index.mjs"), logLevel: "silent" });
  return { module: (await import(pathToFileURL(join(dir, "index.mjs")).href)) as T, dir };
}
