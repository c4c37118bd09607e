/**
 * Drift that does not depend on how a path is typed or how git checked the files out, a scratch
 * --out that leaves the project's docs alone, and the issue's measure: one changed `fix` makes only
 * the files that carry it stale.
 */
import { copyFile, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generators/index.js";
import { repoRoot, runErrcat, treeBytes } from "../support/cli.js";
import { scratchProject, stalePaths, type ScratchProject } from "./support.js";

const REGIONS = "# Guide\n\n<!-- errcat:begin status 401 -->\n<!-- errcat:end -->\n\nText after.\n";

async function textFilesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.endsWith(".bin")).map((e) => join(e.parentPath, e.name));
}

describe("check after one generate, however the catalog path is spelt", () => {
  let project: ScratchProject;
  beforeAll(async () => {
    project = await scratchProject("spelt");
    const first = await runErrcat(["generate", "-c", "catalog/kms.yaml"], { cwd: project.dir });
    expect(first.code, first.stderr).toBe(0);
  });

  it.each(["catalog/kms.yaml", "./catalog/kms.yaml", "absolute", "catalog/../catalog/kms.yaml"])("check -c %s exits 0", async (spelling) => {
    const path = spelling === "absolute" ? join(project.dir, "catalog/kms.yaml") : spelling;
    const result = await runErrcat(["check", "-c", path], { cwd: project.dir });
    expect(result.stdout).toBe("");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^errcat: out\/kms is up to date \(\d+ files\)\n/);
  });

  it("check exits 0 from a CRLF copy of the catalog", async () => {
    const lf = await project.read("catalog/kms.yaml");
    expect(lf).not.toContain("\r");
    await project.write("catalog/kms.yaml", lf.replace(/\n/g, "\r\n"));
    try {
      const result = await runErrcat(["check"], { cwd: project.dir });
      expect(result.code, result.stdout).toBe(0);
    } finally {
      await project.write("catalog/kms.yaml", lf);
    }
  });

  it("check exits 0 when git's autocrlf checked every generated text file out with CRLF, and 1 when one is really changed", async () => {
    const files = await textFilesBelow(join(project.dir, "out/kms"));
    expect(files.length).toBeGreaterThan(20);
    const originals = new Map<string, string>();
    for (const f of files) {
      const text = await readFile(f, "utf8");
      originals.set(f, text);
      await writeFile(f, text.replace(/\n/g, "\r\n"));
    }
    try {
      const clean = await runErrcat(["check"], { cwd: project.dir });
      expect(clean.code, clean.stdout.slice(0, 2000)).toBe(0);
      const index = join(project.dir, "out/kms/index.ts");
      await writeFile(index, `${originals.get(index)!.replace(/\n/g, "\r\n")}// edited\r\n`);
      const edited = await runErrcat(["check"], { cwd: project.dir });
      expect(edited.code).toBe(1);
      expect(stalePaths(edited.stderr)).toEqual(["stale:out/kms/index.ts"]);
    } finally {
      for (const [f, text] of originals) await writeFile(f, text);
    }
  });
});

describe("a project with a config, checked from a subfolder and with the config named three ways", () => {
  it("exits 0 each time after one generate", async () => {
    const project = await scratchProject("spelt-config");
    // The glob matches kms.yaml and the overlay it lists (kms.sdk.yaml), which is a layer, not a catalog.
    await project.write("errcat.config.yaml", "catalogs: [catalog/*.yaml]\ngenerate:\n  - target: typescript\n    out: src/generated/{service}\n  - target: markdown\n    out: docs/{service}-errors.md\n");
    await project.write("src/app/main.ts", "export {};\n");
    expect((await runErrcat(["generate"], { cwd: project.dir })).code).toBe(0);
    expect((await readdir(join(project.dir, "src/generated"))).sort()).toEqual(["kms"]);
    const header = (await project.read("src/generated/kms/index.ts")).split("\n")[0]!;
    // The header names the catalog relative to the config's folder, never as an absolute path.
    expect(header).toContain("from catalog/kms.yaml");
    expect(header).not.toContain(project.dir);
    for (const [cwd, args] of [
      [join(project.dir, "src/app"), []],
      [project.dir, ["--config", "errcat.config.yaml"]],
      [project.dir, ["--config", "./errcat.config.yaml"]],
      [join(project.dir, "src"), ["--config", join(project.dir, "errcat.config.yaml")]],
      [project.dir, ["-c", "./catalog/kms.yaml"]],
    ] as const) {
      const result = await runErrcat(["check", ...args], { cwd });
      expect(result.code, `${cwd} ${args.join(" ")}: ${result.stdout}`).toBe(0);
    }
  });
});

describe("a config with two catalogs, one per service", () => {
  it("generates each service's output where the config says, and check exits 0, then names only the edited service's files", async () => {
    const project = await scratchProject("two-services");
    await copyFile(join(repoRoot, "test/golden/catalog.yaml"), join(project.dir, "catalog/vault.yaml"));
    await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml, catalog/vault.yaml]\ngenerate:\n  - target: typescript\n    out: src/generated/{service}\n  - target: markdown\n    out: docs/{service}-errors.md\n  - target: json\n    out: data/{service}\n");
    const generated = await runErrcat(["generate"], { cwd: project.dir });
    expect(generated.code, generated.stderr).toBe(0);
    expect((await readdir(join(project.dir, "src/generated"))).sort()).toEqual(["kms", "vault"]);
    expect((await readdir(join(project.dir, "docs"))).sort()).toEqual(["kms-errors.md", "vault-errors.md"]);
    expect((await readdir(join(project.dir, "data"))).sort()).toEqual(["kms", "vault"]);
    for (const [service, errorClass] of [["kms", "KmsError"], ["vault", "VaultError"]] as const) {
      const index = await project.read(`src/generated/${service}/index.ts`);
      expect(index.split("\n")[0]).toContain(`from catalog/${service}.yaml`);
      expect(index).toContain(errorClass);
      expect(await project.read(`docs/${service}-errors.md`)).toContain(`from catalog/${service}.yaml`);
      expect(JSON.parse(await project.read(`data/${service}/catalog.json`))).toMatchObject({ service: { name: service } });
    }
    const checked = await runErrcat(["check"], { cwd: project.dir });
    expect(checked.code, checked.stdout.slice(0, 2000)).toBe(0);

    const vault = await project.read("catalog/vault.yaml");
    const edited = vault.replace(/^( {4}fix: .+)$/m, "$1 Then retry.");
    expect(edited).not.toBe(vault);
    await project.write("catalog/vault.yaml", edited);
    const stale = await runErrcat(["check"], { cwd: project.dir });
    expect(stale.code).toBe(1);
    expect(stalePaths(stale.stderr).length).toBeGreaterThan(0);
    expect(stalePaths(stale.stderr).filter((p) => !/vault/.test(p))).toEqual([]);
  });
});

describe("generate -o <scratch>", () => {
  it("leaves the project's docs.sync files byte-identical, in a project with a config and in one without", async () => {
    const withConfig = await scratchProject("scratch-config", { readme: REGIONS });
    await withConfig.write("docs/guide.md", REGIONS);
    await withConfig.write("errcat.config.yaml", "generate:\n  - target: markdown\n    out: docs/errors.md\n  - target: json\ndocs:\n  sync: [README.md, docs/guide.md]\n");
    // The catalog's own docs.sync lists ../README.md: a project without a config syncs that one.
    const withoutConfig = await scratchProject("scratch-plain", { readme: REGIONS });
    for (const project of [withConfig, withoutConfig]) {
      const real = await runErrcat(["generate"], { cwd: project.dir });
      expect(real.code, real.stderr).toBe(0);
      const readme = await project.read("README.md");
      expect(readme).not.toBe(REGIONS); // the real run filled the region
      expect(readme).toContain("SignatureNotMatch");
      const before = await treeBytes(project.dir);
      const out = await mkdtemp(join(tmpdir(), "errcat-scratch-out-"));
      const scratch = await runErrcat(["generate", "-o", relative(project.dir, out)], { cwd: project.dir });
      expect(scratch.code, scratch.stderr).toBe(0);
      expect(await treeBytes(project.dir)).toEqual(before);
      // The scratch output is there, and check against it is clean without touching the docs either.
      expect((await readdir(join(out, "kms"))).length).toBeGreaterThan(0);
      expect((await runErrcat(["check", "-o", out], { cwd: project.dir })).code).toBe(0);
      expect(await treeBytes(project.dir)).toEqual(before);
    }
  });
});

describe("the measure: a change to one entry's fix", () => {
  const oldFix = "fix: Check the API name and correct it.";
  const newFix = "fix: Check the API name, then correct it.";

  async function staleAfterFixEdit(project: ScratchProject): Promise<string[]> {
    expect((await runErrcat(["generate"], { cwd: project.dir })).code).toBe(0);
    const catalog = await project.read("catalog/kms.yaml");
    expect(catalog.split(oldFix)).toHaveLength(2);
    await project.write("catalog/kms.yaml", catalog.replace(oldFix, newFix));
    const result = await runErrcat(["check"], { cwd: project.dir });
    expect(result.code).toBe(1);
    return stalePaths(result.stderr);
  }

  it("makes exactly these files stale, with the nine targets the issue measured", async () => {
    const project = await scratchProject("one-fix-pinned");
    await project.write("errcat.config.yaml", `generate:\n${["json", "fixtures", "regex", "proto", "markdown", "typescript", "python", "go", "java"].map((t) => `  - target: ${t}\n`).join("")}`);
    expect(await staleAfterFixEdit(project)).toEqual([
      "stale:out/kms/ERRORS.md",
      "stale:out/kms/catalog.json",
      "stale:out/kms/errcat.manifest.json",
      "stale:out/kms/go/catalog.go",
      "stale:out/kms/index.ts",
      "stale:out/kms/java/src/main/java/dev/errcat/kms/v1/errors/ErrorCode.java",
      "stale:out/kms/proto/errcat/kms/v1/errors.proto",
      "stale:out/kms/python/kms_errors/__init__.py",
    ]);
  });

  it("makes only the docs and the files that carry fix stale, with every built-in target", async () => {
    const project = await scratchProject("one-fix");
    const stale = await staleAfterFixEdit(project);
    // Each of them, but the manifest (which holds the catalog's hash), carries the new text; no other file does.
    const fresh = await generate({ cwd: project.dir, write: false });
    const carrying = fresh.files.filter((f) => typeof f.contents === "string" && f.contents.includes("Check the API name, then correct it.")).map((f) => `stale:${f.path}`);
    expect([...carrying, "stale:out/kms/errcat.manifest.json"].sort()).toEqual(stale);
    expect(stale).toEqual(expect.arrayContaining(["stale:out/kms/ERRORS.md", "stale:out/kms/catalog.json", "stale:out/kms/index.ts"]));
    for (const untouched of ["fixtures/index.json", "patterns.json", "patterns.ts", "runtime.ts", "proto/buf.yaml"]) {
      expect(fresh.files.some((f) => f.path === `out/kms/${untouched}`), untouched).toBe(true);
      expect(stale).not.toContain(`stale:out/kms/${untouched}`);
    }
  });
});
