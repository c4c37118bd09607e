/** out/<service>/catalog.json: the model for consumers in other languages, keys in a stable order. */
import type { CatalogModel } from "../catalog/model.js";
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
    statuses: model.statuses.map((st) => ({
      httpStatus: st.httpStatus,
      title: st.title,
      text: st.text ?? null,
      entries: st.entries.map((e) => e.id),
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
    })),
    reserved: model.reserved.map((r) => ({ number: r.number, id: r.id ?? null, reason: r.reason })),
  };
}
