/**
 * layerFilesOf: which files a config's catalogs extend or overlay (a glob that matches them must not
 * make them services). The fast reader answers for most catalogs; YAML it leaves to the positioned
 * reader (an anchor and alias here) must give the same answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { layerFilesOf } from "../../generators/config/config.js";
import { readYamlFast } from "../../generators/catalog/fast-yaml.js";

const dir = mkdtempSync(join(tmpdir(), "errcat-layer-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe("layerFilesOf", () => {
  const base = write("base.yaml", "errcat: 1\noverlays: [deeper.yaml]\n");
  write("deeper.yaml", "errcat: 1\n");

  it("finds the layers a catalog the fast reader reads lists, and theirs in turn", () => {
    const text = "errcat: 1\nextends: base.yaml\noverlays:\n  - sdk.yaml\n";
    expect(readYamlFast(text)).toBeDefined();
    const catalog = write("plain.yaml", text);
    expect([...layerFilesOf([catalog])].sort()).toEqual([base, join(dir, "deeper.yaml"), join(dir, "sdk.yaml")].sort());
  });

  it("finds them the same in YAML the fast reader leaves to the positioned one", () => {
    const text = "errcat: 1\nname: &layer base.yaml\nextends: *layer\noverlays:\n  - sdk.yaml\n";
    expect(readYamlFast(text)).toBeUndefined();
    const catalog = write("anchored.yaml", text);
    expect([...layerFilesOf([catalog])].sort()).toEqual([base, join(dir, "deeper.yaml"), join(dir, "sdk.yaml")].sort());
  });

  it("lists nothing for a catalog without layers, or one that cannot be read", () => {
    expect([...layerFilesOf([write("alone.yaml", "errcat: 1\nerrors: []\n"), join(dir, "missing.yaml")])]).toEqual([]);
  });
});
