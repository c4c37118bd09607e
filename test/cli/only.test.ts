/** --only regenerates or checks some targets of a shared output folder and leaves the others' files alone. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runErrcat } from "../support/cli.js";

const scratch = mkdtempSync(join(tmpdir(), "errcat-only-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const out = join(scratch, "out");

describe("--only", () => {
  it("keeps the files of the targets it does not run, in the folder and in the manifest", async () => {
    expect((await runErrcat(["generate", "-o", out])).code).toBe(0);
    const manifest = () => JSON.parse(readFileSync(join(out, "kms/errcat.manifest.json"), "utf8")) as { files: { path: string; target?: string }[] };
    const before = manifest();
    expect(before.files.find((f) => f.path === "index.ts")?.target).toBe("typescript");
    expect(before.files.find((f) => f.path === "python/pyproject.toml")?.target).toBe("python");

    writeFileSync(join(out, "kms/index.ts"), "// edited by hand\n");
    const r = await runErrcat(["generate", "-o", out, "--only", "typescript"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 written, \d+ unchanged, 0 deleted/);
    expect(existsSync(join(out, "kms/python/pyproject.toml"))).toBe(true);
    expect(manifest()).toEqual(before);

    const check = await runErrcat(["check", "-o", out, "--only", "typescript", "--typecheck"]);
    expect(check.code, check.stderr).toBe(0);
  });

  it("names an unknown target with a did-you-mean: exit 2", async () => {
    const r = await runErrcat(["generate", "-o", out, "--only", "typscript"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean `typescript`?");
  });
});
