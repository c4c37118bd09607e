/**
 * Docs sync: errcat regions in hand-edited Markdown are rewritten from the catalog, the rest of the
 * file stays byte for byte, a bad marker is an error at its line and column, and check reports drift.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import { syncDocument } from "../../generators/markdown/docs-sync.js";
import { main } from "../../generators/cli.js";

const kms = await loadCatalog("catalog/kms.yaml");
const options = { errorsPageHref: "out/kms/ERRORS.md" };
const before = "# Title\r\n\nHand-written *text* stays.\n\n";
const middle = "\nBetween the regions.\n```md\n<!-- errcat:begin nonsense -->\n```\n";
const after = "\nThe end, no final newline";
const doc = `${before}<!-- errcat:begin table -->\nold table\n<!-- errcat:end -->${middle}<!-- errcat:begin status 409 -->\n<!-- errcat:end -->${after}`;

describe("syncDocument", () => {
  const result = syncDocument("doc.md", doc, kms, options);

  it("rewrites the inside of each region and keeps the outside byte for byte", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.regions).toBe(2);
    const text = result.text;
    expect(text.startsWith(`${before}<!-- errcat:begin table -->\n`)).toBe(true);
    expect(text.endsWith(`<!-- errcat:end -->${after}`)).toBe(true);
    expect(text).toContain(`<!-- errcat:end -->${middle}<!-- errcat:begin status 409 -->\n`);
    expect(text).not.toContain("old table");
    // Three begin markers: the table, the one inside the fenced block (text, left alone), status 409.
    const regions = text.split("<!-- errcat:begin ").slice(1).map((r) => r.slice(0, r.indexOf("<!-- errcat:end -->")));
    expect(regions).toHaveLength(3);
    const [table, status] = [regions[0], regions[2]];
    // The full table: every entry, linked to its anchor on the reference page.
    for (const e of kms.entries) expect(table).toContain(`](out/kms/ERRORS.md#${e.id})`);
    expect(table).toContain("| HTTP status | Error code | Error message | Key state | What it means and how to fix it |");
    // One status: its rows only.
    const rows = status!.split("\n").filter((l) => l.startsWith("| ["));
    expect(rows.map((r) => /#([a-z-]+)\)/.exec(r)![1])).toEqual(["rejected-pending-deletion", "rejected-disabled", "rejected-pending-import"]);
    expect(status).toContain("| Error code | Error message | Key state | What it means and how to fix it |");
  });

  it("is idempotent", () => {
    expect(syncDocument("doc.md", result.text, kms, options).text).toBe(result.text);
  });

  it("keeps CRLF line endings inside a CRLF file", () => {
    const crlf = "a\r\n<!-- errcat:begin status 503 -->\r\n<!-- errcat:end -->\r\nb\r\n";
    const text = syncDocument("doc.md", crlf, kms, options).text;
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text).toContain("ServiceUnavailableTemporary");
  });

  it.each([
    // A problem of the region's name is reported at the word it is about.
    ["unknown name", "x\n\n  <!-- errcat:begin everything -->\n<!-- errcat:end -->\n", "doc.md:3:21", 'unknown errcat region "everything"'],
    ["status without entries", "<!-- errcat:begin status 418 -->\n<!-- errcat:end -->\n", "doc.md:1:26", "no entries with status 418"],
    ["begin without end", "a\n<!-- errcat:begin table -->\nb\n", "doc.md:2:1", "never closed"],
    ["end without begin", "a\n<!-- errcat:end -->\n", "doc.md:2:1", "without a matching"],
    ["nested begin", "<!-- errcat:begin table -->\n<!-- errcat:begin table -->\n<!-- errcat:end -->\n", "doc.md:2:1", "inside the region opened at line 1"],
    ["marker inside a line", "see <!-- errcat:end --> here\n", "doc.md:1:5", "stand alone on its line"],
  ])("reports %s at its line and column, and changes nothing", (_, text, where, message) => {
    const r = syncDocument("doc.md", text, kms, options);
    expect(r.text).toBe(text);
    expect(r.diagnostics).toHaveLength(1);
    expect(`${r.diagnostics[0]!.file}:${r.diagnostics[0]!.line}:${r.diagnostics[0]!.column}`).toBe(where);
    expect(r.diagnostics[0]!.message).toContain(message);
  });
});

describe("errcat generate and check with docs.sync", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function workspace(readme: string) {
    const dir = mkdtempSync(join(tmpdir(), "errcat-docs-sync-"));
    dirs.push(dir);
    mkdirSync(join(dir, "catalog"));
    const catalog = join(dir, "catalog", "kms.yaml");
    writeFileSync(catalog, readFileSync("catalog/kms.yaml", "utf8"));
    // The overlay the catalog lists sits beside it.
    writeFileSync(join(dir, "catalog", "kms.sdk.yaml"), readFileSync("catalog/kms.sdk.yaml", "utf8"));
    writeFileSync(join(dir, "README.md"), readme);
    let out = "";
    let err = "";
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), color: false };
    // An --out other than the configured one turns docs sync off unless asked for.
    const run = (...args: string[]) => main([...args, "--catalog", catalog, "--out", join(dir, "out"), "--docs-sync"], io);
    return { dir, run, output: () => ({ out, err }), readme: () => readFileSync(join(dir, "README.md"), "utf8") };
  }

  it("rewrites the region after generating, and check reports drift in it as a diff", async () => {
    const outside = "# Project\n\nKeep this.\n\n## KMS errors at a glance\n\n";
    const ws = workspace(`${outside}<!-- errcat:begin table -->\n<!-- errcat:end -->\n`);
    expect(await ws.run("generate")).toBe(0);
    const synced = ws.readme();
    expect(synced.startsWith(`${outside}<!-- errcat:begin table -->\n\n| HTTP status |`)).toBe(true);
    expect(synced).toContain("[InvalidApiName](out/kms/ERRORS.md#invalid-api-name)");
    expect(await ws.run("check")).toBe(0);

    writeFileSync(join(ws.dir, "README.md"), synced.replace("Signature is not matched.", "Signature mismatch."));
    expect(await ws.run("check")).toBe(1);
    expect(ws.output().out).toContain("-| 401 | [SignatureNotMatch](out/kms/ERRORS.md#signature-not-match) | Signature mismatch. |");
    expect(ws.output().out).toContain("+| 401 | [SignatureNotMatch](out/kms/ERRORS.md#signature-not-match) | Signature is not matched. |");
    expect(ws.output().err).toContain("README.md");
  });

  it("stops with exit 2 and file:line:col on a bad marker, before writing anything", async () => {
    const ws = workspace("a\n<!-- errcat:begin tabel -->\n<!-- errcat:end -->\n");
    expect(await ws.run("generate")).toBe(2);
    expect(ws.output().err).toMatch(/README\.md:2:19: unknown errcat region "tabel": did you mean "table"\?/);
    expect(existsSync(join(ws.dir, "out"))).toBe(false);
    expect(ws.readme()).toBe("a\n<!-- errcat:begin tabel -->\n<!-- errcat:end -->\n");
  });
});
