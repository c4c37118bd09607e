/** Loading a catalog file: read, parse with positions, validate, build the model. */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { parseCatalogSource } from "./source.js";
import { validateCatalog } from "./validate.js";
import { buildModel, type CatalogModel } from "./model.js";
import { CatalogError, sortDiagnostics, type Diagnostic } from "./diagnostics.js";

export type { CatalogModel } from "./model.js";

/** Checks a catalog's text; returns its diagnostics and, when there are none, its model. */
export function checkCatalogText(file: string, text: string): { diagnostics: Diagnostic[]; model: CatalogModel | undefined } {
  const { source, diagnostics } = parseCatalogSource(file, text);
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics), model: undefined };
  const result = validateCatalog(source);
  if (result.diagnostics.length > 0 || !result.catalog) return { diagnostics: sortDiagnostics(result.diagnostics), model: undefined };
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { diagnostics: [], model: buildModel(result.catalog, { path: file.split("\\").join("/"), sha256 }) };
}

/** Loads a catalog file into its model; throws CatalogError with every diagnostic when it is invalid. */
export async function loadCatalog(file: string): Promise<CatalogModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file: check the path, or pass --catalog" : (error as Error).message;
    throw new CatalogError([{ file, line: 1, column: 1, rule: "read", message: `cannot read the catalog: ${reason}` }]);
  }
  const { diagnostics, model } = checkCatalogText(file, text);
  if (!model) throw new CatalogError(diagnostics);
  return model;
}
