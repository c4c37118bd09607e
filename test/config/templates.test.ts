/** The config's `templates` folder overrides built-in templates by name; a name that overrides none is an error. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeWorkspace, runErrcat } from "../support/cli.js";

const config = (extra: string) => `catalogs: [catalog/kms.yaml]
generate:
  - target: fixtures
    out: out/fixtures
  - target: proto
    out: out/proto
templates: my-templates
${extra}`;

describe("template overrides", () => {
  it("replace the built-in template of the same name, and only that one", async () => {
    const dir = await makeWorkspace("templates");
    mkdirSync(join(dir, "my-templates/fixtures"), { recursive: true });
    const builtin = readFileSync("templates/fixtures/README.md.hbs", "utf8");
    writeFileSync(join(dir, "my-templates/fixtures/README.md.hbs"), builtin.replace("# {{title}} error fixtures", "# Fixtures of our {{title}}"));
    writeFileSync(join(dir, "errcat.config.yaml"), config(""));
    const r = await runErrcat(["generate"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "out/fixtures/README.md"), "utf8").split("\n")[2]).toBe("# Fixtures of our KMS instance API");
    expect(readFileSync(join(dir, "out/proto/errcat/kms/v1/errors.proto"), "utf8")).toContain("enum ErrorCode");
    expect((await runErrcat(["check"], { cwd: dir })).code).toBe(0);
  });

  it("of the fixtures README see every field of every fixture but its body", async () => {
    const dir = await makeWorkspace("templates-fixture-fields");
    mkdirSync(join(dir, "my-templates/fixtures"), { recursive: true });
    const row = "{{{id}}}|{{{kind}}}|{{{description}}}|{{{entry}}}|{{{httpStatus}}}|{{{code}}}|{{{message}}}|{{{requestId}}}|{{{expect.kind}}}|{{#each operations}}{{{this}}},{{/each}}";
    writeFileSync(join(dir, "my-templates/fixtures/README.md.hbs"), `{{{preambleLine}}}\n\n{{#each fixtures}}\n${row}\n{{/each}}\n`);
    writeFileSync(join(dir, "errcat.config.yaml"), config(""));
    const r = await runErrcat(["generate"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const index = JSON.parse(readFileSync(join(dir, "out/fixtures/index.json"), "utf8")) as {
      fixtures: { id: string; kind: string; description: string; entry: string | null; httpStatus: number; code: string | null; message: string | null; requestId: string | null; expect: { kind: string }; operations: string[] }[];
    };
    const lines = readFileSync(join(dir, "out/fixtures/README.md"), "utf8").split("\n");
    const shown = (v: string | number | null) => (v === null ? "" : String(v));
    // Messages with a newline span lines of the README; the rest are one line each.
    const oneLine = index.fixtures.filter((f) => !(f.message ?? "").includes("\n"));
    expect(oneLine.length).toBeGreaterThan(20);
    for (const f of oneLine) {
      const expected = [f.id, f.kind, f.description, shown(f.entry), f.httpStatus, shown(f.code), shown(f.message), shown(f.requestId), f.expect.kind, f.operations.map((o) => `${o},`).join("")].join("|");
      expect(lines, f.id).toContain(expected);
    }
  });

  it("an override that names no built-in template is a positioned error, and nothing is written", async () => {
    const dir = await makeWorkspace("templates-unknown");
    mkdirSync(join(dir, "my-templates"));
    writeFileSync(join(dir, "my-templates/errors.mdx.hbs"), "{{title}}\n");
    writeFileSync(join(dir, "errcat.config.yaml"), config(""));
    const r = await runErrcat(["generate"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(/^errcat\.config\.yaml:7:12: `errors\.mdx\.hbs` in my-templates overrides no built-in template: name an override after the template it replaces \(.*errors\.md\.hbs.*\) \[config-templates\]$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, "out")), "nothing was written").toBe(false);
  });
});
