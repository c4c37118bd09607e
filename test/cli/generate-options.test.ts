import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeWorkspace, runErrcat } from "../support/cli.js";

const REGION = "# Project\n\n<!-- errcat:begin status 401 -->\n<!-- errcat:end -->\n\nAfter.\n";

describe("errcat generate and check, docs sync and unwritable output", () => {
  it("a scratch --out leaves the docs.sync regions alone unless --docs-sync asks, and --no-docs-sync always does", async () => {
    const dir = await makeWorkspace("no-docs-sync");
    writeFileSync(join(dir, "README.md"), REGION);
    for (const flags of [["--no-docs-sync"], []]) {
      const skipped = await runErrcat(["generate", ...flags, "-o", "scratch"], { cwd: dir });
      expect(skipped.code, skipped.stderr).toBe(0);
      expect(readFileSync(join(dir, "README.md"), "utf8"), flags.join(" ")).toBe(REGION);
      expect((await runErrcat(["check", ...flags, "-o", "scratch"], { cwd: dir })).code).toBe(0);
    }
    // Asked for, the stale region is drift, and generate fills it.
    expect((await runErrcat(["check", "--docs-sync", "-o", "scratch"], { cwd: dir })).code).toBe(1);
    expect((await runErrcat(["generate", "--docs-sync", "-o", "scratch"], { cwd: dir })).code).toBe(0);
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(readme).toContain("SignatureNotMatch");
    expect(readme).toContain("scratch/kms/ERRORS.md");
    expect(readme.endsWith("<!-- errcat:end -->\n\nAfter.\n")).toBe(true);
  });

  it("an --out it cannot write is invalid input: exit 2, one sentence, no stack trace", async () => {
    const dir = await makeWorkspace("unwritable");
    writeFileSync(join(dir, "a-file"), "not a folder\n");
    const r = await runErrcat(["generate", "--no-docs-sync", "-o", "a-file/out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("errcat: cannot write a-file/out/kms: a-file is a file, where a folder must be: move it away or choose another output folder; nothing was written\n");
  });
});
