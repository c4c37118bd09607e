/**
 * `errcat import markdown`: the vendor's page becomes a catalog equal to catalog/kms.yaml on every field
 * the page carries, which validates and generates; page → import → ERRORS.md → import is a fixed point;
 * `--compare` finds what a changed page changed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkCatalogText, loadCatalog } from "../../generators/catalog/index.js";
import { main } from "../../generators/cli.js";
import { readErrorPage } from "../../generators/import/error-page.js";
import { pageToCatalog, splitMeaningAndFix } from "../../generators/import/page-to-catalog.js";
import { catalogYaml } from "../../generators/import/catalog-yaml.js";
import { renderErrorsPage } from "../../generators/markdown/errors-md.js";

const vendorText = readFileSync("test/fixtures/kms-vendor-error-page.md", "utf8");
const kms = await loadCatalog("catalog/kms.yaml");
const imported = pageToCatalog(readErrorPage(vendorText), "kms");
const yaml = catalogYaml(imported.catalog, "kms-vendor-error-page.md");

const dir = mkdtempSync(join(tmpdir(), "errcat-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function capture() {
  let out = "";
  let err = "";
  return { io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t), color: false }, text: () => ({ out, err }) };
}

describe("importing the vendor's page", () => {
  it("gives the entries of catalog/kms.yaml on every field the page carries", () => {
    const pick = (e: { number: number; httpStatus: number; code?: string; message?: string; keyState?: string; meaning: string; fix: string; fault: string }) => ({
      number: e.number, httpStatus: e.httpStatus, code: e.code, message: e.message, keyState: e.keyState, meaning: e.meaning, fix: e.fix, fault: e.fault,
    });
    // The catalog's other sources (the SDK layer) add entries and a status the page does not have.
    const fromPage = <T extends { source?: { kind: string } }>(x: T) => x.source === undefined || x.source.kind === "vendor-page";
    expect(imported.catalog.errors.map(pick)).toEqual(kms.entries.filter((e) => fromPage(e.provenance)).map(pick));
    expect(imported.catalog.statuses).toEqual(kms.statuses.filter(fromPage).map((s) => ({ httpStatus: s.httpStatus, title: s.title, ...(s.text !== undefined ? { text: s.text } : {}) })));
    expect(imported.catalog.service.scope).toBe(kms.service.scope);
    expect(imported.catalog.service.wire.fields).toEqual(kms.service.wire.fields);
    expect(imported.warnings).toEqual([]);
  });

  it("derives ids from codes, and for a repeated code from the words that set each message apart", () => {
    expect(imported.catalog.errors.map((e) => e.id)).toEqual([
      "invalid-api-name", "invalid-api-version", "invalid-param-date", "invalid-param-x-kms-signaturemethod",
      "invalid-param-x-kms-signaturemethod-message", "missing-parameter", "request-time-too-skewed", "invalid-parameter",
      "unsupported-operation", "signature-not-match", "forbidden-no-permission", "forbidden-key-not-found-id-alias-system",
      "forbidden-key-not-found-id-alias-store", "forbidden-key-not-found-specified", "unauthorized", "rejected-pending-deletion",
      "rejected-disabled", "rejected-pending-import", "request-entity-too-large", "invalid-content-type", "internal-failure",
      "service-unavailable-temporary",
    ]);
  });

  it("declares placeholders with identifiers from their display text, and no entry as retryable", () => {
    const placeholders = imported.catalog.errors.flatMap((e) => (e.placeholders ?? []).map((p) => [p.text, p.name]));
    expect(placeholders).toEqual([
      ["apiname", "apiname"], ["apiversion value", "apiversionValue"], ["signaturemethod value", "signaturemethodValue"],
      ["parameter name", "parameterName"], ["parameter name", "parameterName"], ["accessKeyId", "accessKeyId"], ["type", "type"],
    ]);
    expect(imported.catalog.errors.every((e) => e.retryable === false)).toBe(true);
    expect(yaml).toContain("# Not on the vendor's page: a human decides whether a retry can succeed.\n    retryable: false");
  });

  it("writes YAML that validates and that errcat generate accepts", async () => {
    expect(checkCatalogText("imported.yaml", yaml).diagnostics).toEqual([]);
    const page = join(dir, "page.md");
    writeFileSync(page, vendorText);
    const catalog = join(dir, "imported.yaml");
    const run = capture();
    expect(await main(["import", "markdown", page, "--service", "kms", "-o", catalog], run.io)).toBe(0);
    expect(readFileSync(catalog, "utf8")).toBe(yaml.replace("from kms-vendor-error-page.md", `from ${page.split("\\").join("/")}`));
    expect(await main(["validate", catalog], capture().io)).toBe(0);
    expect(await main(["generate", "--catalog", catalog, "--out", join(dir, "out")], capture().io)).toBe(0);
    expect(readFileSync(join(dir, "out", "kms", "ERRORS.md"), "utf8")).toContain("## 413 Request entity too large");
  });

  it("round-trips: page → import → ERRORS.md → import gives the same catalog", () => {
    const { model } = checkCatalogText("imported.yaml", yaml);
    const errorsMd = renderErrorsPage(model!, "@generated test");
    const again = pageToCatalog(readErrorPage(errorsMd), "kms");
    expect(again.warnings).toEqual([]);
    expect(catalogYaml(again.catalog, "kms-vendor-error-page.md")).toBe(yaml);
  });

  it("reads errcat's own ERRORS.md of catalog/kms.yaml back into the same rows", async () => {
    const run = capture();
    expect(await main(["import", "markdown", "out/kms/ERRORS.md", "--compare", "catalog/kms.yaml"], run.io)).toBe(0);
    expect(run.text().err).toContain(`agree (${kms.entries.length} entries)`);
  });
});

describe("the loose table layout", () => {
  it("reads rows without leading pipes, a last row without its trailing pipe, and escaped pipes", () => {
    const page = readErrorPage("Intro.\n400 Bad request\n| Error code | Error message | What it means and how to fix it |\n|---|\nA.B | x \\| y \\<z\\> | Means. Fix it. |\nC | m | One. Two\n");
    expect(page.statuses).toEqual([{ httpStatus: 400, title: "Bad request", prose: [], rows: [
      { code: "A.B", message: "x | y <z>", meaningAndFix: "Means. Fix it." },
      { code: "C", message: "m", meaningAndFix: "One. Two" },
    ] }]);
  });

  it("splits meaning and fix at the first sentence end only", () => {
    expect(splitMeaningAndFix("Version 1.2 is old, e.g. here. Upgrade it. Then retry.")).toEqual({ meaning: "Version 1.2 is old, e.g. here.", fix: "Upgrade it. Then retry." });
    expect(splitMeaningAndFix("First line.\nSecond: x\nThird")).toEqual({ meaning: "First line.", fix: "Second: x\nThird" });
  });
});

describe("--compare", () => {
  async function compare(pageText: string) {
    const page = join(dir, `changed-${Math.random().toString(36).slice(2)}.md`);
    writeFileSync(page, pageText);
    const run = capture();
    const code = await main(["import", "markdown", page, "--compare", "catalog/kms.yaml"], run.io);
    return { code, ...run.text() };
  }

  it("exits 0 when the page and the catalog agree", async () => {
    expect((await compare(vendorText)).code).toBe(0);
  });

  it("finds a removed row and a changed message, and exits 1", async () => {
    const changed = vendorText
      .replace(/^Rejected\.Disabled \|.*\n/m, "")
      .replace('The ApiName "\\<apiname\\>" is invalid.', 'The API name "\\<apiname\\>" is not valid.');
    const result = await compare(changed);
    expect(result.code).toBe(1);
    expect(result.out.split("\n").filter(Boolean)).toEqual([
      '- removed from the page: Rejected.Disabled (409) "The request was rejected because the key state is Disabled." [rejected-disabled]',
      '~ changed InvalidApiName [invalid-api-name] message: catalog "The ApiName \\"<apiname>\\" is invalid.", page "The API name \\"<apiname>\\" is not valid."',
    ]);
  });

  it("finds an added row and a changed status", async () => {
    const result = await compare(vendorText.replace("Signature is not matched. |", "Signature is not matched. |\nNewCode | A new message. | It is new. Handle it. |").replace("503 Service unavailable", "503 Service Unavailable"));
    expect(result.code).toBe(1);
    expect(result.out).toContain('+ added on the page: NewCode (401) "A new message."');
    expect(result.out).toContain('~ changed status 503 title: catalog "Service unavailable", page "Service Unavailable"');
  });
});

describe("what a page can hold (columns, code spans, backslashes, HTML tables, nesting)", () => {
  const page = (table: string) => `# Demo errors\n\nThe demo API.\n\n## 400 Bad request\n\n${table}\n`;
  const rowsOf = (markdown: string) => readErrorPage(markdown).statuses[0]?.rows;

  it("maps columns by header name and refuses a column it does not read, instead of taking it as the key state", async () => {
    const text = page("| Error code | Error message | Since version | Key state | What it means and how to fix it |\n|---|---|---|---|---|\n| A | m | v2.1 | Disabled | Means. Fix. |");
    const read = readErrorPage(text);
    expect(read.problems).toEqual([
      'the table under 400 Bad request has a column "Since version" that errcat does not read: remove it, or name it as one of Error code, Error message, Key state, What it means and how to fix it (or Meaning and Fix), HTTP status',
    ]);
    expect(read.statuses[0]!.rows).toEqual([{ code: "A", message: "m", state: "Disabled", meaningAndFix: "Means. Fix." }]);
    const file = join(dir, "since-version.md");
    writeFileSync(file, text);
    const run = capture();
    expect(await main(["import", "markdown", file, "--service", "demo"], run.io)).toBe(2);
    expect(run.text().out).toBe("");
    expect(run.text().err).toContain('has a column "Since version" that errcat does not read');
    expect(run.text().err).toContain("1 problem in the page; nothing was imported");
  });

  it("reads columns in any order and case, with meaning and fix in two columns", () => {
    expect(rowsOf(page("| Message | FIX | code | Meaning |\n|---|---|---|---|\n| m | Do this. | A | It means. |"))).toEqual([{ code: "A", message: "m", meaningAndFix: "It means. Do this." }]);
  });

  it("keeps placeholders written in code spans, dropping backticks that wrap the whole cell and keeping them inside text", () => {
    const rows = rowsOf(page([
      "| Error code | Error message | What it means and how to fix it |",
      "|---|---|---|",
      "| A | `The key \\<key id\\> is invalid.` | Means. Fix. |",
      "| B | `The key <key id> is invalid.` | Means. Fix. |",
      "| C | The parameter `\\<name\\>` is invalid. | Means. Fix. |",
      "| D | The key \\<key id\\> is invalid. | Means. Fix. |",
    ].join("\n")))!;
    expect(rows.map((r) => r.message)).toEqual([
      "The key <key id> is invalid.",
      "The key <key id> is invalid.",
      "The parameter `<name>` is invalid.",
      "The key <key id> is invalid.",
    ]);
    const { catalog } = pageToCatalog(readErrorPage(page(`| Error code | Error message | What it means and how to fix it |\n|---|---|---|\n| A | \`The key \\<key id\\> is invalid.\` | Means. Fix. |`)), "demo");
    expect(catalog.errors[0]!.placeholders?.map((p) => p.text)).toEqual(["key id"]);
  });

  it("escapes a backslash the server sends, so the catalog's message is the page's text", () => {
    const rows = rowsOf(page("| Error code | Error message | What it means and how to fix it |\n|---|---|---|\n| A | The path C:\\temp is not allowed. | Means. Fix. |\n| B | `C:\\temp\\<name\\>` | Means. Fix. |"))!;
    expect(rows.map((r) => r.message)).toEqual(["The path C:\\\\temp is not allowed.", "C:\\\\temp<name>"]);
    const { catalog } = pageToCatalog(readErrorPage(page("| Error code | Error message | What it means and how to fix it |\n|---|---|---|\n| A | The path C:\\temp is not allowed. | Means. Fix. |")), "demo");
    expect(checkCatalogText("bs.yaml", catalogYaml(catalog, "bs.md")).model!.entries[0]!.segments).toEqual([{ kind: "literal", text: "The path C:\\temp is not allowed." }]);
  });

  it("reads an HTML table like a Markdown one, with &lt;placeholders&gt;, entities and <br>", () => {
    const html = [
      "<table>",
      "  <tr><th>Error code</th><th>Error message</th><th>What it means and how to fix it</th></tr>",
      "  <tr><td><code>A.B</code></td><td>The key &quot;&lt;key id&gt;&quot; does not exist.</td><td>It is gone.<br>Create it.</td></tr>",
      "  <tr><td>C</td><td>Fish &amp; chips | 100%</td><td>Means. Fix.</td></tr>",
      "</table>",
    ].join("\n");
    const read = readErrorPage(page(html));
    expect(read.problems).toEqual([]);
    expect(read.statuses[0]!.rows).toEqual([
      { code: "A.B", message: 'The key "<key id>" does not exist.', meaningAndFix: "It is gone.\nCreate it." },
      { code: "C", message: "Fish & chips | 100%", meaningAndFix: "Means. Fix." },
    ]);
  });

  it("reads a page written all in HTML: <h1> as its title, <h2>NNN Title</h2> as status headings, each with its <table>", async () => {
    const table = (code: string, message: string) => `<table><tr><th>Error code</th><th>Error message</th><th>What it means and how to fix it</th></tr><tr><td>${code}</td><td>${message}</td><td>Means. Fix.</td></tr></table>`;
    const html = [
      "<html><body>",
      "<h1 class=\"title\">Demo <em>errors</em></h1>",
      "<h2 id=\"not-found\">404 Not found</h2>",
      table("NotFound", "The key &lt;key id&gt; does not exist."),
      "<h2>About retries</h2>",
      "<h3><a id=\"busy\"></a>503 Service\n  unavailable</h3>",
      table("Busy", "Try later."),
      "</body></html>",
    ].join("\n");
    const read = readErrorPage(html);
    expect(read.problems).toEqual([]);
    expect(read.title).toBe("Demo errors");
    expect(read.statuses.map((s) => [s.httpStatus, s.title, s.rows.map((r) => [r.code, r.message])])).toEqual([
      [404, "Not found", [["NotFound", "The key <key id> does not exist."]]],
      [503, "Service unavailable", [["Busy", "Try later."]]],
    ]);
    const file = join(dir, "all-html.html");
    writeFileSync(file, html);
    const run = capture();
    expect(await main(["import", "markdown", file, "--service", "demo"], run.io)).toBe(0);
    expect(run.text().err).toMatch(/: 2 entries from 2 statuses; /);
  });

  it("reads a page whose text nests a thousand levels deep, and still finds the table after it", () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
    const quotes = `${"> ".repeat(1000)}deep quote`;
    const markers = `${"- ".repeat(1000)}deep item`;
    const read = readErrorPage(`# Demo errors\n\n${deep}\n\n${quotes}\n\n${markers}\n\n## 400 Bad request\n\n| Error code | Error message | What it means and how to fix it |\n|---|---|---|\n| A | m | Means. Fix. |\n`);
    expect(read.statuses.map((s) => [s.httpStatus, s.rows.length])).toEqual([[400, 1]]);
  });

  it("says where -o cannot be written: a missing folder, or a folder", async () => {
    const file = join(dir, "ok.md");
    writeFileSync(file, vendorText);
    for (const [output, why] of [[join(dir, "missing", "kms.yaml"), "ENOENT): its folder does not exist: create it first"], [dir, "EISDIR): it is a folder: name a .yaml file in it"]] as const) {
      const run = capture();
      expect(await main(["import", "markdown", file, "--service", "kms", "-o", output], run.io)).toBe(2);
      expect(run.text().err).toBe(`errcat: cannot write ${output} (${why}; nothing was written\n`);
    }
  });
});
