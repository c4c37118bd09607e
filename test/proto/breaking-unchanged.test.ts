/**
 * The wire check on an unchanged .proto: the same files, byte for byte, are compatible under any rule,
 * so it answers without buf; a .proto that differs still goes to buf breaking.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findBreakingChanges, findBuf, wireProblemMessage } from "../../generators/proto/breaking.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PROTO = 'syntax = "proto3";\npackage demo.v1;\nmessage Error {\n  int32 status_code = 1;\n  string code = 2;\n}\n';
const BUF_YAML = "version: v2\nbreaking:\n  use:\n    - WIRE_JSON\n";

function committed(proto: string): string {
  const dir = mkdtempSync(join(tmpdir(), "errcat-wire-unchanged-"));
  dirs.push(dir);
  for (const [path, text] of [["buf.yaml", BUF_YAML], ["demo/v1/errors.proto", proto]] as const) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const module = (proto: string) => [{ path: "buf.yaml", contents: BUF_YAML }, { path: "demo/v1/errors.proto", contents: proto }];

describe("findBreakingChanges", () => {
  it("finds nothing when the .proto files are the committed ones, byte for byte", async () => {
    expect(await findBreakingChanges(committed(PROTO), module(PROTO))).toEqual({ kind: "checked", changes: [] });
    expect(await findBreakingChanges("/nonexistent", module(PROTO), module(PROTO))).toEqual({ kind: "checked", changes: [] });
  });

  it.skipIf(findBuf() === undefined)("still asks buf when a .proto differs: a renumbered field is breaking", async () => {
    const renumbered = PROTO.replace("string code = 2;", "string code = 3;");
    const report = await findBreakingChanges(committed(PROTO), module(renumbered));
    expect(report.kind).toBe("checked");
    expect(report.kind === "checked" ? report.changes.map((c) => c.rule) : []).toContain("FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED");
  });
});

describe("findBreakingChanges without buf", () => {
  it("is a BUF_MISSING finding that says how to install buf, not a pass, when a .proto differs", async () => {
    const renumbered = PROTO.replace("string code = 2;", "string code = 3;");
    const report = await findBreakingChanges(committed(PROTO), module(renumbered), undefined, () => undefined);
    const missing = { path: "buf.yaml", line: 1, column: 1, rule: "BUF_MISSING", message: "buf is not installed, so wire compatibility cannot be checked: reinstall errcat (it depends on @bufbuild/buf), or put buf on PATH" };
    expect(report).toEqual({ kind: "checked", changes: [missing] });
    // errcat check prints it as it is, not as a breaking change to reserve numbers for.
    expect(wireProblemMessage(missing)).toBe(missing.message);
    expect(wireProblemMessage({ ...missing, rule: "FIELD_NO_DELETE", message: "Field deleted." })).toBe("breaking change: Field deleted.: reserve removed numbers and ids in the catalog, never renumber");
  });

  it("does not need buf for files that are the same, byte for byte", async () => {
    expect(await findBreakingChanges(committed(PROTO), module(PROTO), undefined, () => undefined)).toEqual({ kind: "checked", changes: [] });
  });
});
