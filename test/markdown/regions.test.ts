/**
 * Docs-sync region kinds: each one's exact output, and each bad name or option reported at the word it
 * is about (line and column in the synced file), with what would be accepted.
 */
import { describe, expect, it } from "vitest";
import { lint } from "markdownlint/sync";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { loadCatalog } from "../../generators/catalog/index.js";
import { syncDocument } from "../../generators/markdown/docs-sync.js";
import { handlingMermaid, keyStateMermaid } from "../../generators/markdown/mermaid.js";
import { handlingDiagram, keyStateDiagram } from "../../generators/markdown/diagrams.js";

const kms = await loadCatalog("catalog/kms.yaml");
const lintConfig = parseYaml(readFileSync("test/markdown/markdownlint.yaml", "utf8")) as Record<string, unknown>;
const options = { errorsPageHref: "out/kms/ERRORS.md" };

/** The content a region gets, between its markers (the blank lines around it removed). */
function region(name: string): string {
  const text = `# Doc\n\n<!-- errcat:begin ${name} -->\n<!-- errcat:end -->\n`;
  const result = syncDocument("doc.md", text, kms, options);
  expect(result.diagnostics).toEqual([]);
  const inside = result.text.slice(result.text.indexOf("-->\n") + 4, result.text.lastIndexOf("<!-- errcat:end -->"));
  expect(inside.startsWith("\n") && inside.endsWith("\n\n")).toBe(true);
  // The synced document stays markdownlint-clean with the region in it.
  const problems = lint({ strings: { "doc.md": result.text }, config: lintConfig })["doc.md"]!;
  expect(problems.map((p) => `${p.lineNumber}: ${p.ruleNames.join("/")} ${p.errorDetail ?? ""}`)).toEqual([]);
  return inside.slice(1, -2);
}

describe("region kinds", () => {
  it("table columns=… status=4xx: the chosen columns of the entries of a status class", () => {
    const text = region("table columns=code,message,fix status=4xx");
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "| Error code | Error message | How to fix it |",
      "| --- | --- | --- |",
      '| [InvalidApiName](out/kms/ERRORS.md#invalid-api-name) | The ApiName "\\<apiname\\>" is invalid. | Check the API name and correct it. |',
    ]);
    // Every 4xx entry, in catalog order, and no 5xx one; the codeless 413 row links its entry from the code column.
    expect(lines).toHaveLength(2 + kms.entries.filter((e) => e.httpStatus < 500).length);
    expect(text).not.toContain("InternalFailure");
    expect(lines).toContain("| [none, 413](out/kms/ERRORS.md#request-entity-too-large) | | To avoid this error:<br>Encryption and decryption: Keep payloads under 6 KB for symmetric key operations and under 1 KB for asymmetric key operations. For larger data, use envelope encryption instead.<br>Signing and verification: For large messages, generate a digest of the message locally, then call the Sign or Verify operation with the digest. |");
  });

  it("table status=5xx,413 columns=status,code,retryable,fault: several statuses, facts as columns", () => {
    expect(region("table status=5xx,413 columns=status,code,retryable,fault")).toBe([
      "| HTTP status | Error code | Retryable | Fault |",
      "| --- | --- | --- | --- |",
      "| [413](out/kms/ERRORS.md#request-entity-too-large) | | no | client |",
      "| 500 | [InternalFailure](out/kms/ERRORS.md#internal-failure) | yes | server |",
      "| 503 | [ServiceUnavailableTemporary](out/kms/ERRORS.md#service-unavailable-temporary) | yes | server |",
    ].join("\n"));
  });

  it("table and status N keep their output; status N takes columns=", () => {
    expect(region("table").split("\n")[0]).toBe("| HTTP status | Error code | Error message | Key state | What it means and how to fix it |");
    expect(region("status 409 columns=code,state")).toBe([
      "| Error code | Key state |",
      "| --- | --- |",
      "| [Rejected.PendingDeletion](out/kms/ERRORS.md#rejected-pending-deletion) | PendingDeletion |",
      "| [Rejected.Disabled](out/kms/ERRORS.md#rejected-disabled) | Disabled |",
      "| [Rejected.PendingImport](out/kms/ERRORS.md#rejected-pending-import) | PendingImport |",
    ].join("\n"));
  });

  it("code Forbidden.KeyNotFound: the entries of one code, in match order", () => {
    expect(region("code Forbidden.KeyNotFound")).toBe([
      "| Error code | Error message | What it means and how to fix it |",
      "| --- | --- | --- |",
      "| [Forbidden.KeyNotFound](out/kms/ERRORS.md#key-not-found-in-system) | The Key ID or Alias does not exist in the system. | The specified key does not exist. Check the key ID or alias and retry. |",
      '| [Forbidden.KeyNotFound](out/kms/ERRORS.md#key-not-found-in-key-store) | The Key ID or Alias does not exist in the key store "\\<parameter name\\>". | The specified key does not exist in the given key store. Verify the key store name and the key ID or alias. |',
      "| [Forbidden.KeyNotFound](out/kms/ERRORS.md#key-not-found) | The specified key does not exist. | The specified key does not exist. Check the key ID or alias and retry. |",
    ].join("\n"));
    expect(region("code InvalidParam columns=example")).toBe([
      "| Example message |",
      "| --- |",
      "| `The Param Date is invalid.` |",
      "| `The Param x-kms-signaturemethod is invalid.` |",
      '| `The Param x-kms-signaturemethod is invalid. message:"HMAC-SHA1".` |',
      // The overlay's entry (kms.sdk.yaml), matched after the page's.
      "| `The Param Content-SHA256 is invalid.` |",
    ].join("\n"));
  });

  it("entry ID: the entry's details as on the reference page, without its anchor and heading", () => {
    expect(region("entry key-not-found-in-key-store")).toBe([
      "- Error code: `Forbidden.KeyNotFound`",
      '- Error message: `The Key ID or Alias does not exist in the key store "<parameter name>".`',
      "- HTTP status: 404 Not found",
      "- Proto enum value: `ERROR_CODE_KEY_NOT_FOUND_IN_KEY_STORE = 13`",
      "- Fault: client (the request must change)",
      "- Retryable: no",
      '- Example message: `The Key ID or Alias does not exist in the key store "kst-hzz62ee817bvyyr5x****".`',
      "",
      "| Placeholder | Name | Description | Example |",
      "| --- | --- | --- | --- |",
      "| `<parameter name>` | `keyStore` | The key store that the request named. | `kst-hzz62ee817bvyyr5x****` |",
      "",
      "What it means:",
      "",
      "The specified key does not exist in the given key store.",
      "",
      "How to fix it:",
      "",
      "Verify the key store name and the key ID or alias.",
      // Outside the reference page no heading states the catalog's usual source, so the entry says its
      // own, and the field the overlay patched says where it comes from.
      "",
      "**Source:** the vendor's page: Alibaba Cloud KMS instance API, error codes page (copy in test/fixtures/kms-vendor-error-page.md), in `catalog/kms.yaml`.",
      "",
      "**`operations` from** the vendor's SDK: github.com/aliyun/alibabacloud-dkms-gcs-go-sdk v0.5.1, openapi-util/protobuf/api.proto (GenerateRandomRequest) (Inferred from the request message, which has no KeyId field.), in `catalog/kms.sdk.yaml`.",
    ].join("\n"));
    // Outside the reference page the 413 entry has no status text above it, so it says its meaning and fix itself.
    const tooLarge = region("entry request-entity-too-large");
    expect(tooLarge).toContain("What it means:\n\nAfter all request parameters are encoded in Protocol Buffers format, the request body exceeds 3 MB.\n");
    expect(tooLarge).not.toContain("above");
  });

  it("diagram handling and diagram key-states: the Mermaid blocks of the reference page", () => {
    expect(region("diagram handling")).toBe(`\`\`\`mermaid\n${handlingMermaid(handlingDiagram(kms))}\n\`\`\``);
    expect(region("diagram key-states")).toBe(`\`\`\`mermaid\n${keyStateMermaid(keyStateDiagram(kms)!)}\n\`\`\``);
    const page = readFileSync("out/kms/ERRORS.md", "utf8");
    expect(page).toContain(`\n${region("diagram handling")}\n`);
    expect(page).toContain(`\n${region("diagram key-states")}\n`);
  });

  it("options may come in any order and with extra spaces", () => {
    expect(region("table   status=5xx   columns=code")).toBe(region("table columns=code status=5xx"));
  });
});

describe("bad region names and options", () => {
  const marker = (name: string) => `intro\n<!-- errcat:begin ${name} -->\n<!-- errcat:end -->\n`;
  // Column 19 is where the name starts after `<!-- errcat:begin `.
  it.each([
    ["an unknown option, with a suggestion", "table colums=code", [["2:25", 'unknown option "colums" of the table region: did you mean "columns"? its options are columns=… and status=…']]],
    ["two unknown options at once", "table colums=code stat=4xx", [["2:25", 'unknown option "colums"'], ["2:37", 'unknown option "stat" of the table region: did you mean "status"?']]],
    ["a word that is not key=value", "status 409 x", [["2:30", '"x" is not an option of the status region (options are written key=value): its options are columns=…']]],
    ["an option of another kind", "code InvalidParam status=4xx", [["2:37", 'unknown option "status" of the code region']]],
    ["a region without options given one", "entry invalid-api-name columns=code", [["2:42", "the entry region takes no options"]]],
    ["an unknown column, a repeated one and a bad status, each at its place", "table columns=code,mesage,code status=4xx,41x", [
      ["2:38", 'unknown column "mesage": did you mean "message"? the columns are status, code, message, state, meaning-fix, meaning, fix, example, retryable, fault, id'],
      ["2:45", 'the column "code" is listed twice'],
      ["2:61", '"41x" is not a status: write an HTTP status such as 404, or a class such as 4xx'],
    ]],
    ["an option given twice", "table columns=code columns=message", [["2:38", 'the option "columns" is given twice']]],
    ["an empty value", "table columns=", [["2:25", 'the option "columns" has no value']]],
    ["statuses with no entries", "table status=2xx", [["2:25", "no entries have the statuses 2xx: the catalog's statuses are 400, 401, 403, 404, 409, 413, 415, 429, 500, 503"]]],
    ["an unknown code, with a suggestion", "code Forbiden.KeyNotFound", [["2:24", 'the catalog has no error code "Forbiden.KeyNotFound": did you mean "Forbidden.KeyNotFound"?']]],
    ["an unknown entry, with a suggestion", "entry key-not-foud", [["2:25", 'the catalog has no entry "key-not-foud": did you mean "key-not-found"?']]],
    ["a kind without its argument", "entry", [["2:24", "the entry region needs an entry id, as in <!-- errcat:begin entry invalid-api-name -->"]]],
    ["a kind whose argument is an option", "code columns=code", [["2:24", "the code region needs an error code"]]],
    ["an unknown diagram", "diagram flow", [["2:27", 'unknown diagram "flow": the diagrams are handling and key-states']]],
    ["a misspelt kind", "entyr invalid-api-name", [["2:19", 'unknown errcat region "entyr": did you mean "entry"?']]],
  ])("%s", (_, name, expected) => {
    const text = marker(name);
    const result = syncDocument("doc.md", text, kms, options);
    expect(result.text).toBe(text);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(expected.map(([where]) => where));
    result.diagnostics.forEach((d, i) => {
      expect(d.file).toBe("doc.md");
      expect(d.rule).toBe("docs-marker");
      expect(d.message).toContain(expected[i]![1]);
    });
  });

  it("counts columns from the marker's own indentation", () => {
    const result = syncDocument("doc.md", "   <!-- errcat:begin  table colums=code -->\n<!-- errcat:end -->\n", kms, options);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(["1:29"]);
  });

  it("a catalog without key states has no key-state diagram, and says so at the word", async () => {
    const { checkCatalogText } = await import("../../generators/catalog/index.js");
    const yaml = readFileSync("catalog/kms.yaml", "utf8").replace(/\n {4}keyState: \w+/g, "");
    // Named inside catalog/, so that the overlay it lists (kms.sdk.yaml) is read beside it.
    const { diagnostics, model } = checkCatalogText("catalog/no-states.yaml", yaml);
    expect(diagnostics).toEqual([]);
    expect(model!.entries.filter((e) => e.keyState !== undefined)).toEqual([]);
    const result = syncDocument("doc.md", "<!-- errcat:begin diagram key-states -->\n<!-- errcat:end -->\n", model!, options);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:27 no entry of the catalog names a key state (keyState), so there is no key-state diagram: use diagram handling",
    ]);
  });
});
