/**
 * The bad-config corpus: each `bad/<case>.yaml` is an errcat.config.yaml with one mistake (one holds
 * several), and `<case>.expected.json` its exact diagnostics. Each runs in a scratch project that has
 * the KMS catalog, a README and `support/` (plugins that are not targets, a file where a folder goes),
 * with `--config <case>.yaml`. Every case must exit 2 without a stack trace and write nothing.
 *
 * ERRCAT_UPDATE_EXPECTED=1 npx vitest run test/config/bad-configs.test.ts rewrites the .expected.json
 * files from what the code reports: review the diff before committing it.
 */
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError, formatDiagnostic, type Diagnostic } from "../../generators/catalog/diagnostics.js";
import { planProject } from "../../generators/project.js";
import { CONFIG_RULES } from "../../generators/config/rules.js";
import { runErrcat, treeBytes } from "../support/cli.js";
import { scratchProject } from "../project/support.js";

const dir = new URL("./bad/", import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -".yaml".length)).sort();

interface Expected {
  readonly exitCode: number;
  readonly diagnostics: readonly Diagnostic[];
}

const expectedOf = (name: string) => JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), "utf8")) as Expected;

/** A scratch project holding the case's config, the KMS catalog, support/ and a previous out/kms/. */
async function projectFor(name: string): Promise<string> {
  const project = await scratchProject(`bad-config-${name}`);
  await cp(new URL("support/", dir), join(project.dir, "support"), { recursive: true });
  await cp(new URL(`${name}.yaml`, dir), join(project.dir, `${name}.yaml`));
  // Output a previous run left: a failed run must leave it byte for byte.
  await mkdir(join(project.dir, "out/kms"), { recursive: true });
  await writeFile(join(project.dir, "out/kms/ERRORS.md"), "# The previous output\n");
  return project.dir;
}

async function diagnosticsOf(name: string, cwd: string): Promise<Diagnostic[]> {
  try {
    await planProject({ config: `${name}.yaml`, cwd, version: "0.0.0-test" });
  } catch (error) {
    if (error instanceof CatalogError) return [...error.diagnostics];
    throw error;
  }
  throw new Error(`${name}.yaml: planned without a problem`);
}

describe("the bad-config corpus", () => {
  it("has at least 15 configs, each with its expected diagnostics, and no stray sidecar", async () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    const sidecars = (await readdir(dir)).filter((f) => f.endsWith(".expected.json")).map((f) => f.slice(0, -".expected.json".length)).sort();
    expect(sidecars).toEqual(names);
  });

  it("covers every declared config rule (a --config that cannot be read is below), and reports no other", () => {
    const rules = new Set(names.flatMap((n) => expectedOf(n).diagnostics.map((d) => d.rule)));
    const declared = CONFIG_RULES.map((r) => r.id).filter((id) => id !== "config");
    expect([...rules].sort()).toEqual([...declared, "yaml-syntax"].sort());
  });

  describe.each(names)("%s.yaml", (name) => {
    it("gives exactly the expected diagnostics, positioned in the config file", async () => {
      const cwd = await projectFor(name);
      const diagnostics = await diagnosticsOf(name, cwd);
      if (process.env.ERRCAT_UPDATE_EXPECTED === "1") {
        writeFileSync(new URL(`${name}.expected.json`, dir), `${JSON.stringify({ exitCode: 2, diagnostics }, null, 2)}\n`);
      }
      expect(diagnostics).toEqual(expectedOf(name).diagnostics);
      for (const d of diagnostics) {
        // "<what is wrong>: <how to fix it>", in the config file, at a real line.
        expect(d.file).toBe(`${name}.yaml`);
        expect(d.message).toMatch(/^.{8,}: .{8,}$/s);
        expect(d.line).toBeGreaterThan(1); // line 1 of every case is its comment: nothing points there
      }
    });

    it("makes `errcat generate` print them as file:line:col and exit 2, with no stack trace and nothing written", async () => {
      const cwd = await projectFor(name);
      const before = await treeBytes(cwd);
      const result = await runErrcat(["generate", "--config", `${name}.yaml`], { cwd });
      const { exitCode, diagnostics } = expectedOf(name);
      expect(result.code, result.stderr).toBe(exitCode);
      expect(result.stdout).toBe("");
      const n = diagnostics.length;
      expect(result.stderr).toBe(`${[...diagnostics.map(formatDiagnostic), `errcat: ${n} problem${n === 1 ? "" : "s"}; nothing was written`].join("\n")}\n`);
      expect(await treeBytes(cwd)).toEqual(before);
    });
  });
});

describe("config problems outside the corpus", () => {
  it("a --config that names no file is one diagnostic naming the path as typed, exit 2", async () => {
    const cwd = await projectFor("empty-generate");
    const result = await runErrcat(["check", "--config", "errcat/none.yaml"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("errcat/none.yaml:1:1: cannot read the config file (ENOENT): check the path given to --config [config]\nerrcat: 1 problem; nothing was written\n");
  });

  it("a config found in a folder above is named relative to the working directory", async () => {
    const cwd = await projectFor("unknown-top-level-key");
    await cp(join(cwd, "unknown-top-level-key.yaml"), join(cwd, "errcat.config.yaml"));
    await mkdir(join(cwd, "src/deep"), { recursive: true });
    const result = await runErrcat(["generate"], { cwd: join(cwd, "src/deep") });
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("../../errcat.config.yaml:3:1: unknown key `generat` in the config: did you mean `generate`? [config-unknown-key]");
  });

  it("--only with a target the config has no output of is one sentence, exit 2, no stack trace", async () => {
    const cwd = await projectFor("one-file-out-for-several-files");
    await writeFile(join(cwd, "errcat.config.yaml"), "generate:\n  - target: json\n");
    const before = await treeBytes(cwd);
    const typo = await runErrcat(["generate", "--only", "jsn"], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("errcat: --only jsn: no output of target `jsn` is in errcat.config.yaml; did you mean `json`?\n");
    const absent = await runErrcat(["check", "--only", "proto"], { cwd });
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(/^errcat: --only proto: no output of target `proto` is in errcat\.config\.yaml/);
    expect(absent.stderr).not.toMatch(/^\s+at /m);
    expect(await treeBytes(cwd)).toEqual(before);
  });
});
