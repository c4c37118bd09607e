/**
 * The catalog holds every row of the vendor's error page, verbatim, and nothing else under the page's
 * name: entries from another source (the SDK overlay) say so in their provenance. The page is read here
 * with its own small reader (not the production import code), so a bug there cannot hide here.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type CatalogModel } from "../../generators/catalog/index.js";

const root = new URL("../../", import.meta.url);
const page = readFileSync(new URL("test/fixtures/kms-vendor-error-page.md", root), "utf8");

interface PageRow {
  readonly httpStatus: number;
  readonly code: string;
  readonly message: string;
  readonly keyState: string | undefined;
  readonly meaningAndFix: string;
  readonly line: number;
}

interface PageSection {
  readonly httpStatus: number;
  readonly title: string;
  /** Prose lines of a section that has no table (413), or the text above its table (409). */
  readonly prose: string[];
}

/** Reads the page's `NNN Title` headings and `code | message | [key state |] meaning |` rows. */
function readPage(text: string): { rows: PageRow[]; sections: PageSection[] } {
  const rows: PageRow[] = [];
  const sections: PageSection[] = [];
  let section: PageSection | undefined;
  let columns: string[] | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trimEnd();
    const heading = /^([1-5]\d\d) (\S.*)$/.exec(line);
    if (heading) {
      section = { httpStatus: Number(heading[1]), title: heading[2]!, prose: [] };
      sections.push(section);
      columns = undefined;
      return;
    }
    if (!section) return;
    if (line.startsWith("| Error code")) {
      columns = cells(line);
      return;
    }
    if (/^\|[-| ]*\|$/.test(line)) return;
    if (columns) {
      const values = cells(line);
      if (values.length !== columns.length) throw new Error(`page line ${i + 1}: ${values.length} cells under a ${columns.length}-column header`);
      const column = (name: string) => values[columns!.indexOf(name)];
      rows.push({
        httpStatus: section.httpStatus,
        code: column("Error code")!,
        message: column("Error message")!.replace(/\\([<>])/g, "$1"),
        keyState: columns.includes("Key state") ? column("Key state") : undefined,
        meaningAndFix: values.at(-1)!,
        line: i + 1,
      });
      return;
    }
    if (line.length > 0) section.prose.push(line);
  });
  return { rows, sections };
}

/** Cells of a table line, with or without its outer pipes. */
function cells(line: string): string[] {
  return line.replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
}

const normalize = (s: string) => s.replace(/\s+/g, " ").trim();

describe("catalog/kms.yaml against the vendor's error page", () => {
  const { rows, sections } = readPage(page);
  let model: CatalogModel;
  beforeAll(async () => {
    model = await loadCatalog(new URL("catalog/kms.yaml", root).pathname);
  });

  it("the page has 21 coded rows and one section without a table (413)", () => {
    expect(rows).toHaveLength(21);
    expect(sections.map((s) => s.httpStatus)).toEqual([400, 401, 403, 404, 409, 413, 415, 500, 503]);
    expect(new Set(rows.map((r) => r.httpStatus)).has(413)).toBe(false);
  });

  const fromPage = () => model.entries.filter((e) => e.provenance.source?.kind === "vendor-page");

  it("the catalog has 22 entries from the page: 21 coded and one codeless; the others name another source", () => {
    expect(fromPage()).toHaveLength(22);
    expect(fromPage().filter((e) => e.code !== undefined)).toHaveLength(21);
    expect(fromPage().filter((e) => e.code === undefined).map((e) => e.httpStatus)).toEqual([413]);
    for (const e of model.entries.filter((x) => !fromPage().includes(x))) expect(e.provenance.source?.kind, e.id).toMatch(/^(?:vendor-sdk|observed|manual)$/);
  });

  describe.each(rows.map((r) => [`line ${r.line}: ${r.code} "${r.message}"`, r] as const))("%s", (_name, row) => {
    const entry = () => {
      const matches = model.entries.filter((e) => e.code === row.code && e.message === row.message);
      expect(matches, `one entry with code ${row.code} and this exact message`).toHaveLength(1);
      return matches[0]!;
    };

    it("has an entry with the same code and the byte-identical message", () => {
      const e = entry();
      expect(Buffer.from(e.message!, "utf8").equals(Buffer.from(row.message, "utf8"))).toBe(true);
    });

    it("has the status of the heading above the row, and its fault", () => {
      const e = entry();
      expect(e.httpStatus).toBe(row.httpStatus);
      expect(e.fault).toBe(row.httpStatus >= 500 ? "server" : "client");
    });

    it("has the key state of the row (409 rows only)", () => {
      const e = entry();
      expect(e.keyState).toBe(row.keyState);
      expect(row.keyState !== undefined).toBe(row.httpStatus === 409);
    });

    it("splits the last column into meaning and fix, losing no word", () => {
      const e = entry();
      expect(normalize(`${e.meaning} ${e.fix}`)).toBe(normalize(row.meaningAndFix));
      expect(e.meaning.length).toBeGreaterThan(0);
      expect(e.fix.length).toBeGreaterThan(0);
    });
  });

  it("invents no coded entry: every coded entry the page is named for is a row of the page", () => {
    const onPage = new Set(rows.map((r) => `${r.code}\u0000${r.message}`));
    const invented = fromPage().filter((e) => e.code !== undefined && !onPage.has(`${e.code}\u0000${e.message}`));
    expect(invented.map((e) => e.id)).toEqual([]);
  });

  it("keeps the page's status titles and section texts", () => {
    for (const s of sections) {
      const status = model.statuses.find((x) => x.httpStatus === s.httpStatus);
      expect(status?.title, `title of ${s.httpStatus}`).toBe(s.title);
      expect(status?.text, `text of ${s.httpStatus}`).toBe(s.prose.length > 0 ? s.prose.join("\n") : undefined);
    }
    expect(model.statuses.filter((s) => s.source?.kind === "vendor-page").map((s) => s.httpStatus)).toEqual(sections.map((s) => s.httpStatus));
  });

  it("the codeless 413 entry carries the page's prose as its meaning and fix", () => {
    const prose = sections.find((s) => s.httpStatus === 413)!.prose;
    const entry = model.entries.find((e) => e.httpStatus === 413)!;
    expect(entry.code).toBeUndefined();
    expect(entry.message).toBeUndefined();
    expect(entry.segments).toEqual([]);
    expect(normalize(entry.meaning)).toBe(normalize(prose[0]!));
    expect(normalize(`${entry.meaning} ${entry.fix}`)).toBe(normalize(prose.join(" ")));
    for (const guidance of ["6 KB", "1 KB", "envelope encryption", "digest"]) expect(entry.fix).toContain(guidance);
    expect(normalize(entry.meaning)).toContain("3 MB");
    expect(entry.fault).toBe("client");
  });
});
