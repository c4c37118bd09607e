/**
 * Layered catalogs. A catalog may list layer files below it (`extends`: errors shared by several
 * services, such as a gateway's) and above it (`overlays`: what another source adds, such as the
 * vendor's SDKs). The layers merge into one catalog document, which the validator checks as a whole;
 * every entry, status, operation and patched field keeps the source of the layer it came from.
 *
 * Conflicts between layers (an id, number, message, status section or operation defined twice; one
 * code with two statuses; an overlay changing what the vendor's page states) are diagnostics at the
 * later definition that name the earlier one's file and line. Diagnostics of the merged document
 * point into the file each node came from: the files are joined into one virtual text, their YAML
 * nodes' ranges shifted into it, and each position mapped back to its file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, posix, resolve } from "node:path";
import type { Document, LineCounter, Node, Pair, YAMLMap, YAMLSeq } from "yaml";
import * as z from "zod";
import { readYamlFast } from "./fast-yaml.js";
import { diagnosticAt, nodeAt, parseCatalogSource, type CatalogSource, type DataPath } from "./source.js";
import { layerSchema, operationsSchema, sourceSchema, type CatalogDocument } from "./schema.js";
import { shapeDiagnostics, validateCatalog } from "./validate.js";
import { provenanceOf, type CatalogLayer, type EntryProvenance, type LayerProvenance, type Provenance } from "./model.js";
import type { Diagnostic } from "./diagnostics.js";
import type { RuleId } from "./rules.js";
import { closest } from "../suggest.js";

let yamlModule: typeof import("yaml") | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

/** A layer file as read: its label (how diagnostics and provenance name it) and bytes, or why it could not be read. */
export type LayerRead = { readonly file: string; readonly bytes: Uint8Array } | { readonly file: string; readonly error: string };

/** Reads a layer listed in the catalog, by the path written there (relative to the catalog). */
export type LayerReader = (listed: string) => LayerRead;

/** Reads layers from disk, relative to the catalog at `onDisk`; labels are relative to the catalog's label. */
export function diskLayerReader(onDisk: string, label: string): LayerReader {
  return (listed) => {
    const file = layerLabel(label, listed);
    try {
      return { file, bytes: readFileSync(resolve(dirname(onDisk), listed)) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { file, error: code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message };
    }
  };
}

/** The label of a layer listed in the catalog labelled `catalog`: a path relative to the same place (posix). */
export function layerLabel(catalog: string, listed: string): string {
  return posix.normalize(posix.join(posix.dirname(catalog.split("\\").join("/")), listed.split("\\").join("/")));
}

/** Whether a catalog's data lists layers. */
export function isLayered(data: unknown): boolean {
  return typeof data === "object" && data !== null && !Array.isArray(data) && ("extends" in data || "overlays" in data);
}

/** A layer file's shape, with the items that the merged document checks (entries, statuses, reserved, operation names) left open. */
const layerShapeSchema = layerSchema.extend({
  operations: operationsSchema.extend({ names: z.array(z.unknown()).min(1, { error: "names is empty: list the operations, or remove operations" }) }).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
  reserved: z.array(z.unknown()).optional(),
});

interface Layer {
  readonly role: CatalogLayer["role"];
  readonly file: string;
  /** The path as listed in the catalog ("" for the catalog itself): what the content hash names. */
  readonly listed: string;
  readonly text: string;
  readonly data: Record<string, unknown>;
  /** Positioned (on the positioned path only). */
  readonly source?: CatalogSource;
}

/** A conflict found while merging, worded once positions are known. */
interface Conflict {
  readonly layer: number;
  readonly path: DataPath;
  readonly rule: RuleId;
  readonly message: (where: (layer: number, path: DataPath) => string) => string;
}

type Ref = { readonly layer: number; readonly index: number };

interface EntryRef extends Ref {
  /** Patched fields: the layer and index of the patch that set each. */
  readonly patched: Map<string, Ref>;
}

interface Merged {
  readonly data: Record<string, unknown>;
  readonly entries: EntryRef[];
  readonly statuses: Ref[];
  readonly reserved: Ref[];
  readonly operations: Ref[];
  readonly provenance: LayerProvenance;
  readonly conflicts: Conflict[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const arrayAt = (data: Record<string, unknown>, key: string): unknown[] => (Array.isArray(data[key]) ? (data[key] as unknown[]) : []);
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields a vendor's page states, which no overlay may change. */
const VENDOR_FIELDS = ["code", "message", "httpStatus"] as const;

/** The listed layers, lowest first, around the catalog (index of the catalog in the list returned too). */
function listedLayers(data: Record<string, unknown>): { role: "extends" | "overlay"; listed: string; at: DataPath }[] {
  const out: { role: "extends" | "overlay"; listed: string; at: DataPath }[] = [];
  for (const [key, role] of [["extends", "extends"], ["overlays", "overlay"]] as const) {
    arrayAt(data, key).forEach((listed, i) => {
      if (typeof listed === "string" && listed.length > 0) out.push({ role, listed, at: [key, i] });
    });
  }
  return out;
}

function sourceOf(layer: Layer, item: unknown): Provenance | undefined {
  const own = isObject(item) && isObject(item.source) ? item.source : undefined;
  const chosen = (own ?? (isObject(layer.data.source) ? layer.data.source : undefined)) as Parameters<typeof provenanceOf>[0];
  return chosen !== undefined && typeof chosen.ref === "string" && typeof chosen.kind === "string" ? provenanceOf(chosen, layer.file) : undefined;
}

/** Merges the layers (the catalog among them) in stacking order. */
function mergeLayers(layers: readonly Layer[], catalogIndex: number): Merged {
  const conflicts: Conflict[] = [];
  const conflict = (layer: number, path: DataPath, rule: RuleId, message: Conflict["message"]) => conflicts.push({ layer, path, rule, message });
  const entries: { ref: EntryRef; data: Record<string, unknown>; provenance: { source?: Provenance; fields: Record<string, Provenance> } }[] = [];
  const byId = new Map<string, (typeof entries)[number]>();
  const numberOwner = new Map<number, Ref>();
  const messageOwner = new Map<string, Ref>();
  const statusOwner = new Map<number, Ref>();
  const operationOwner = new Map<string, Ref>();
  const statuses: Ref[] = [];
  const reserved: Ref[] = [];
  const operations: Ref[] = [];
  const statusProvenance = new Map<number, Provenance>();
  const operationProvenance = new Map<string, Provenance>();
  const statusData: unknown[] = [];
  const reservedData: unknown[] = [];
  const operationNames: unknown[] = [];
  const idPath = (r: Ref): DataPath => ["errors", r.index, "id"];

  layers.forEach((layer, li) => {
    const d = layer.data;
    // Operations.
    const ops = isObject(d.operations) ? d.operations : undefined;
    const opSource = ops ? sourceOf(layer, ops) : undefined;
    (Array.isArray(ops?.names) ? ops.names : []).forEach((name: unknown, i: number) => {
      const owner = typeof name === "string" ? operationOwner.get(name) : undefined;
      if (owner !== undefined && owner.layer !== li) {
        conflict(li, ["operations", "names", i], "duplicate-operation", (where) =>
          `operation \`${String(name)}\` is already listed in ${where(owner.layer, ["operations", "names", owner.index])}: remove it here`);
        return;
      }
      if (typeof name === "string" && owner === undefined) {
        operationOwner.set(name, { layer: li, index: i });
        if (opSource) operationProvenance.set(name, opSource);
      }
      operations.push({ layer: li, index: i });
      operationNames.push(name);
    });
    // Status sections.
    arrayAt(d, "statuses").forEach((status, i) => {
      const httpStatus = isObject(status) && typeof status.httpStatus === "number" ? status.httpStatus : undefined;
      const owner = httpStatus === undefined ? undefined : statusOwner.get(httpStatus);
      if (owner !== undefined && owner.layer !== li) {
        conflict(li, ["statuses", i, "httpStatus"], "layer-duplicate-status", (where) =>
          `status ${httpStatus} already has a section in ${where(owner.layer, ["statuses", owner.index, "httpStatus"])}: remove this one (its entries may use the status as it is)`);
        return;
      }
      if (httpStatus !== undefined && owner === undefined) {
        statusOwner.set(httpStatus, { layer: li, index: i });
        const p = sourceOf(layer, status);
        if (p) statusProvenance.set(httpStatus, p);
      }
      statuses.push({ layer: li, index: i });
      statusData.push(status);
    });
    // Patches: to entries of the layers below (this layer's own entries are not merged yet).
    const patchedHere = new Map<string, number>();
    arrayAt(d, "patches").forEach((patch, i) => {
      if (!isObject(patch) || typeof patch.id !== "string") return;
      const id = patch.id;
      const target = byId.get(id);
      if (target === undefined) {
        const own = arrayAt(d, "errors").some((e) => isObject(e) && e.id === id);
        const suggestion = closestId(id, [...byId.keys()]);
        conflict(li, ["patches", i, "id"], "layer-unknown-entry", () => own
          ? `this patch names \`${id}\`, an entry of this same file: a patch changes entries of the layers below it; change the entry itself`
          : `this patch names \`${id}\`, which no layer below defines: ${suggestion ? `did you mean \`${suggestion}\`?` : "fix the id, or add the entry under errors"}`);
        return;
      }
      const earlier = patchedHere.get(id);
      if (earlier !== undefined) {
        conflict(li, ["patches", i, "id"], "layer-duplicate-patch", (where) =>
          `entry \`${id}\` is already patched in this file at ${where(li, ["patches", earlier, "id"])}: merge the two patches into one`);
        return;
      }
      patchedHere.set(id, i);
      const patchSource = sourceOf(layer, patch);
      for (const [key, value] of Object.entries(patch)) {
        if (key === "id" || key === "source") continue;
        const current = target.provenance.fields[key] ?? target.provenance.source;
        if ((VENDOR_FIELDS as readonly string[]).includes(key) && current?.kind === "vendor-page" && !sameValue(target.data[key], value)) {
          const from = target.ref.patched.get(key);
          conflict(li, ["patches", i, key], "layer-vendor-fact", (where) =>
            `this patch changes the ${key === "httpStatus" ? "status" : key} of \`${id}\`, which the vendor's page states (${where(from?.layer ?? target.ref.layer, from ? ["patches", from.index, key] : ["errors", target.ref.index, key])}): an overlay cannot change it; if the server sends something else, add it as a new entry with \`source: { kind: observed, … }\``);
          continue;
        }
        target.data = { ...target.data, [key]: value };
        target.ref.patched.set(key, { layer: li, index: i });
        if (patchSource) target.provenance.fields[key] = patchSource;
      }
    });
    // New entries.
    arrayAt(d, "errors").forEach((item, i) => {
      const ref: EntryRef = { layer: li, index: i, patched: new Map() };
      if (isObject(item)) {
        const sameAs = (owner: Ref | undefined) => owner !== undefined && owner.layer !== li;
        const id = typeof item.id === "string" ? item.id : undefined;
        const first = id === undefined ? undefined : byId.get(id);
        if (first !== undefined && first.ref.layer !== li) {
          conflict(li, ["errors", i, "id"], "layer-duplicate-id", (where) =>
            `entry \`${id}\` is already defined in ${where(first.ref.layer, idPath(first.ref))}: change that entry with a patch (\`patches: [{ id: ${id}, … }]\`), or give this one another id`);
          return;
        }
        const number = typeof item.number === "number" ? item.number : undefined;
        const numberFirst = number === undefined ? undefined : numberOwner.get(number);
        if (sameAs(numberFirst)) {
          conflict(li, ["errors", i, "number"], "layer-duplicate-number", (where) =>
            `number ${number} is already used in ${where(numberFirst!.layer, ["errors", numberFirst!.index, "number"])}: use a number no layer uses`);
          return;
        }
        const key = typeof item.code === "string" && typeof item.message === "string" ? `${item.code}\u0000${item.message}` : undefined;
        const messageFirst = key === undefined ? undefined : messageOwner.get(key);
        if (sameAs(messageFirst)) {
          conflict(li, ["errors", i, "message"], "layer-duplicate-message", (where) =>
            `code \`${String(item.code)}\` already has this message in ${where(messageFirst!.layer, ["errors", messageFirst!.index, "message"])}: remove this entry, or change that one with a patch`);
          return;
        }
        if (id !== undefined && first === undefined) {
          const p = sourceOf(layer, item);
          const merged = { ref, data: item, provenance: { ...(p ? { source: p } : {}), fields: {} } };
          byId.set(id, merged);
          entries.push(merged);
        } else entries.push({ ref, data: item, provenance: { fields: {} } });
        if (number !== undefined && numberFirst === undefined) numberOwner.set(number, ref);
        if (key !== undefined && messageFirst === undefined) messageOwner.set(key, ref);
        return;
      }
      entries.push({ ref, data: item as Record<string, unknown>, provenance: { fields: {} } });
    });
    arrayAt(d, "reserved").forEach((r, i) => {
      reserved.push({ layer: li, index: i });
      reservedData.push(r);
    });
  });

  // One code, one status across layers: the first layer that gives the code a status sets it.
  const statusOfCode = new Map<string, { status: number; at: Ref; path: DataPath }>();
  for (const e of entries) {
    const code = e.data.code;
    const status = e.data.httpStatus;
    if (typeof code !== "string" || typeof status !== "number") continue;
    const patch = e.ref.patched.get("httpStatus");
    const at: Ref = patch ?? e.ref;
    const path: DataPath = patch ? ["patches", patch.index, "httpStatus"] : ["errors", e.ref.index, "httpStatus"];
    const first = statusOfCode.get(code);
    if (first === undefined) statusOfCode.set(code, { status, at, path });
    else if (first.status !== status && first.at.layer !== at.layer) {
      conflict(at.layer, path, "layer-code-status", (where) =>
        `code \`${code}\` answers with status ${first.status} in ${where(first.at.layer, first.path)}, but with ${status} here: one code has one status across layers; use ${first.status}`);
    }
  }

  const catalog = layers[catalogIndex]!.data;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(catalog)) data[key] = value;
  const merged = (key: string, items: unknown[]) => {
    if (items.length > 0 || key in catalog) data[key] = key in catalog && !Array.isArray(catalog[key]) && items.length === 0 ? catalog[key] : items;
  };
  merged("statuses", statusData);
  merged("errors", entries.map((e) => e.data));
  merged("reserved", reservedData);
  if (operationNames.length > 0 || "operations" in catalog) {
    const own = catalog.operations;
    data.operations = isObject(own) || operationNames.length > 0
      ? { ...(isObject(own) ? own : {}), names: operationNames }
      : own;
  }

  const entryProvenance = new Map<string, EntryProvenance>();
  for (const e of entries) if (typeof e.data.id === "string" && !entryProvenance.has(e.data.id)) entryProvenance.set(e.data.id, e.provenance);
  return {
    data,
    entries: entries.map((e) => e.ref),
    statuses,
    reserved,
    operations,
    provenance: {
      layers: layers.map((l) => ({ file: l.file, role: l.role })),
      entries: entryProvenance,
      statuses: statusProvenance,
      operations: operationProvenance,
    },
    conflicts,
  };
}

/** The id nearest a misspelt one, when close enough to be meant. */
function closestId(word: string, candidates: readonly string[]): string | undefined {
  return closest(word, candidates, Math.max(2, Math.floor(word.length / 4)) + 1);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The layers of a catalog, read with `read`; `parse` reads each file's data (undefined: it cannot vouch for it). */
function readLayers(
  catalog: Omit<Layer, "role" | "listed"> & { readonly source?: CatalogSource },
  reader: LayerReader,
  parse: (file: string, text: string) => { data: unknown; source?: CatalogSource; diagnostics: Diagnostic[] } | undefined,
): { layers: Layer[]; catalogIndex: number; diagnostics: Diagnostic[] } | undefined {
  const diagnostics: Diagnostic[] = [];
  const at = (path: DataPath, rule: RuleId, message: string) =>
    diagnostics.push(catalog.source ? diagnosticAt(catalog.source, path, rule, message) : { file: catalog.file, line: 1, column: 1, rule, message });
  const below: Layer[] = [];
  const above: Layer[] = [];
  const seen = new Map<string, DataPath>([[posix.normalize(catalog.file.split("\\").join("/")), []]]);
  for (const { role, listed, at: where } of listedLayers(catalog.data)) {
    const read = reader(listed);
    const previous = seen.get(read.file);
    if (previous !== undefined) {
      at(where, "layer-listed-twice", previous.length === 0
        ? `\`${listed}\` is this catalog itself: a catalog cannot be its own layer; remove it`
        : `\`${listed}\` is already listed as ${previous.join("[")}]: a layer is applied once; remove this listing`);
      continue;
    }
    seen.set(read.file, where);
    if ("error" in read) {
      at(where, "layer-read", `cannot read layer \`${listed}\` (${read.file}): ${read.error}; check the path, which is relative to this catalog`);
      continue;
    }
    const text = decodeUtf8(read.bytes);
    if (text === undefined) {
      at(where, "layer-read", `layer \`${listed}\` is not valid UTF-8: save it as UTF-8, since messages must reach the output as the server sends them`);
      continue;
    }
    const parsed = parse(read.file, text);
    if (parsed === undefined) return undefined;
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.length > 0 && parsed.data === undefined) continue;
    if (!isObject(parsed.data)) {
      diagnostics.push({ file: read.file, line: 1, column: 1, rule: "schema", message: "this layer is empty or not a mapping of keys: start it with `errcat: 1` and `source:`, then the errors, statuses or patches it adds" });
      continue;
    }
    if ("service" in parsed.data) {
      diagnostics.push(parsed.source
        ? diagnosticAt(parsed.source, ["service"], "layer-is-catalog", `\`${listed}\` is a whole catalog (it has a service), listed as a layer: list a layer file (errcat, source, and errors, statuses or patches), or remove the listing`, { which: "key" })
        : { file: read.file, line: 1, column: 1, rule: "layer-is-catalog", message: "a whole catalog listed as a layer: list a layer file" });
      continue;
    }
    const layer: Layer = { role, file: read.file, listed, text, data: parsed.data, ...(parsed.source ? { source: parsed.source } : {}) };
    (role === "extends" ? below : above).push(layer);
  }
  const self: Layer = { role: "catalog", listed: "", ...catalog };
  return { layers: [...below, self, ...above], catalogIndex: below.length, diagnostics };
}

/** The merged document with positions: every file in one virtual text, the catalog first, nodes shifted into it. */
interface MergedSource {
  readonly source: CatalogSource & { readonly describeLine: (line: number) => string };
  /** Maps a diagnostic of the merged document back to its file. */
  readonly remap: (d: Diagnostic) => Diagnostic;
}

function mergedSource(catalogFile: string, layers: readonly Layer[], catalogIndex: number, merged: Merged): MergedSource {
  const Y = yaml();
  const order = [catalogIndex, ...layers.map((_, i) => i).filter((i) => i !== catalogIndex)];
  let text = "";
  const startLine = new Map<number, number>();
  const starts: { line: number; layer: number }[] = [];
  let line = 1;
  for (const li of order) {
    const t = layers[li]!.text.endsWith("\n") || layers[li]!.text.length === 0 ? layers[li]!.text : `${layers[li]!.text}\n`;
    const offset = text.length;
    startLine.set(li, line);
    starts.push({ line, layer: li });
    shiftRanges(layers[li]!.source!.document, offset);
    text += t;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) line += 1;
  }
  const lineCounter: LineCounter = new Y.LineCounter();
  lineCounter.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 && i + 1 < text.length) lineCounter.addNewLine(i + 1);
  const locate = (virtualLine: number) => {
    let found = starts[0]!;
    for (const s of starts) if (s.line <= virtualLine) found = s;
    return { layer: found.layer, line: virtualLine - found.line + 1 };
  };

  const nodeOf = (layer: number, path: DataPath) => nodeAt(layers[layer]!.source!, path).node;
  const pairOf = (layer: number, path: DataPath, key: string): Pair | undefined => {
    const map = nodeOf(layer, path);
    return Y.isMap(map) ? (map.items as Pair[]).find((p) => Y.isScalar(p.key) && String(p.key.value) === key) : undefined;
  };
  const seqOf = (refs: readonly Ref[], key: string, build?: (r: Ref) => unknown) => {
    const seq = new Y.YAMLSeq() as YAMLSeq;
    for (const r of refs) seq.items.push((build ? build(r) : nodeOf(r.layer, [key, r.index])) as Node);
    return seq;
  };
  const entryNode = (r: Ref) => {
    const ref = r as EntryRef;
    const base = nodeOf(ref.layer, ["errors", ref.index]);
    if (ref.patched.size === 0 || !Y.isMap(base)) return base;
    const map = new Y.YAMLMap() as YAMLMap;
    map.range = base.range;
    for (const p of base.items as Pair[]) if (!(Y.isScalar(p.key) && ref.patched.has(String(p.key.value)))) map.items.push(p);
    for (const [key, at] of ref.patched) {
      const pair = pairOf(at.layer, ["patches", at.index], key);
      if (pair) map.items.push(pair);
    }
    return map;
  };

  const catalogDoc = layers[catalogIndex]!.source!.document;
  const root = new Y.YAMLMap() as YAMLMap;
  const catalogRoot = catalogDoc.contents;
  if (Y.isMap(catalogRoot)) root.range = catalogRoot.range;
  const replaced: Record<string, () => unknown> = {
    statuses: () => seqOf(merged.statuses, "statuses"),
    errors: () => seqOf(merged.entries, "errors", entryNode),
    reserved: () => seqOf(merged.reserved, "reserved"),
    operations: () => {
      const own = nodeOf(catalogIndex, ["operations"]);
      if (merged.operations.length === 0) return own;
      const map = new Y.YAMLMap() as YAMLMap;
      if (Y.isMap(own)) {
        map.range = own.range;
        for (const p of own.items as Pair[]) if (!(Y.isScalar(p.key) && p.key.value === "names")) map.items.push(p);
      }
      const names = new Y.YAMLSeq() as YAMLSeq;
      for (const r of merged.operations) names.items.push(nodeOf(r.layer, ["operations", "names", r.index]) as Node);
      map.items.push(new Y.Pair(new Y.Scalar("names"), names));
      return map;
    },
  };
  const done = new Set<string>();
  for (const p of Y.isMap(catalogRoot) ? (catalogRoot.items as Pair[]) : []) {
    const key = Y.isScalar(p.key) ? String(p.key.value) : undefined;
    if (key !== undefined && key in replaced && key in merged.data) {
      root.items.push(new Y.Pair(p.key, replaced[key]!()));
      done.add(key);
    } else root.items.push(p);
  }
  for (const key of Object.keys(replaced)) if (!done.has(key) && key in merged.data) root.items.push(new Y.Pair(new Y.Scalar(key), replaced[key]!()));
  const document = new Y.Document() as Document.Parsed;
  document.contents = root as Document.Parsed["contents"];

  const describeLine = (virtualLine: number) => {
    const at = locate(virtualLine);
    return `${at.line} of ${layers[at.layer]!.file}`;
  };
  return {
    source: { file: catalogFile, text, data: merged.data, document, lineCounter, describeLine },
    remap: (d) => {
      const at = locate(d.line);
      return { ...d, file: layers[at.layer]!.file, line: at.line };
    },
  };
}

function shiftRanges(document: Document.Parsed, offset: number): void {
  if (offset === 0) return;
  yaml().visit(document, {
    Node(_key, node) {
      if (node.range) node.range = [node.range[0] + offset, node.range[1] + offset, node.range[2] + offset];
    },
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (key && yaml().isNode(key) && key.range) key.range = [key.range[0] + offset, key.range[1] + offset, key.range[2] + offset];
    },
  });
}

export interface LayeredResult {
  readonly diagnostics: Diagnostic[];
  readonly document?: CatalogDocument;
  readonly provenance?: LayerProvenance;
  /** Every layer's path as listed and text, in stacking order, for the content hash. */
  readonly texts?: readonly { listed: string; text: string }[];
}

/**
 * The fast path: every layer read without positions, merged and validated; undefined at the first
 * problem of any kind, and the caller checks again with positions (checkLayeredPositioned).
 */
export function checkLayeredFast(file: string, text: string, data: Record<string, unknown>, reader: LayerReader): LayeredResult | undefined {
  const read = readLayers({ file, text, data }, reader, (_f, t) => {
    const r = readYamlFast(t);
    return r && isObject(r.data) && !("service" in r.data) && layerShapeSchema.safeParse(r.data).success ? { data: r.data, diagnostics: [] } : undefined;
  });
  if (read === undefined || read.diagnostics.length > 0) return undefined;
  const merged = mergeLayers(read.layers, read.catalogIndex);
  if (merged.conflicts.length > 0) return undefined;
  // A rule asks for positions only to report a problem, and any problem sends the caller to the positioned path.
  let empty: CatalogSource | undefined;
  const placeholder = () => (empty ??= parseCatalogSource(file, "").source);
  const source: CatalogSource = {
    file,
    text: "",
    data: merged.data,
    get document() {
      return placeholder().document;
    },
    get lineCounter() {
      return placeholder().lineCounter;
    },
  };
  const result = validateCatalog(source);
  if (result.diagnostics.length > 0 || !result.catalog) return undefined;
  return { diagnostics: [], document: result.catalog, provenance: merged.provenance, texts: read.layers.map((l) => ({ listed: l.listed, text: l.text })) };
}

/** The positioned path: each file's problems, the conflicts between layers, and the merged document's, each in its own file. */
export function checkLayeredPositioned(catalog: CatalogSource, reader: LayerReader): LayeredResult {
  const located = positionedMerge(catalog, reader);
  if ("diagnostics" in located) return { diagnostics: located.diagnostics };
  const { layers, merged, source } = located;
  const result = validateCatalog(source.source);
  const diagnostics = [...located.conflicts, ...result.diagnostics.map(source.remap)];
  if (diagnostics.length > 0 || !result.catalog) return { diagnostics };
  return { diagnostics: [], document: result.catalog, provenance: merged.provenance, texts: layers.map((l) => ({ listed: l.listed, text: l.text })) };
}

/** Reads, checks and merges the layers with positions; returns the per-file problems when there are any. */
function positionedMerge(catalog: CatalogSource, reader: LayerReader):
  | { diagnostics: Diagnostic[] }
  | { layers: Layer[]; merged: Merged; source: MergedSource; conflicts: Diagnostic[] } {
  const data = catalog.data as Record<string, unknown>;
  const read = readLayers({ file: catalog.file, text: catalog.text, data, source: catalog }, reader, (f, t) => {
    const parsed = parseCatalogSource(f, t);
    if (parsed.diagnostics.length > 0) return { data: undefined, diagnostics: parsed.diagnostics.map((d) => ({ ...d, rule: d.rule })) };
    const shape = isObject(parsed.source.data) && !("service" in parsed.source.data) ? shapeDiagnostics(parsed.source, layerShapeSchema) : [];
    return { data: parsed.source.data, source: parsed.source, diagnostics: shape };
  })!;
  if (read.diagnostics.length > 0) return { diagnostics: read.diagnostics };
  const merged = mergeLayers(read.layers, read.catalogIndex);
  const where = (layer: number, path: DataPath) => {
    const d = diagnosticAt(read.layers[layer]!.source!, path, "", "");
    return `${d.file}:${d.line}`;
  };
  const conflicts = merged.conflicts.map((c) => diagnosticAt(read.layers[c.layer]!.source!, c.path, c.rule, c.message(where)));
  return { layers: read.layers, merged, source: mergedSource(catalog.file, read.layers, read.catalogIndex, merged), conflicts };
}

/** Where a data path of a layered catalog's merged document is, in its own file (for rules run after loading). */
export function locateInLayers(catalog: CatalogSource, reader: LayerReader): ((path: DataPath, rule: string, message: string) => Diagnostic) | undefined {
  const located = positionedMerge(catalog, reader);
  if ("diagnostics" in located) return undefined;
  return (path, rule, message) => ({ ...located.source.remap(diagnosticAt(located.source.source, path, "", message)), rule });
}
