/**
 * out/kms/ERRORS.md: every row of the vendor's page is in it as the vendor writes it, every entry has
 * its anchor and details, any catalog text renders literally, and markdownlint finds nothing.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { lint } from "markdownlint/sync";
import { checkCatalogText, loadCatalog } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import { enumValueName } from "../../generators/catalog/names.js";
import { generateAll } from "../../generators/pipeline.js";
import { errcatVersion } from "../../generators/cli.js";
import { renderErrorsPage } from "../../generators/markdown/errors-md.js";
import { readErrorPage } from "../../generators/import/error-page.js";

const lintConfig = parseYaml(readFileSync("test/markdown/markdownlint.yaml", "utf8")) as Record<string, unknown>;
const vendorPage = readFileSync("test/fixtures/kms-vendor-error-page.md", "utf8");
const kms = await loadCatalog("catalog/kms.yaml");
// The page as generate writes it, with the sections of every default target.
const page = (await generateAll(kms, errcatVersion())).find((f) => f.path === "ERRORS.md")!.contents as string;

function lintProblems(name: string, markdown: string): string[] {
  const results = lint({ strings: { [name]: markdown }, config: lintConfig });
  return results[name]!.map((r) => `${name}:${r.lineNumber}: ${r.ruleNames.join("/")} ${r.ruleDescription} ${r.errorDetail ?? ""} ${r.errorContext ?? ""}`);
}

/** A catalog from its text; `file` is where it would be, which is where the layers it lists are read from. */
function modelOf(yaml: string, file = "hostile.yaml"): CatalogModel {
  const { diagnostics, model } = checkCatalogText(file, yaml);
  expect(diagnostics).toEqual([]);
  return model!;
}

/** The vendor's data rows, split by hand: code, message and meaning/fix cells as the vendor escapes them. */
function vendorRows(): { code: string; message: string; state?: string; meaningFix: string }[] {
  return vendorPage
    .split("\n")
    .filter((l) => / \| /.test(l) && !l.startsWith("|"))
    .map((l) => {
      const cells = l.split(/(?<!\\)\|/).map((c) => c.trim());
      if (cells.at(-1) === "") cells.pop();
      return cells.length === 4
        ? { code: cells[0]!, message: cells[1]!, state: cells[2]!, meaningFix: cells[3]! }
        : { code: cells[0]!, message: cells[1]!, meaningFix: cells[2]! };
    });
}

describe("out/kms/ERRORS.md", () => {
  it("is what the generator writes from catalog/kms.yaml (committed and current)", () => {
    expect(readFileSync("out/kms/ERRORS.md", "utf8")).toBe(page);
  });

  it("has every row of the vendor's page, cell for cell as the vendor writes it", () => {
    const rows = vendorRows();
    expect(rows).toHaveLength(21);
    const lines = page.split("\n");
    for (const row of rows) {
      const expected = `| [${row.code}](#`;
      const tail = ` | ${row.message} | ${row.state !== undefined ? `${row.state} | ` : ""}${row.meaningFix} |`;
      const match = lines.filter((l) => l.startsWith(expected) && l.endsWith(tail) && /^\| \[[^\]]+\]\(#[a-z0-9-]+\)$/.test(l.slice(0, l.length - tail.length)));
      expect(match, `${row.code}: ${row.message}`).toHaveLength(1);
    }
  });

  it("has the vendor's 413 prose, the Error message and the introduction", () => {
    const prose = vendorPage.slice(vendorPage.indexOf("413 Request entity too large\n") + 29, vendorPage.indexOf("415 Unsupported")).trim().split("\n");
    expect(prose).toHaveLength(4);
    const section = page.slice(page.indexOf("## 413 Request entity too large"), page.indexOf('<a id="request-entity-too-large">'));
    for (const line of prose) expect(section).toContain(`\n${line}\n`);
    for (const field of ["int32 StatusCode = 1;", "string ErrorCode = 2;", "string ErrorMessage = 3;", "string RequestId = 4;"]) expect(page).toContain(`  ${field}\n`);
    expect(page).toContain(`\n${kms.service.introduction}\n`);
    for (const status of kms.statuses) expect(page).toContain(`\n## ${status.httpStatus} ${status.title}\n`);
  });

  it("gives every entry its id as anchor, its proto enum value with number, an example message and retryability", () => {
    for (const entry of kms.entries) {
      const start = page.indexOf(`<a id="${entry.id}"></a>`);
      expect(start, entry.id).toBeGreaterThan(0);
      const next = page.indexOf('<a id="', start + 1);
      const details = page.slice(start, next);
      expect(details).toContain(`- Proto enum value: \`${enumValueName("ErrorCode", entry.id)} = ${entry.number}\``);
      expect(details).toContain(`- Fault: ${entry.fault} `);
      expect(details).toContain(`- Retryable: ${entry.retryable ? "yes" : "no"}`);
      for (const p of entry.placeholders) expect(details).toContain(`| \`<${p.text}>\` | \`${p.name}\` | ${p.description.replace(/[*_]/g, "\\$&")} | \`${p.example.replace(/\*/g, "*")}\` |`);
    }
    const keyStore = page.slice(page.indexOf('<a id="key-not-found-in-key-store">'));
    expect(keyStore).toContain('- Example message: `The Key ID or Alias does not exist in the key store "kst-hzz62ee817bvyyr5x****".`');
    // The reasons of the overlay (kms.sdk.yaml): its own entry's, and its patch of the page's InternalFailure.
    const detailsOf = (id: string) => page.slice(page.indexOf(`<a id="${id}"></a>`), page.indexOf('<a id="', page.indexOf(`<a id="${id}"></a>`) + 1));
    expect(detailsOf("rejected-throttling")).toContain("- Retryable: yes. The Go, Java and Python SDKs all retry this code.\n");
    expect(detailsOf("internal-failure")).toContain("- Retryable: yes. The Go SDK retries this code (up to 3 attempts by default); the Java and Python SDKs do not, as they retry Rejected.Throttling only (and Java a Content-SHA256 message).\n");
  });

  it("links only to anchors it defines", () => {
    const anchors = new Set([...page.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...page.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(kms.entries.length * 2);
    for (const link of links) expect(anchors.has(link), link).toBe(true);
  });

  it("passes markdownlint", () => {
    expect(lintProblems("ERRORS.md", page)).toEqual([]);
  });

  it("names the TypeScript API after the catalog's service", async () => {
    // Inside catalog/, so that the overlay kms.yaml lists (kms.sdk.yaml) is read beside it.
    const vault = modelOf(readFileSync("catalog/kms.yaml", "utf8").replace("name: kms", "name: vault"), "catalog/vault.yaml");
    expect(vault.entries).toHaveLength(kms.entries.length);
    const text = (await generateAll(vault, "0.0.0")).find((f) => f.path === "ERRORS.md")!.contents as string;
    const ts = text.slice(text.indexOf("## Handling these errors in TypeScript"));
    expect(ts).toContain("import { fromResponse, isVaultError, formatMessage, parseMessage }");
    expect(ts).toContain("`VaultError`");
    expect(ts).toContain("`VaultErrorCode`");
    expect(ts).not.toMatch(/Kms/);
  });
});

describe("literal rendering of any catalog text", () => {
  const hostile = `errcat: 1
service:
  name: evil
  title: "Evil | <b>API</b> *bold* _it_"
  introduction: "# Not a heading, but [a](link) & &amp; \`tick\`"
  wire:
    package: evil
    message: Error
    fields: [{ name: StatusCode, number: 1, type: int32 }, { name: ErrorCode, number: 2, type: string }, { name: ErrorMessage, number: 3, type: string }, { name: RequestId, number: 4, type: string }]
  proto: { package: evil.v1 }
statuses:
  - httpStatus: 400
    title: "Bad | request"
    text: "#1 > quoted\\n- not a list\\n1. not a list either\\n    not code\\n***"
errors:
  - id: pipes-and-brackets
    number: 1
    httpStatus: 400
    code: Bad_Code.X
    message: 'Use \`a|b\` *not* _this_ [x](y) \\<tag\\> & <the value> \\\\ done'
    placeholders:
      - { text: the value, name: theValue, description: "a | b <c> *d*", example: "a|b\`c\`" }
    meaning: "# Hash | pipe <b>bold</b> &amp; \`tick\` \\\\back\\\\slash."
    fix: "Line one *star* ~strike~.\\n1. not a list\\n- not a list\\n  indented\\ttab  "
    keyState: "<State|x>"
    fault: client
    retryable: false
  - id: second
    number: 2
    httpStatus: 400
    code: Other
    message: "[link](http://example.com) www.example.com a@example.com <!-- not a comment -->"
    placeholders:
      - { text: "!-- not a comment --", name: notAComment, description: d, example: e }
    meaning: m.
    fix: f
    fault: client
    retryable: false
`;
  const model = modelOf(hostile);
  const text = renderErrorsPage(model, "@generated test");

  it("passes markdownlint", () => {
    expect(lintProblems("hostile.md", text)).toEqual([]);
  });

  it("reads back, through a CommonMark + GFM parser, as exactly the catalog's text", () => {
    const read = readErrorPage(text);
    const status = read.statuses[0]!;
    expect(read.title).toBe(`${model.service.title} errors`);
    expect(read.preface[0]).toBe(model.service.introduction);
    expect(status.title).toBe("Bad | request");
    expect(status.prose.join("\n")).toBe(model.statuses[0]!.text);
    const [first, second] = model.entries;
    expect(status.rows).toEqual([
      { code: first!.code, message: first!.message, state: first!.keyState, meaningAndFix: `${first!.meaning} ${first!.fix}` },
      { code: second!.code, message: second!.message, meaningAndFix: `${second!.meaning} ${second!.fix}` },
    ]);
  });

  it("keeps newlines out of table cells", () => {
    for (const line of text.split("\n").filter((l) => l.startsWith("| [Bad"))) expect(line).toMatch(/\|$/);
    expect(text).toContain("Line one \\*star\\* \\~strike\\~.<br>1\\. not a list<br>\\- not a list<br>&#32;&#32;indented&#9;tab&#32;&#32; |");
  });
});
