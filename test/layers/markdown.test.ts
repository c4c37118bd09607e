/**
 * The per-operation table and the provenance lines that the reference page embeds: exact Markdown for
 * the KMS catalog, links only to entries' anchors, nothing for a catalog without operations or sources.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCatalogText, loadCatalog, type CatalogModel } from "../../generators/catalog/index.js";
import { operationsMarkdown } from "../../generators/markdown/operations.js";
import { provenanceMarkdown } from "../../generators/markdown/provenance.js";

let model: CatalogModel;
beforeAll(async () => {
  model = await loadCatalog("catalog/kms.yaml");
});

describe("operationsMarkdown", () => {
  it("has a row per operation: GenerateRandom cannot return the key errors, Encrypt returns all", () => {
    const md = operationsMarkdown(model);
    const lines = md.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "## Errors by operation",
      "",
      "Every operation can return every error on this page (24), except those an error's entry excludes: 6 errors name the operations that return them.",
      "",
      "| Operation | Errors it can return | Errors it cannot return |",
      "| --- | --- | --- |",
    ]);
    expect(lines).toContain("| `Encrypt` | all 24 | none |");
    expect(lines).toContain("| `GenerateRandom` | 18 of 24 | [Forbidden.KeyNotFound](#key-not-found-in-system), [Rejected.PendingDeletion](#rejected-pending-deletion), [Rejected.Disabled](#rejected-disabled), [Rejected.PendingImport](#rejected-pending-import) |");
    expect(lines.filter((l) => l.startsWith("| `"))).toHaveLength(15);
    const ids = new Set(model.entries.map((e) => e.id));
    for (const [, anchor] of md.matchAll(/\]\(#([^)]+)\)/g)) expect(ids.has(anchor!), anchor).toBe(true);
  });

  it("lists single messages where an operation cannot return only some of a code's", () => {
    const yaml = `${readFileSync("test/layers/good/operation-names-a-class.yaml", "utf8")}  - id: unauthorized-twice\n    number: 2\n    httpStatus: 401\n    code: Unauthorized\n    message: Not allowed twice.\n    meaning: Not allowed.\n    fix: Ask for access.\n    fault: client\n    retryable: false\n`;
    const { model: m, diagnostics } = checkCatalogText("two.yaml", yaml);
    expect(diagnostics).toEqual([]);
    expect(operationsMarkdown(m!, { headingLevel: 3, anchor: (e) => `e-${e.id}` }).split("\n")).toEqual([
      "### Errors by operation",
      "",
      "Every operation can return every error on this page (2), except those an error's entry excludes: 1 error names the operations that return it.",
      "",
      "| Operation | Errors it can return | Errors it cannot return |",
      "| --- | --- | --- |",
      "| `Unauthorized` | 1 of 2 | [unauthorized](#e-unauthorized) ([Unauthorized](#e-unauthorized)) |",
      "| `Encrypt` | all 2 | none |",
      "",
    ]);
  });

  it("is empty for a catalog that lists no operations", () => {
    const yaml = readFileSync("test/layers/good/operation-names-a-class.yaml", "utf8").replace("operations:\n  names: [Unauthorized, Encrypt]\n", "").replace("    operations: [Encrypt]\n", "");
    const { model: m } = checkCatalogText("none.yaml", yaml);
    expect(m!.operations).toEqual([]);
    expect(operationsMarkdown(m!)).toBe("");
  });
});

describe("provenanceMarkdown", () => {
  it("names the page for a page entry, and the SDK for the field the overlay changed", () => {
    expect(provenanceMarkdown(model.entries.find((e) => e.id === "internal-failure")!)).toBe([
      "**Source:** the vendor's page: Alibaba Cloud KMS instance API, error codes page (copy in test/fixtures/kms-vendor-error-page.md), in `catalog/kms.yaml`.",
      "",
      "**`retryableReason` from** the vendor's SDK: github.com/aliyun/alibabacloud-dkms-gcs-go-sdk v0.5.1, openapi-util/client.go (IsRetryErr) and openapi/client.go (DoRequest: maxAttempts 3); com.aliyun:alibabacloud-dkms-gcs-openapi-util 0.5.2, Client.java (isRetryErr); alibabacloud-dkms-gcs 1.0.2, openapi\\_util/client.py (is\\_retry\\_err), in `catalog/kms.sdk.yaml`.",
    ].join("\n"));
  });

  it("names the SDK for an entry the overlay adds, and nothing for a catalog without sources", () => {
    expect(provenanceMarkdown(model.entries.find((e) => e.id === "rejected-throttling")!)).toMatch(/^\*\*Source:\*\* the vendor's SDK: github\.com\/aliyun\/alibabacloud-dkms-gcs-go-sdk v0\.5\.1, openapi-util\/client\.go \(IsRetryErr\);.* in `catalog\/kms\.sdk\.yaml`\.$/s);
    const { model: m } = checkCatalogText("x.yaml", readFileSync("test/layers/good/operation-names-a-class.yaml", "utf8"));
    expect(provenanceMarkdown(m!.entries[0]!)).toBe("");
  });
});
