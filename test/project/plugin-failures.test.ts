/**
 * A plugin target that fails, or returns files that break the target contract, is its author's to fix:
 * errcat names the target and the plugin's line, exits 2 (not "internal error, please report it"), and
 * leaves the previous output as it was. Two outputs that write one file are a positioned config error.
 */
import { describe, expect, it } from "vitest";
import { runErrcat, treeBytes } from "../support/cli.js";
import { scratchProject } from "./support.js";

const plugin = (name: string, members: string) =>
  `import { defineTarget } from "errcat";\nexport default defineTarget({ name: ${JSON.stringify(name)}, description: "d", defaultOut: "${name}", parseOptions() { return {}; },\n  ${members} });\n`;

const GOOD = 'generate() { return [{ path: "a.txt", contents: "a\\n" }]; }';

/** A project whose config runs the plugin `my.mjs`; after a first generate with a plugin that works, `my.mjs` becomes `members`. */
async function failing(members: string, prefix: string) {
  const project = await scratchProject(prefix, { linkErrcat: true });
  await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml]\ngenerate:\n  - target: ./my.mjs\n    out: out/mine\n");
  await project.write("my.mjs", plugin("mine", GOOD));
  const first = await runErrcat(["generate"], { cwd: project.dir });
  expect(first.code, first.stderr).toBe(0);
  const before = await treeBytes(`${project.dir}/out`);
  await project.write("my.mjs", plugin("mine", members));
  const r = await runErrcat(["generate"], { cwd: project.dir });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/internal error|please report/);
  expect(await treeBytes(`${project.dir}/out`)).toEqual(before);
  return r.stderr;
}

const CONTRACT = "generate returns an array of { path, contents } (contents a string or a Uint8Array), each path relative to the target's folder and returned once";

describe("a plugin target that fails", () => {
  it("throwing in generate: the target, the message and the plugin's line", async () => {
    const stderr = await failing('generate() {\n    throw new Error("no rows");\n  }', "plugin-throws");
    expect(stderr.split("\n")[0]).toBe("errcat: the plugin target `mine` failed in generate: no rows (my.mjs:4:11); fix the plugin (ERRCAT_DEBUG=1 shows its stack)");
    // Its stack only when asked for.
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it("throwing in docs, or throwing a value that is not an Error", async () => {
    expect((await failing(`docs() { return null.title; }, ${GOOD}`, "plugin-docs")).split("\n")[0]).toMatch(/^errcat: the plugin target `mine` failed in docs: Cannot read properties of null \(reading 'title'\) \(my\.mjs:3:\d+\); fix the plugin/);
    expect((await failing('async generate() { throw "later"; }', "plugin-string")).split("\n")[0]).toBe("errcat: the plugin target `mine` failed in generate: later; fix the plugin (ERRCAT_DEBUG=1 shows its stack)");
  }, 60_000);

  const returned: [string, string, string][] = [
    ["nothing", "generate() { return undefined; }", "returned undefined from generate"],
    ["a file without contents", 'generate() { return [{ path: "a.txt" }]; }', 'returned "a.txt" with contents that are neither a string nor a Uint8Array'],
    ["a file without a path", 'generate() { return [{ contents: "x" }]; }', 'returned a file without a path ({"contents":"x"})'],
    ["a large file without a path", 'generate() { return [{ contents: "y".repeat(1e6) }]; }', `returned a file without a path ({"contents":"${"y".repeat(67)}…)`],
    ["a path outside its folder", 'generate() { return [{ path: "../a.txt", contents: "x" }]; }', 'wrote outside its folder: "../a.txt"'],
    ["one path twice", 'generate() { return [{ path: "a.txt", contents: "x" }, { path: "a.txt", contents: "y" }]; }', 'returned "a.txt" twice'],
    ["the folder's manifest", 'generate() { return [{ path: "errcat.manifest.json", contents: "{}" }]; }', ""],
  ];
  for (const [what, members, said] of returned) {
    it(`returning ${what}`, async () => {
      const first = (await failing(members, "plugin-contract")).split("\n")[0]!;
      if (said === "") expect(first).toBe("errcat: target mine writes out/mine/errcat.manifest.json, which is the folder's manifest (errcat writes it): errcat.manifest.json is errcat's name in every output folder, so the target must name its file otherwise");
      else expect(first).toBe(`errcat: the plugin target \`mine\` ${said}: ${CONTRACT}`);
    }, 60_000);
  }

  it("made without generate, or with a member of the wrong kind: named when the module loads; the rest have defaults", async () => {
    const project = await scratchProject("plugin-incomplete", { linkErrcat: true });
    await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml]\ngenerate:\n  - target: ./my.mjs\n");
    await project.write("my.mjs", 'import { defineTarget } from "errcat";\nexport default defineTarget({ name: "mine", docs: 5, defaultOut: ["x"] });\n');
    const r = await runErrcat(["generate"], { cwd: project.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      'errcat.config.yaml:3:13: the plugin module `./my.mjs` failed to load: defineTarget: the target "mine" has a `defaultOut` that is not a string, and has no `generate` (a function), and has a `docs` that is not a function [config-target]',
    );
    // Only a name and generate: its folder is its name, and it takes no options.
    await project.write("my.mjs", `import { defineTarget } from "errcat";\nexport default defineTarget({ name: "mine", ${GOOD} });\n`);
    const ok = await runErrcat(["generate"], { cwd: project.dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(await project.read("out/kms/mine/a.txt")).toBe("a\n");
    await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml]\ngenerate:\n  - target: ./my.mjs\n    options: { colour: red }\n");
    const option = await runErrcat(["generate"], { cwd: project.dir });
    expect(option.code).toBe(2);
    expect(option.stderr.split("\n")[0]).toMatch(/^errcat\.config\.yaml:4:16: target mine: unknown option `colour`/);
  });

  it("two outputs that write the same file into one folder: at the second output's out", async () => {
    const project = await scratchProject("plugin-clash", { linkErrcat: true });
    await project.write("one.mjs", plugin("one", GOOD));
    await project.write("two.mjs", plugin("two", GOOD));
    await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml]\ngenerate:\n  - target: ./one.mjs\n    out: out/shared\n  - target: ./two.mjs\n    out: out/shared\n");
    const r = await runErrcat(["generate"], { cwd: project.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe("errcat.config.yaml:6:10: target two writes out/shared/a.txt, which target one writes too: give this output a folder of its own [config-out]");
  });

  it("throwing in check, or returning what is not a report: named by errcat check", async () => {
    const project = await scratchProject("plugin-check", { linkErrcat: true });
    await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml]\ngenerate:\n  - target: ./my.mjs\n    out: out/mine\n");
    await project.write("my.mjs", plugin("mine", `${GOOD},\n  async check() { throw new Error("cannot reach the registry"); }`));
    expect((await runErrcat(["generate"], { cwd: project.dir })).code).toBe(0);
    const thrown = await runErrcat(["check"], { cwd: project.dir });
    expect(thrown.code).toBe(2);
    expect(thrown.stderr.split("\n")[0]).toBe("errcat: the plugin target `mine` failed in check: cannot reach the registry (my.mjs:4:25); fix the plugin (ERRCAT_DEBUG=1 shows its stack)");
    await project.write("my.mjs", plugin("mine", `${GOOD},\n  async check() { return { kind: "checked", problems: [{ path: "a.txt" }] }; }`));
    const shape = await runErrcat(["check"], { cwd: project.dir });
    expect(shape.code).toBe(2);
    expect(shape.stderr.split("\n")[0]).toBe('errcat: the plugin target `mine` returned {"kind":"checked","problems":[{"path":"a.txt"}]} from check: check returns { kind: "checked", problems: [{ path, message, rule, line?, column? }] } or { kind: "skipped", reason }');
    expect(shape.stderr).not.toMatch(/internal error/);
  });

  it("with a rule that throws, or a rule without its members: named by generate and validate", async () => {
    const project = await scratchProject("plugin-rule", { linkErrcat: true });
    await project.write("errcat.config.yaml", "catalogs: [catalog/kms.yaml]\ngenerate:\n  - target: ./my.mjs\n");
    await project.write("my.mjs", plugin("mine", `${GOOD},\n  rules: [{ id: "mine-rule", description: "d", fix: "f", check(model) { return model.nothing.here; } }]`));
    for (const args of [["generate"], ["validate", "catalog/kms.yaml"]]) {
      const r = await runErrcat(args, { cwd: project.dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.split("\n")[0]).toMatch(/^errcat: the plugin target `mine` failed in its rule mine-rule: Cannot read properties of undefined \(reading 'here'\) \(my\.mjs:4:\d+\); fix the plugin/);
    }
    await project.write("my.mjs", plugin("mine", `${GOOD},\n  rules: [{ id: "mine-rule", description: "d" }]`));
    const r = await runErrcat(["generate"], { cwd: project.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe('errcat.config.yaml:3:13: the plugin module `./my.mjs` failed to load: defineTarget: the target "mine" has a rule (rules[0]) without `fix` (a string), `check` (a function) [config-target]');
  });
});
