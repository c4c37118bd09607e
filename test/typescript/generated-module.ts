/** Helpers for the TypeScript runtime tests: the KMS model, and a generated module bundled to a temp file. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { loadCatalog } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import { typescriptIndex } from "../../generators/typescript/generator.js";

export const KMS_CATALOG = "catalog/kms.yaml";

export function loadKms(): Promise<CatalogModel> {
  return loadCatalog(KMS_CATALOG);
}

/** Generates index.ts into a fresh temp folder, bundles it to ESM and imports it: a separate copy of the module. */
export async function importFreshCopy<T>(model: CatalogModel): Promise<{ module: T; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "errcat-ts-"));
  writeFileSync(join(dir, "index.ts"), typescriptIndex(model, "@generated for a test"));
  await build({ entryPoints: [join(dir, "index.ts")], bundle: true, format: "esm", outfile: join(dir, "index.mjs"), logLevel: "silent" });
  return { module: (await import(pathToFileURL(join(dir, "index.mjs")).href)) as T, dir };
}
