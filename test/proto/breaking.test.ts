/**
 * `errcat check` runs `buf breaking` of the fresh .proto against the committed one: a removed entry
 * (number and id not reserved) or a renumbered wire field is reported and exits 1; a removal that
 * reserves both is only text drift.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { main } from "../../generators/cli.js";
import { findBuf } from "../../generators/proto/breaking.js";

const buf = findBuf();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp copy of catalog/kms.yaml (without docs sync, which points outside the copy), generated into <tmp>/out. */
async function generatedCopy(): Promise<{ catalog: string; out: string; edit: (change: (doc: ReturnType<typeof parseDocument>) => void) => void }> {
  const dir = mkdtempSync(join(tmpdir(), "errcat-wire-test-"));
  dirs.push(dir);
  const catalog = join(dir, "kms.yaml");
  const doc = parseDocument(readFileSync("catalog/kms.yaml", "utf8"));
  doc.deleteIn(["service", "docs"]);
  writeFileSync(catalog, doc.toString());
  // The overlay the catalog lists sits beside it.
  copyFileSync("catalog/kms.sdk.yaml", join(dir, "kms.sdk.yaml"));
  const out = join(dir, "out");
  const quiet = { out: () => {}, err: () => {}, color: false };
  expect(await main(["generate", "--catalog", catalog, "--out", out], quiet)).toBe(0);
  return {
    catalog,
    out,
    edit(change) {
      const d = parseDocument(readFileSync(catalog, "utf8"));
      change(d);
      writeFileSync(catalog, d.toString());
    },
  };
}

async function check(catalog: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["check", "--catalog", catalog, "--out", out], { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

describe.skipIf(buf === undefined)(`errcat check: buf breaking${buf === undefined ? " (skipped: buf is not installed)" : ""}`, () => {
  it("passes on an unchanged catalog", async () => {
    const { catalog, out } = await generatedCopy();
    const r = await check(catalog, out);
    expect(r.stderr).not.toMatch(/breaking|not checked|skipped/);
    expect(r.code).toBe(0);
  });

  it("reports a removed entry whose number is not reserved", async () => {
    const { catalog, out, edit } = await generatedCopy();
    edit((d) => d.deleteIn(["errors", 0]));
    const r = await check(catalog, out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/proto\/errcat\/kms\/v1\/errors\.proto:\d+:\d+: breaking change: .*"1".*\[ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED\]/);
    expect(r.stderr).toMatch(/the proto check found \d+ problems?\n/);
  });

  it("accepts the removal once the number and id are reserved (text drift only)", async () => {
    const { catalog, out, edit } = await generatedCopy();
    edit((d) => {
      d.deleteIn(["errors", 0]);
      d.set("reserved", [{ number: 1, id: "invalid-api-name", reason: "the server no longer sends it" }]);
    });
    const r = await check(catalog, out);
    expect(r.code).toBe(1); // the .proto text changed
    expect(r.stdout).not.toMatch(/breaking change/);
    expect(r.stdout).toMatch(/\+ {2}reserved 1;/);
    expect(r.stdout).toMatch(/\+ {2}reserved "ERROR_CODE_INVALID_API_NAME";/);
  });

  it("reports a renumbered wire field", async () => {
    const { catalog, out, edit } = await generatedCopy();
    edit((d) => d.setIn(["service", "wire", "fields", 0, "number"], 5));
    const r = await check(catalog, out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/breaking change: .*"1".*\[FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED\]/);
  });

  it("reports a renumbered entry", async () => {
    const { catalog, out, edit } = await generatedCopy();
    edit((d) => d.setIn(["errors", 1, "number"], 40));
    const r = await check(catalog, out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/breaking change: .*\[ENUM_VALUE_(NO_DELETE_UNLESS_NUMBER_RESERVED|SAME_NAME)\]/);
  });

  it("says so, and does not fail, when nothing is committed yet", async () => {
    const { catalog, out } = await generatedCopy();
    rmSync(join(out, "kms", "proto"), { recursive: true });
    const r = await check(catalog, out);
    expect(r.stderr).toMatch(/proto check skipped: .*buf\.yaml does not exist yet/);
  });
});
