/** Loading a catalog file: read, parse with positions, validate, build the model. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createHash } from "node:crypto";
import { readYamlFast } from "./fast-yaml.js";
import { diagnosticAt, parseCatalogSource, type CatalogSource, type DataPath } from "./source.js";
import { validateCatalog } from "./validate.js";
import { buildModel, type CatalogModel } from "./model.js";
import { CatalogError, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { decodeUtf8Strictly } from "./utf8.js";
import { checkLayeredFast, checkLayeredPositioned, diskLayerReader, isLayered, locateInLayers, type LayerReader, type LayeredResult } from "./layers.js";

export type { CatalogModel } from "./model.js";
export { diskLayerReader, layerLabel, type LayerReader } from "./layers.js";

/** How an `encoding` diagnostic on a catalog ends. */
const CATALOG_ENCODING_FIX = "save the catalog as UTF-8, since messages must reach the output as the server sends them";

export interface CheckOptions {
  /**
   * Try the fast path first (default): read the YAML without positions, which costs a fraction of the
   * time and memory, and fall back to the positioned path at the first problem of any kind.
   */
  readonly fast?: boolean;
  /**
   * Reads the layers the catalog lists under `extends` and `overlays` (default: from disk, relative to
   * the catalog's path). errcat diff reads them at a git revision.
   */
  readonly readLayer?: LayerReader;
}

/** Checks a catalog's text; returns its diagnostics and, when there are none, its model. */
export function checkCatalogText(file: string, text: string, options: CheckOptions = {}): { diagnostics: Diagnostic[]; model: CatalogModel | undefined } {
  const reader = options.readLayer ?? diskLayerReader(file, file);
  if (options.fast !== false) {
    const model = fastModel(file, text, reader);
    if (model) return { diagnostics: [], model };
  }
  const { source, diagnostics } = parseCatalogSource(file, text);
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics), model: undefined };
  if (isLayered(source.data)) {
    const layered = checkLayeredPositioned(source, reader);
    if (layered.diagnostics.length > 0 || !layered.document) return { diagnostics: sortDiagnostics(layered.diagnostics), model: undefined };
    return { diagnostics: [], model: layeredModel(file, text, layered, reader) };
  }
  const result = validateCatalog(source);
  if (result.diagnostics.length > 0 || !result.catalog) return { diagnostics: sortDiagnostics(result.diagnostics), model: undefined };
  return { diagnostics: [], model: remember(buildModel(result.catalog, sourceInfo(file, text)), file, text) };
}

// Where each model came from, so that rules run after loading (a target's) can still point into the file.
const origins = new WeakMap<CatalogModel, { file: string; text: string; reader?: LayerReader; locate?: ((path: DataPath, rule: string, message: string) => Diagnostic) | undefined }>();

function remember(model: CatalogModel, file: string, text: string, reader?: LayerReader): CatalogModel {
  origins.set(model, { file, text, ...(reader ? { reader } : {}) });
  return model;
}

/** A diagnostic at a data path of the catalog a model was loaded from (parsed with positions on first use), in the layer file the path comes from. */
export function diagnosticInCatalog(model: CatalogModel, path: DataPath, rule: string, message: string): Diagnostic {
  const origin = origins.get(model);
  if (!origin) return { file: model.source.path, line: 1, column: 1, rule, message };
  if (!origin.locate) {
    const source = parseCatalogSource(origin.file, origin.text).source;
    origin.locate = (origin.reader ? locateInLayers(source, origin.reader) : undefined)
      ?? ((p, r, m) => ({ ...diagnosticAt(source, p, "", m), rule: r }));
  }
  return origin.locate(path, rule, message);
}

/** The model of a layered catalog; its hash covers every layer, named as the catalog lists it. */
function layeredModel(file: string, text: string, layered: LayeredResult, reader: LayerReader): CatalogModel {
  const hash = createHash("sha256");
  for (const layer of layered.texts ?? []) hash.update(`${layer.listed}\u0000${layer.text.replace(/\r\n/g, "\n")}\u0000`);
  const info = { path: file.split("\\").join("/"), sha256: hash.digest("hex") };
  return remember(buildModel(layered.document!, info, layered.provenance), file, text, reader);
}

function sourceInfo(file: string, text: string): { path: string; sha256: string } {
  // Hashed with LF line ends: a checkout with CRLF (git's autocrlf) is the same catalog.
  return { path: file.split("\\").join("/"), sha256: createHash("sha256").update(text.replace(/\r\n/g, "\n")).digest("hex") };
}

/**
 * The fast path: js-yaml (fast-yaml.ts: YAML 1.2 core, duplicate keys rejected) reads the data; the catalog is
 * validated as usual; the positioned document is parsed only if a rule asks where something is. Any
 * YAML error or diagnostic returns undefined, and the caller re-checks with positions, so every reported
 * diagnostic comes from the positioned path. A test checks that both paths agree on mutated catalogs.
 */
function fastModel(file: string, text: string, reader: LayerReader): CatalogModel | undefined {
  const read = readYamlFast(text);
  if (!read) return undefined;
  const data = read.data;
  if (isLayered(data)) {
    const layered = checkLayeredFast(file, text, data as Record<string, unknown>, reader);
    return layered ? layeredModel(file, text, layered, reader) : undefined;
  }
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
  return remember(buildModel(result.catalog, sourceInfo(file, text)), file, text);
}

/** Checks a catalog file's bytes: strict UTF-8 first (a replaced byte would not be what the server sends), then its text. */
export function checkCatalogBytes(file: string, bytes: Uint8Array, options: CheckOptions = {}): { diagnostics: Diagnostic[]; model: CatalogModel | undefined } {
  const decoded = decodeUtf8Strictly(file, bytes, CATALOG_ENCODING_FIX);
  if ("diagnostic" in decoded) return { diagnostics: [decoded.diagnostic], model: undefined };
  return checkCatalogText(file, decoded.text, options);
}

/** Loads a catalog file into its model; throws CatalogError with every diagnostic when it is invalid. */
export async function loadCatalog(file: string, baseDir?: string): Promise<CatalogModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(baseDir === undefined ? file : resolve(baseDir, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file: check the path, or pass --catalog" : code === "EISDIR" ? "it is a folder: name the catalog's .yaml file" : (error as Error).message;
    throw new CatalogError([{ file, line: 1, column: 1, rule: "read", message: `cannot read the catalog: ${reason}` }]);
  }
  const onDisk = baseDir === undefined ? file : resolve(baseDir, file);
  const { diagnostics, model } = checkCatalogBytes(file, bytes, { readLayer: diskLayerReader(onDisk, file) });
  if (!model) throw new CatalogError(diagnostics);
  return model;
}
