/**
 * The catalog model: normalized, frozen, the only thing generators read. Each message pattern is
 * parsed once here into segments.
 */
import type { CatalogDocument } from "./schema.js";
import { parsePattern } from "./pattern.js";
import { requestConditionsOf } from "./request-conditions.js";

export type Fault = "client" | "server";

/** The fields every generated runtime reads from the wire message, with their types; the validator requires them. */
export const WIRE_FIELDS_READ = { StatusCode: "int32", ErrorCode: "string", ErrorMessage: "string", RequestId: "string" } as const;

/** A piece of a message pattern: literal text, or a placeholder named by its identifier. */
export type MessageSegment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "placeholder"; readonly name: string; readonly text: string };

export interface Placeholder {
  /** The text between `<` and `>` in the message, e.g. `apiversion value`. */
  readonly text: string;
  /** The identifier generated code uses, e.g. `apiVersion`. */
  readonly name: string;
  readonly description: string;
  readonly example: string;
}

/** Where a fact comes from: a source as the catalog states it, and the file that states it. */
export interface Provenance {
  readonly kind: "vendor-page" | "vendor-sdk" | "observed" | "manual";
  readonly ref: string;
  readonly note?: string;
  /** The catalog or layer file that states the fact (as the catalog's path is shown, posix separators). */
  readonly file: string;
}

/** Where an entry comes from, and where each field a later layer added or changed comes from. */
export interface EntryProvenance {
  /** The source of the layer that defined the entry; undefined when that file names none. */
  readonly source?: Provenance;
  /** Fields that a patch in a later layer set, by field name (`retryable`, `operations`, …). */
  readonly fields: Readonly<Record<string, Provenance>>;
}

/** An operation of the service, as its SDKs name it (Encrypt, GetSecretValue). */
export interface Operation {
  readonly name: string;
  readonly source?: Provenance;
}

/** One file of a layered catalog, in the order the layers stack (lowest first). */
export interface CatalogLayer {
  readonly file: string;
  readonly role: "extends" | "catalog" | "overlay";
}

export interface Link {
  readonly title: string;
  readonly url?: string;
}

export interface CatalogEntry {
  readonly id: string;
  /** The proto enum number: stable forever. */
  readonly number: number;
  readonly httpStatus: number;
  /** The ErrorCode; undefined for a codeless status such as 413. */
  readonly code?: string;
  /** The message pattern as written in the catalog; undefined for a codeless entry. */
  readonly message?: string;
  readonly segments: readonly MessageSegment[];
  readonly placeholders: readonly Placeholder[];
  readonly meaning: string;
  readonly fix: string;
  readonly keyState?: string;
  readonly links: readonly Link[];
  readonly fault: Fault;
  readonly retryable: boolean;
  readonly retryableReason?: string;
  /** The requests that make the server send this entry (request-conditions.ts); empty when the catalog states none. */
  readonly request: readonly RequestCondition[];
  /** The operations that return this entry: the catalog's operations unless the entry names fewer; empty when the catalog lists none. */
  readonly operations: readonly string[];
  readonly provenance: EntryProvenance;
}

/** A request condition; `fills` names the placeholder that the header's value (empty when absent) fills. */
export type RequestCondition =
  | { readonly kind: "header-missing"; readonly header: string; readonly fills?: string }
  | { readonly kind: "header-not-one-of"; readonly header: string; readonly values: readonly string[]; readonly fills?: string }
  /** Absent, empty, or none of the catalog's operations (`operations` holds them). */
  | { readonly kind: "header-not-operation"; readonly header: string; readonly operations: readonly string[]; readonly fills?: string }
  | { readonly kind: "header-not-format"; readonly header: string; readonly format: "rfc1123"; readonly fills?: string }
  | { readonly kind: "header-skew"; readonly header: string; readonly seconds: number; readonly fills?: string }
  | { readonly kind: "body-over-limit"; readonly limit: string; readonly bytes: number };

/** All entries of one error code, in the order a message is matched against them. */
export interface ErrorCodeGroup {
  readonly code: string;
  /** The HTTP statuses its entries answer with (one, in the KMS catalog). */
  readonly httpStatuses: readonly number[];
  readonly entries: readonly CatalogEntry[];
}

export interface StatusSection {
  readonly httpStatus: number;
  readonly title: string;
  readonly text?: string;
  readonly entries: readonly CatalogEntry[];
  readonly source?: Provenance;
}

export interface ServiceInfo {
  readonly name: string;
  readonly title: string;
  readonly vendor?: string;
  readonly introduction: string;
  readonly scope?: string;
  readonly wire: {
    readonly package: string;
    readonly message: string;
    readonly fields: readonly { readonly name: string; readonly number: number; readonly type: "int32" | "string" }[];
  };
  readonly requestHeaders: readonly { readonly name: string; readonly description: string }[];
  readonly limits: Readonly<Record<string, number>>;
  readonly proto: {
    readonly package: string;
    readonly goPackage?: string;
    readonly javaPackage?: string;
    readonly javaMultipleFiles?: boolean;
    readonly csharpNamespace?: string;
    readonly phpNamespace?: string;
  };
  readonly docs: { readonly sync: readonly string[] };
}

export interface CatalogModel {
  readonly source: {
    /** The catalog path as given (posix separators), for headers and messages. */
    readonly path: string;
    /** sha256 of the catalog bytes, hex. */
    readonly sha256: string;
  };
  readonly service: ServiceInfo;
  readonly statuses: readonly StatusSection[];
  /** In catalog order. */
  readonly entries: readonly CatalogEntry[];
  /** In order of first appearance in the catalog. */
  readonly codes: readonly ErrorCodeGroup[];
  readonly reserved: readonly { readonly number: number; readonly id?: string; readonly reason: string }[];
  /** The service's operations, in catalog order (empty when the catalog lists none). */
  readonly operations: readonly Operation[];
  /** The files the catalog was read from: its `extends` layers, itself, its overlays. */
  readonly layers: readonly CatalogLayer[];
}

/** What layers.ts knows beyond the merged document: where each entry, field, status and operation came from. */
export interface LayerProvenance {
  readonly layers: readonly CatalogLayer[];
  /** By entry id. */
  readonly entries: ReadonlyMap<string, EntryProvenance>;
  /** By HTTP status. */
  readonly statuses: ReadonlyMap<number, Provenance>;
  /** By operation name. */
  readonly operations: ReadonlyMap<string, Provenance>;
}

type SourceDoc = { kind: Provenance["kind"]; ref: string; note?: string | undefined } | undefined;

/** A source as the file states it, with the file. */
export function provenanceOf(source: SourceDoc, file: string): Provenance | undefined {
  return source === undefined ? undefined : { kind: source.kind, ref: source.ref, ...(source.note !== undefined ? { note: source.note } : {}), file };
}

/** The provenance of a single-file catalog: every item's own source, or the file's. */
function singleFileProvenance(doc: CatalogDocument, file: string): LayerProvenance {
  return {
    layers: [{ file, role: "catalog" }],
    entries: new Map(doc.errors.map((e) => {
      const source = provenanceOf(e.source ?? doc.source, file);
      return [e.id, { ...(source ? { source } : {}), fields: {} }];
    })),
    statuses: new Map(doc.statuses.flatMap((s) => {
      const p = provenanceOf(s.source ?? doc.source, file);
      return p ? [[s.httpStatus, p] as const] : [];
    })),
    operations: new Map((doc.operations?.names ?? []).flatMap((name) => {
      const p = provenanceOf(doc.operations?.source ?? doc.source, file);
      return p ? [[name, p] as const] : [];
    })),
  };
}

/** Builds the model from a validated catalog document. */
export function buildModel(doc: CatalogDocument, source: { path: string; sha256: string }, layering?: LayerProvenance): CatalogModel {
  const provenance = layering ?? singleFileProvenance(doc, source.path);
  const operationNames = [...new Set(doc.operations?.names ?? [])];
  const entries: CatalogEntry[] = doc.errors.map((e) => {
    const placeholders: Placeholder[] = (e.placeholders ?? []).map((p) => ({
      text: p.text, name: p.name, description: p.description, example: p.example,
    }));
    const segments: MessageSegment[] = e.message === undefined
      ? []
      : parsePattern(e.message).segments.map((s) =>
          s.kind === "literal"
            ? { kind: "literal", text: s.text }
            : { kind: "placeholder", name: placeholders.find((p) => p.text === s.text)!.name, text: s.text });
    return {
      id: e.id,
      number: e.number,
      httpStatus: e.httpStatus,
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.message !== undefined ? { message: e.message } : {}),
      segments,
      placeholders,
      meaning: e.meaning,
      fix: e.fix,
      ...(e.keyState !== undefined ? { keyState: e.keyState } : {}),
      links: (e.links ?? []).map((l) => ({ title: l.title, ...(l.url !== undefined ? { url: l.url } : {}) })),
      fault: e.fault,
      retryable: e.retryable,
      ...(e.retryableReason !== undefined ? { retryableReason: e.retryableReason } : {}),
      request: requestConditionsOf(e.request, doc.service.limits ?? {}, operationNames),
      // In the catalog's order of operations, whatever order the entry lists them in.
      operations: e.operations === undefined ? operationNames : operationNames.filter((o) => e.operations!.includes(o)),
      provenance: provenance.entries.get(e.id) ?? { fields: {} },
    };
  });

  const byId = new Map(entries.map((e) => [e.id, e]));
  const membersByCode = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    if (entry.code === undefined) continue;
    const members = membersByCode.get(entry.code);
    if (members) members.push(entry);
    else membersByCode.set(entry.code, [entry]);
  }
  const tryBefore = new Map<string, string[]>();
  for (const e of doc.errors) for (const target of e.matchBefore ?? []) tryBefore.set(target, [...(tryBefore.get(target) ?? []), e.id]);
  const codes: ErrorCodeGroup[] = [...membersByCode].map(([code, members]) => ({
    code,
    httpStatuses: [...new Set(members.map((e) => e.httpStatus))].sort((a, b) => a - b),
    entries: members.length === 1 ? members : matchOrder(members, tryBefore, byId),
  }));

  const statusNumbers = [...new Set([...doc.statuses.map((s) => s.httpStatus), ...entries.map((e) => e.httpStatus)])].sort((a, b) => a - b);
  const entriesByStatus = new Map<number, CatalogEntry[]>();
  for (const e of entries) {
    const list = entriesByStatus.get(e.httpStatus);
    if (list) list.push(e);
    else entriesByStatus.set(e.httpStatus, [e]);
  }
  const statuses: StatusSection[] = statusNumbers.map((httpStatus) => {
    const s = doc.statuses.find((x) => x.httpStatus === httpStatus);
    return {
      httpStatus,
      title: s?.title ?? `HTTP ${httpStatus}`,
      ...(s?.text !== undefined ? { text: s.text } : {}),
      entries: entriesByStatus.get(httpStatus) ?? [],
      ...(provenance.statuses.has(httpStatus) ? { source: provenance.statuses.get(httpStatus)! } : {}),
    };
  });

  const svc = doc.service;
  const model: CatalogModel = {
    source,
    service: {
      name: svc.name,
      title: svc.title,
      ...(svc.vendor !== undefined ? { vendor: svc.vendor } : {}),
      introduction: svc.introduction,
      ...(svc.scope !== undefined ? { scope: svc.scope } : {}),
      wire: { package: svc.wire.package, message: svc.wire.message, fields: svc.wire.fields.map((f) => ({ name: f.name, number: f.number, type: f.type })) },
      requestHeaders: (svc.requestHeaders ?? []).map((h) => ({ name: h.name, description: h.description })),
      // `-0` reads as 0 in some YAML readers and -0 in others; a limit is the same either way.
      limits: Object.fromEntries(Object.entries(svc.limits ?? {}).map(([k, v]) => [k, v === 0 ? 0 : v])),
      proto: { ...svc.proto },
      docs: { sync: [...(svc.docs?.sync ?? [])] },
    },
    statuses,
    entries,
    codes,
    reserved: (doc.reserved ?? []).map((r) => ({ number: r.number, ...(r.id !== undefined ? { id: r.id } : {}), reason: r.reason })),
    operations: operationNames.map((name) => ({ name, ...(provenance.operations.has(name) ? { source: provenance.operations.get(name)! } : {}) })),
    layers: provenance.layers,
  };
  return deepFreeze(model);
}

/** Orders a code's entries so that every `matchBefore` holds; otherwise catalog order. */
function matchOrder(members: CatalogEntry[], before: Map<string, string[]>, byId: Map<string, CatalogEntry>): CatalogEntry[] {
  const ordered: CatalogEntry[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (entry: CatalogEntry) => {
    if (placed.has(entry.id) || visiting.has(entry.id)) return;
    visiting.add(entry.id);
    for (const id of before.get(entry.id) ?? []) {
      const first = byId.get(id);
      if (first && members.includes(first)) place(first);
    }
    visiting.delete(entry.id);
    placed.add(entry.id);
    ordered.push(entry);
  };
  members.forEach(place);
  return ordered;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
