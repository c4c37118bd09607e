/** Loading a catalog file: read, parse with positions, validate, build the model. */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { readYamlFast } from "./fast-yaml.js";
import { parseCatalogSource, type CatalogSource } from "./source.js";
import { validateCatalog } from "./validate.js";
import { buildModel, type CatalogModel } from "./model.js";
import { CatalogError, sortDiagnostics, type Diagnostic } from "./diagnostics.js";

export type { CatalogModel } from "./model.js";

export interface CheckOptions {
  /**
   * Try the fast path first (default): read the YAML without positions, which costs a fraction of the
   * time and memory, and fall back to the positioned path at the first problem of any kind.
   */
  readonly fast?: boolean;
}

/** Checks a catalog's text; returns its diagnostics and, when there are none, its model. */
export function checkCatalogText(file: string, text: string, options: CheckOptions = {}): { diagnostics: Diagnostic[]; model: CatalogModel | undefined } {
  if (options.fast !== false) {
    const model = fastModel(file, text);
    if (model) return { diagnostics: [], model };
  }
  const { source, diagnostics } = parseCatalogSource(file, text);
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics), model: undefined };
  const result = validateCatalog(source);
  if (result.diagnostics.length > 0 || !result.catalog) return { diagnostics: sortDiagnostics(result.diagnostics), model: undefined };
  return { diagnostics: [], model: buildModel(result.catalog, sourceInfo(file, text)) };
}

function sourceInfo(file: string, text: string): { path: string; sha256: string } {
  return { path: file.split("\\").join("/"), sha256: createHash("sha256").update(text).digest("hex") };
}

/**
 * The fast path: js-yaml (fast-yaml.ts: YAML 1.2 core, duplicate keys rejected) reads the data; the catalog is
 * validated as usual; the positioned document is parsed only if a rule asks where something is. Any
 * YAML error or diagnostic returns undefined, and the caller re-checks with positions, so every reported
 * diagnostic comes from the positioned path. A test checks that both paths agree on mutated catalogs.
 */
function fastModel(file: string, text: string): CatalogModel | undefined {
  const read = readYamlFast(text);
  if (!read) return undefined;
  const data = read.data;
  let positioned: CatalogSource | undefined;
  const located = () => (positioned ??= parseCatalogSource(file, text).source);
  const source: CatalogSource = {
    file,
    text,
    data,
    get document() {
      return located().document;
    },
    get lineCounter() {
      return located().lineCounter;
    },
  };
  const result = validateCatalog(source);
  if (result.diagnostics.length > 0 || !result.catalog) return undefined;
  return buildModel(result.catalog, sourceInfo(file, text));
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
