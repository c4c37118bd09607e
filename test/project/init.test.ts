/**
 * `errcat init`: starter files that are valid and generate at once, a refusal to overwrite anything,
 * and --from-page, which starts the catalog from a vendor's error page.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadCatalog } from "../../generators/catalog/index.js";
import { loadConfig } from "../../generators/config/config.js";
import { BUILTIN_TARGETS } from "../../generators/target/registry.js";
import { repoRoot, runErrcat, treeBytes } from "../support/cli.js";

const emptyFolder = () => mkdtemp(join(tmpdir(), "errcat-init-"));

describe("errcat init", () => {
  it("writes a config, a catalog and both schemas that are valid as written, and generate and check pass at once", async () => {
    const dir = await emptyFolder();
    const init = await runErrcat(["init"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toBe("Next: npx errcat generate\n");
    expect(Object.keys(await treeBytes(dir))).toEqual(["catalog/errcat.schema.json", "catalog/myapi.yaml", "errcat.config.schema.json", "errcat.config.yaml"]);

    // Editors check the files with the schemas beside them: the same ones `errcat schema` prints.
    const config = await readFile(join(dir, "errcat.config.yaml"), "utf8");
    expect(config.split("\n")[0]).toBe("# yaml-language-server: $schema=./errcat.config.schema.json");
    // The config names every built-in target: two as outputs, the others in a comment.
    const named = [...config.matchAll(/^  - target: (\S+)$/gm)].map((m) => m[1]!);
    const others = /^  # Other targets: (.*), or a plugin module's path\.$/m.exec(config)?.[1]?.split(", ") ?? [];
    expect([...named, ...others].sort()).toEqual(Object.keys(BUILTIN_TARGETS).sort());
    expect(await readFile(join(dir, "errcat.config.schema.json"), "utf8")).toBe((await runErrcat(["schema", "--config"])).stdout);
    expect(await readFile(join(dir, "catalog/errcat.schema.json"), "utf8")).toBe((await runErrcat(["schema"])).stdout);
    const catalog = await readFile(join(dir, "catalog/myapi.yaml"), "utf8");
    expect(catalog.split("\n")[0]).toBe("# yaml-language-server: $schema=./errcat.schema.json");

    const resolved = loadConfig({ cwd: dir });
    expect(resolved.catalogs).toEqual([join(dir, "catalog/myapi.yaml")]);
    expect(resolved.outputs!.map((o) => [o.target, o.out])).toEqual([["typescript", "src/generated/{service}"], ["markdown", "docs/{service}-errors.md"]]);
    // One example entry, its keys commented for the reader.
    const model = await loadCatalog("catalog/myapi.yaml", dir);
    expect(model.entries.map((e) => e.id)).toEqual(["key-not-found"]);
    expect(catalog).toMatch(/^ {4}number: 1 +# /m);

    const generate = await runErrcat(["generate"], { cwd: dir });
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stderr).toBe("errcat: src/generated/myapi: 4 written, 0 unchanged, 0 deleted\nerrcat: docs/myapi-errors.md: written\n");
    expect((await runErrcat(["check"], { cwd: dir })).code).toBe(0);
  });

  it("never overwrites: an existing config or catalog stops it before anything is written", async () => {
    const dir = await emptyFolder();
    await writeFile(join(dir, "errcat.config.yaml"), "# mine\n");
    const before = await treeBytes(dir);
    const refused = await runErrcat(["init"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("errcat: errcat.config.yaml already exists: errcat init never overwrites a file; edit it, or run init in another folder\n");
    expect(await treeBytes(dir)).toEqual(before);

    // Run twice: the second run changes nothing.
    const fresh = await emptyFolder();
    expect((await runErrcat(["init"], { cwd: fresh })).code).toBe(0);
    const initialised = await treeBytes(fresh);
    const again = await runErrcat(["init"], { cwd: fresh });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^errcat: errcat\.config\.yaml and catalog\/myapi\.yaml already exist: errcat init never overwrites a file/);
    expect(await treeBytes(fresh)).toEqual(initialised);
  });

  it("leaves a schema file that is already there as it is, and writes the rest", async () => {
    const dir = await emptyFolder();
    await writeFile(join(dir, "errcat.config.schema.json"), "{}\n");
    const init = await runErrcat(["init", "--service", "billing"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain("errcat: errcat.config.schema.json: exists, left as it is\n");
    expect(await readFile(join(dir, "errcat.config.schema.json"), "utf8")).toBe("{}\n");
    expect(Object.keys(await treeBytes(dir))).toEqual(["catalog/billing.yaml", "catalog/errcat.schema.json", "errcat.config.schema.json", "errcat.config.yaml"]);
  });

  it("--dir writes into another folder and says where to go next; a bad --service is refused", async () => {
    const dir = await emptyFolder();
    const init = await runErrcat(["init", "--dir", "app"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toBe("Next: cd app && npx errcat generate\n");
    expect(Object.keys(await treeBytes(join(dir, "app")))).toContain("errcat.config.yaml");
    const bad = await runErrcat(["init", "--service", "My-API"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("errcat: --service My-API: a service name is lower-case letters and digits, such as `kms`\n");
  });

  it("--from-page imports the vendor's page into the catalog: the same codes and messages as the entries of catalog/kms.yaml, valid and generating", async () => {
    const dir = await emptyFolder();
    const page = join(repoRoot, "test/fixtures/kms-vendor-error-page.md");
    const init = await runErrcat(["init", "--service", "kms", "--from-page", page], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    const imported = await loadCatalog("catalog/kms.yaml", dir);
    // The page's rows are the entries of catalog/kms.yaml itself (its overlays add what the SDKs know).
    const ours = (parseYaml(await readFile(join(repoRoot, "catalog/kms.yaml"), "utf8")) as { errors: { httpStatus: number; code?: string; message?: string }[] }).errors;
    const rows = (entries: readonly { httpStatus: number; code?: string | undefined; message?: string | undefined }[]) => entries.map((e) => `${e.httpStatus} ${e.code ?? "-"} ${e.message ?? "-"}`).sort();
    expect(rows(imported.entries)).toEqual(rows(ours));
    expect((await runErrcat(["generate"], { cwd: dir })).code).toBe(0);
    expect((await readFile(join(dir, "src/generated/kms/index.ts"), "utf8")).length).toBeGreaterThan(1000);
    // A page that is not there is one sentence, and nothing is written.
    const other = await emptyFolder();
    const missing = await runErrcat(["init", "--from-page", "no-such-page.md"], { cwd: other });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("errcat: cannot read no-such-page.md (ENOENT): check the path given to --from-page\n");
    expect(await treeBytes(other)).toEqual({});
  });
});
