/**
 * The bad layered catalogs: each folder under test/bad-catalogs/layers/ holds a catalog.yaml that
 * lists layer files, one layering mistake, and expected.json with its exact diagnostics. Each
 * diagnostic is in the file its node is in and names the other file of a conflict with its line;
 * the fast path and the positioned path agree; `errcat validate` prints them and exits 2.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCatalogBytes, checkCatalogText } from "../../generators/catalog/index.js";
import { formatDiagnostic } from "../../generators/catalog/diagnostics.js";
import { RULES } from "../../generators/catalog/rules.js";
import { main } from "../../generators/cli.js";
import { capturedIo } from "../support/cli.js";

const ROOT = "test/bad-catalogs/layers";
const cases = readdirSync(ROOT).filter((n) => !n.includes(".")).sort();

interface Expected {
  readonly exitCode: number;
  readonly diagnostics: readonly { file: string; line: number; column: number; rule: string; message: string }[];
}

const expectedOf = (name: string) => JSON.parse(readFileSync(`${ROOT}/${name}/expected.json`, "utf8")) as Expected;

describe("the bad layered catalogs", () => {
  it("are at least 8, each conflict naming both files", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    const namesOther = (n: string, d: Expected["diagnostics"][number]) =>
      [...d.message.matchAll(new RegExp(`layers/${n}/([\\w.-]+\\.yaml)(?::| line )?`, "g"))].some((m) => m[1] !== d.file);
    const naming = cases.filter((n) => expectedOf(n).diagnostics.some((d) => namesOther(n, d)));
    expect(naming.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(cases)("%s", (name) => {
    const file = `${ROOT}/${name}/catalog.yaml`;
    const expected = expectedOf(name);

    it("gives exactly the expected diagnostics, each in its own file", () => {
      const { diagnostics, model } = checkCatalogBytes(file, readFileSync(file));
      expect(model).toBeUndefined();
      expect(diagnostics.map((d) => ({ ...d, file: d.file.slice(`${ROOT}/${name}/`.length) }))).toEqual(expected.diagnostics);
      for (const d of diagnostics) expect(d.file.startsWith(`${ROOT}/${name}/`)).toBe(true);
    });

    it("gives the same diagnostics on the positioned path alone", () => {
      const text = readFileSync(file, "utf8");
      expect(checkCatalogText(file, text, { fast: false }).diagnostics).toEqual(checkCatalogText(file, text).diagnostics);
    });

    it("makes `errcat validate` print file:line:col for each and exit 2", async () => {
      const io = capturedIo();
      expect(await main(["validate", file], io)).toBe(expected.exitCode);
      const lines = io.stderr().trimEnd().split("\n");
      expect(lines.slice(0, -1)).toEqual(expected.diagnostics.map((d) => formatDiagnostic({ ...d, file: `${ROOT}/${name}/${d.file}` })));
      expect(io.stderr()).not.toMatch(/^\s+at /m);
    });

    it("says what is wrong and how to fix it, under a registered rule", () => {
      const ids = new Set(RULES.map((r) => r.id));
      for (const d of expected.diagnostics) {
        expect(d.message).toMatch(/^.{8,}: .{8,}$/s);
        expect(ids.has(d.rule as never), d.rule).toBe(true);
      }
    });
  });

  it("a layer read from disk is named relative to the catalog's own label", () => {
    const file = `${ROOT}/missing-layer/catalog.yaml`;
    const text = readFileSync(file, "utf8");
    const read: string[] = [];
    const { diagnostics } = checkCatalogText("elsewhere/catalog.yaml", text, {
      readLayer: (listed) => {
        read.push(listed);
        return listed === "sdk.yaml" ? { file: "elsewhere/sdk.yaml", bytes: readFileSync(`${ROOT}/missing-layer/sdk.yaml`) } : { file: `elsewhere/${listed}`, error: "not here" };
      },
    });
    // Read on the fast path, then again on the positioned one for the diagnostics.
    expect([...new Set(read)]).toEqual(["sdk.yaml", "no-such-layer.yaml"]);
    expect(diagnostics).toEqual([{ file: "elsewhere/catalog.yaml", line: 3, column: 22, rule: "layer-read", message: "cannot read layer `no-such-layer.yaml` (elsewhere/no-such-layer.yaml): not here; check the path, which is relative to this catalog" }]);
  });
});
