/** Writes an imported catalog as YAML through yaml's Document API, so every string is quoted as YAML needs. */
import { Document, isMap, isScalar, isSeq, type Scalar } from "yaml";
import type { CatalogDocument } from "../catalog/schema.js";

export function catalogYaml(catalog: CatalogDocument, source: string): string {
  const doc = new Document(catalog);
  doc.commentBefore = [
    ` Imported by \`errcat import markdown\` from ${source}.`,
    " Review before use: ids, placeholder names, descriptions and examples are derived from the page's",
    " text; `retryable` is not on the page, so every entry says false until a human decides.",
  ].join("\n");
  const errors = doc.get("errors", true);
  if (isSeq(errors)) {
    for (const [index, item] of errors.items.entries()) {
      if (!isMap(item)) continue;
      item.spaceBefore = index > 0;
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === "retryable");
      if (pair) (pair.key as Scalar).commentBefore = " Not on the vendor's page: a human decides whether a retry can succeed.";
    }
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) if (isScalar(pair.key) && pair.key.value !== "errcat") pair.key.spaceBefore = true;
  }
  return doc.toString({ lineWidth: 0 });
}
