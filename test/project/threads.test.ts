/**
 * ERRCAT_THREADS=2: built-in targets shared between two threads. The output is the one thread's, byte
 * for byte; a target that fails on the second thread fails the run as it would on one, and the previous
 * output stays; any other value is refused before anything is written.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syntheticCatalog } from "../../bench/synthetic.mjs";
import { makeWorkspace, runErrcat, treeBytes } from "../support/cli.js";

describe("ERRCAT_THREADS=2", () => {
  it("writes what one thread writes, byte for byte, with some targets run on the second thread", async () => {
    const dir = await makeWorkspace("threads");
    writeFileSync(join(dir, "catalog/synthetic.yaml"), syntheticCatalog(300));
    for (const catalog of ["catalog/kms.yaml", "catalog/synthetic.yaml"]) {
      const one = await runErrcat(["generate", "--no-docs-sync", "-c", catalog, "-o", "one"], { cwd: dir, env: { ERRCAT_THREADS: "1", ERRCAT_PROFILE: "1" } });
      const two = await runErrcat(["generate", "--no-docs-sync", "-c", catalog, "-o", "two"], { cwd: dir, env: { ERRCAT_THREADS: "2", ERRCAT_PROFILE: "1" } });
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(0);
      // The second thread's phases are in the profile line: it did run targets.
      expect(two.stderr).toMatch(/helper:load-catalog=\d+ms/);
      expect(two.stderr).toMatch(/helper:(markdown|html|java)=\d+ms/);
      expect(one.stderr).not.toMatch(/helper:/);
      const a = await treeBytes(join(dir, "one"));
      const b = await treeBytes(join(dir, "two"));
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const path of Object.keys(a)) expect(b[path], `${catalog}: ${path}`).toBe(a[path]);
      // And again over its own output: nothing to change.
      const again = await runErrcat(["generate", "--no-docs-sync", "-c", catalog, "-o", "two"], { cwd: dir, env: { ERRCAT_THREADS: "2" } });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout + again.stderr).toMatch(/0 written, \d+ unchanged, 0 deleted/);
    }
  }, 120_000);

  it("fails as one thread does when a target on the second thread fails, and leaves the previous output", async () => {
    const dir = await makeWorkspace("threads-fail");
    mkdirSync(join(dir, "my-templates"));
    writeFileSync(join(dir, "errcat.config.yaml"), "catalogs: [catalog/kms.yaml]\ntemplates: my-templates\n");
    const first = await runErrcat(["generate"], { cwd: dir, env: { ERRCAT_THREADS: "2" } });
    expect(first.code, first.stderr).toBe(0);
    const before = await treeBytes(join(dir, "out"));
    // ERRORS.md's template, with a helper that does not exist.
    writeFileSync(join(dir, "my-templates/errors.md.hbs"), "{{{preambleLine}}}\n{{no-such-helper title}}\n");
    const one = await runErrcat(["generate"], { cwd: dir, env: { ERRCAT_THREADS: "1" } });
    const two = await runErrcat(["generate"], { cwd: dir, env: { ERRCAT_THREADS: "2" } });
    // The user's error, at the override's line and column, from either thread.
    expect(one.code, one.stderr).toBe(2);
    expect(one.stderr.split("\n")[0]).toMatch(/^my-templates\/errors\.md\.hbs:2:1: `no-such-helper` is not a helper of this template's target; /);
    expect(two.code).toBe(one.code);
    expect(two.stderr.split("\n")[0]).toBe(one.stderr.split("\n")[0]);
    expect(await treeBytes(join(dir, "out"))).toEqual(before);
  }, 120_000);

  it("is 1 or 2: another value is refused, and nothing is written", async () => {
    const dir = await makeWorkspace("threads-bad");
    const r = await runErrcat(["generate"], { cwd: dir, env: { ERRCAT_THREADS: "4" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("ERRCAT_THREADS=4: errcat runs its targets on 1 thread (the default) or 2; set it to 1 or 2, or unset it");
    expect(() => readFileSync(join(dir, "out/kms/errcat.manifest.json"))).toThrow();
  });
});
