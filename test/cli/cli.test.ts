/**
 * The `errcat` command as a user runs it: a real process (node bin/errcat.js, dist/ built by
 * test/setup/build.ts), its exit codes (0 ok, 1 drift, 2 invalid input), its output and NO_COLOR.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../generators/catalog/rules.js";
import { rulesOf } from "../../generators/target/name-rules.js";
import { BUILTIN_TARGETS } from "../../generators/target/registry.js";
import { errcatBin, makeWorkspace, repoRoot, runErrcat, treeBytes } from "../support/cli.js";

const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const badCatalog = "test/bad-catalogs/several-mistakes-in-entries.yaml";
const STACK_LINE = /^\s+at .+[(:]\d+/m;
const ESCAPE = "\u001b";

describe("errcat --help and --version", () => {
  it("--help prints usage with every command and exits 0", async () => {
    const result = await runErrcat(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: errcat \[options\] \[command\]/);
    for (const command of ["generate", "check", "validate", "schema"]) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("--version prints the package version and exits 0", async () => {
    const result = await runErrcat(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("an unknown command exits 2 with a hint and no stack trace", async () => {
    const result = await runErrcat(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain("errcat --help");
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("an unknown option exits 2", async () => {
    const result = await runErrcat(["validate", "--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
  });
});

describe("errcat validate", () => {
  it("exits 0 for catalog/kms.yaml", async () => {
    const result = await runErrcat(["validate", "catalog/kms.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("errcat: catalog/kms.yaml: valid\n");
  });

  it("exits 2 for a bad catalog, printing file:line:col for every problem and no stack trace", async () => {
    const result = await runErrcat(["validate", badCatalog]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(new RegExp(`^${badCatalog.replace(/[.]/g, "\\.")}:\\d+:\\d+: .+ \\[[a-z-]+\\]$`));
    expect(lines.at(-1)).toBe(`errcat: ${lines.length - 1} problems in ${badCatalog}`);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("exits 2 for a file that does not exist, saying so", async () => {
    const result = await runErrcat(["validate", "catalog/no-such.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("catalog/no-such.yaml:1:1: cannot read the catalog: no such file");
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("--json prints { diagnostics: [{ file, line, column, rule, message }] } on stdout", async () => {
    const bad = await runErrcat(["validate", "--json", badCatalog]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("");
    const parsed = JSON.parse(bad.stdout) as { diagnostics: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(["diagnostics"]);
    expect(parsed.diagnostics.length).toBeGreaterThan(3);
    for (const d of parsed.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(["column", "file", "line", "message", "rule"]);
      expect(d.file).toBe(badCatalog);
      expect(Number.isInteger(d.line) && Number.isInteger(d.column)).toBe(true);
      expect(typeof d.rule === "string" && typeof d.message === "string").toBe(true);
    }
    const good = await runErrcat(["validate", "--json", "catalog/kms.yaml"]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ diagnostics: [] });
  });
});

describe("errcat schema", () => {
  const committed = () => readFileSync(join(repoRoot, "catalog/errcat.schema.json"), "utf8");

  it("prints the committed catalog/errcat.schema.json", async () => {
    const result = await runErrcat(["schema"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(committed());
  });

  it("--config prints the committed catalog/errcat.config.schema.json, which names every built-in target", async () => {
    const result = await runErrcat(["schema", "--config"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(repoRoot, "catalog/errcat.config.schema.json"), "utf8"));
    const schema = JSON.parse(result.stdout) as { properties: { generate: { items: { properties: { target: { description: string } } } } } };
    const description = schema.properties.generate.items.properties.target.description;
    expect(/^A built-in target \((.*)\) or the path of a plugin module/.exec(description)?.[1]?.split(", ")).toEqual(Object.keys(BUILTIN_TARGETS));
  });

  it("-o writes the file, and leaves an unchanged one alone (same mtime)", async () => {
    const workspace = await makeWorkspace("cli-schema");
    try {
      const first = await runErrcat(["schema", "-o", "catalog/errcat.schema.json"], { cwd: workspace });
      expect(first.code).toBe(0);
      expect(first.stderr).toBe("errcat: catalog/errcat.schema.json: written\n");
      const file = join(workspace, "catalog/errcat.schema.json");
      expect(readFileSync(file, "utf8")).toBe(committed());
      const mtime = statSync(file).mtimeMs;
      const second = await runErrcat(["schema", "-o", "catalog/errcat.schema.json"], { cwd: workspace });
      expect(second.stderr).toBe("errcat: catalog/errcat.schema.json: unchanged\n");
      expect(statSync(file).mtimeMs).toBe(mtime);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });

  it("-o into a folder that does not exist exits 2 with a sentence, not a stack trace", async () => {
    const result = await runErrcat(["schema", "-o", "no-such-folder/errcat.schema.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("errcat: cannot write no-such-folder/errcat.schema.json (ENOENT): check that its folder exists and is writable\n");
  });
});

describe("errcat rules", () => {
  it("--json lists the core rules and every built-in target's rules with its target, no id reused for another check", async () => {
    const result = await runErrcat(["rules", "--json"]);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as { rules: { id: string }[]; targetRules: { target: string; id: string; description: string; fix: string }[] };
    expect(listed.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const targets = await Promise.all(Object.values(BUILTIN_TARGETS).map((load) => load()));
    expect(listed.targetRules).toEqual(targets.flatMap((t) => rulesOf(t).map((r) => ({ target: t.name, id: r.id, description: r.description, fix: r.fix }))));
    for (const target of ["typescript", "python", "go", "java"]) {
      expect(listed.targetRules.filter((r) => r.target === target).map((r) => r.id)).toContain("name-collision");
    }
    expect(listed.targetRules).toContainEqual(expect.objectContaining({ target: "typescript", id: "reserved-name" }));
    // A core rule and a target rule check different things: they never share an id.
    const core = new Set(listed.rules.map((r) => r.id));
    expect(listed.targetRules.filter((r) => core.has(r.id))).toEqual([]);
    // Within one target, an id names one check.
    for (const target of new Set(listed.targetRules.map((r) => r.target))) {
      const ids = listed.targetRules.filter((r) => r.target === target).map((r) => r.id);
      expect(new Set(ids).size, target).toBe(ids.length);
    }
  });

  it("prints the target rules after the core ones, each with its target", async () => {
    const result = await runErrcat(["rules"]);
    expect(result.code).toBe(0);
    const [core, targetPart] = result.stdout.split("\nThe built-in targets' rules, checked only when the target is selected:\n");
    expect(core).toMatch(/^id-name-collision +names +Ids stay distinct as proto enum value names/m);
    expect(targetPart).toMatch(/^go-name-collision +go +Two package-level names/m);
    expect(targetPart).toMatch(/^name-collision +java +Type names derived from codes/m);
  });
});

describe("errcat generate with a bad catalog", () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await makeWorkspace("cli-bad");
    await copyFile(join(repoRoot, badCatalog), join(workspace, "catalog/demo.yaml"));
    // A previous output of the same service, with a user's own file in it.
    await mkdir(join(workspace, "out/demo/nested"), { recursive: true });
    await writeFile(join(workspace, "out/demo/catalog.json"), '{ "@generated": "earlier" }\n');
    await writeFile(join(workspace, "out/demo/errcat.manifest.json"), '{ "files": [{ "path": "catalog.json" }] }\n');
    await writeFile(join(workspace, "out/demo/nested/mine.md"), "mine\n");
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it("exits 2, prints file:line:col and leaves out/ untouched (bytes and mtimes)", async () => {
    const out = join(workspace, "out");
    const files = Object.keys(await treeBytes(out));
    const before = { bytes: await treeBytes(out), mtimes: files.map((f) => statSync(join(out, f)).mtimeMs), dirs: await readdir(out) };
    const result = await runErrcat(["generate", "--catalog", "catalog/demo.yaml", "--out", "out"], { cwd: workspace });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^catalog\/demo\.yaml:\d+:\d+: /m);
    expect(result.stderr).toContain("nothing was written");
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(await treeBytes(out)).toEqual(before.bytes);
    expect(files.map((f) => statSync(join(out, f)).mtimeMs)).toEqual(before.mtimes);
    expect(await readdir(out)).toEqual(before.dirs);
    expect(readFileSync(join(workspace, "README.md"), "utf8")).toBe("# A project that uses errcat\n");
  });

  it("exits 2 when the catalog file does not exist, writing nothing", async () => {
    const result = await runErrcat(["generate", "--catalog", "catalog/missing.yaml", "--out", "elsewhere"], { cwd: workspace });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("catalog/missing.yaml:1:1: cannot read the catalog");
    expect(existsSync(join(workspace, "elsewhere"))).toBe(false);
  });
});

describe("colour", () => {
  let workspace: string;
  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

  beforeAll(async () => {
    workspace = await makeWorkspace("cli-color");
    const generated = await runErrcat(["generate"], { cwd: workspace });
    expect(generated.code, generated.stderr).toBe(0);
    // Drift, so that `check` prints a diff (the only coloured output).
    const file = join(workspace, "out/kms/catalog.json");
    await writeFile(file, readFileSync(file, "utf8").replace('"formatVersion": 1,', '"formatVersion": 1,\n  "edited": true,'));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  /** Runs `errcat check` on a pseudo-terminal (util-linux `script`), so stdout is a TTY. */
  const checkOnTty = (env: NodeJS.ProcessEnv) => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(errcatBin)} check`;
    return spawnSync("script", ["-qec", command, "/dev/null"], { cwd: workspace, encoding: "utf8", env });
  };

  it("prints no escape codes when stdout is not a terminal", async () => {
    const result = await runErrcat(["check"], { cwd: workspace });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("+++ out/kms/catalog.json");
    expect(result.stdout).not.toContain(ESCAPE);
    expect(result.stderr).not.toContain(ESCAPE);
  });

  it.skipIf(!hasScript)("colours the diff on a terminal, and not when NO_COLOR=1 (skipped without util-linux `script`)", () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const coloured = checkOnTty(env);
    expect(coloured.stdout).toContain("+++ out/kms/catalog.json");
    expect(coloured.stdout).toContain(`${ESCAPE}[31m-  "edited": true,`);
    const plain = checkOnTty({ ...env, NO_COLOR: "1" });
    expect(plain.stdout).toContain("+++ out/kms/catalog.json");
    expect(plain.stdout).not.toContain(ESCAPE);
  });
});
