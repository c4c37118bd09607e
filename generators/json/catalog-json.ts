/** out/<service>/catalog.json: the model for consumers in other languages, keys in a stable order. */
import type { CatalogModel, Provenance } from "../catalog/model.js";
import { jsonText } from "../emit/generated-file.js";
import { defineTarget, readOptions } from "../target/define-target.js";

export const jsonTarget = defineTarget({
  name: "json",
  description: "catalog.json: the whole model as JSON, for tools and SDKs in any language",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  generate: ({ model, preamble }) => [{ path: "catalog.json", contents: jsonText(catalogJson(model, preamble)) }],
});

export function catalogJson(model: CatalogModel, preamble: string): unknown {
  const s = model.service;
  return {
    "@generated": preamble,
    formatVersion: 1,
    service: {
      name: s.name,
      title: s.title,
      vendor: s.vendor ?? null,
      introduction: s.introduction,
      scope: s.scope ?? null,
      wire: { package: s.wire.package, message: s.wire.message, fields: s.wire.fields.map((f) => ({ name: f.name, number: f.number, type: f.type })) },
      requestHeaders: s.requestHeaders.map((h) => ({ name: h.name, description: h.description })),
      limits: Object.fromEntries(Object.keys(s.limits).sort().map((k) => [k, s.limits[k]])),
    },
    // The files the catalog was read from, lowest layer first, and the operations entries name.
    layers: model.layers.map((l) => ({ file: l.file, role: l.role })),
    operations: model.operations.map((o) => ({ name: o.name, source: sourceJson(o.source) })),
    statuses: model.statuses.map((st) => ({
      httpStatus: st.httpStatus,
      title: st.title,
      text: st.text ?? null,
      entries: st.entries.map((e) => e.id),
      source: sourceJson(st.source),
    })),
    codes: model.codes.map((c) => ({ code: c.code, httpStatuses: c.httpStatuses, entries: c.entries.map((e) => e.id) })),
    entries: model.entries.map((e) => ({
      id: e.id,
      number: e.number,
      httpStatus: e.httpStatus,
      code: e.code ?? null,
      message: e.message ?? null,
      segments: e.segments.map((seg) => (seg.kind === "literal" ? { kind: seg.kind, text: seg.text } : { kind: seg.kind, name: seg.name, text: seg.text })),
      placeholders: e.placeholders.map((p) => ({ name: p.name, text: p.text, description: p.description, example: p.example })),
      meaning: e.meaning,
      fix: e.fix,
      keyState: e.keyState ?? null,
      links: e.links.map((l) => ({ title: l.title, url: l.url ?? null })),
      fault: e.fault,
      retryable: e.retryable,
      retryableReason: e.retryableReason ?? null,
      operations: e.operations,
      // Where the entry comes from, and where each field a later layer changed comes from.
      source: sourceJson(e.provenance.source),
      fieldSources: Object.fromEntries(Object.keys(e.provenance.fields).sort().map((k) => [k, sourceJson(e.provenance.fields[k])])),
    })),
    reserved: model.reserved.map((r) => ({ number: r.number, id: r.id ?? null, reason: r.reason })),
  };
}

function sourceJson(p: Provenance | undefined): { kind: string; ref: string; note: string | null; file: string } | null {
  return p === undefined ? null : { kind: p.kind, ref: p.ref, note: p.note ?? null, file: p.file };
}
