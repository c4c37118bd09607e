/** The config's `templates` folder overrides built-in templates by name; a name that overrides none is an error. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeWorkspace, runErrcat, treeBytes } from "../support/cli.js";

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

  describe("an override that is wrong is the user's error, at its file, line and column; out/ is left as it was", () => {
    // Each case: the override's file, its text, and the first line of what errcat must say.
    const cases: [string, string, string, RegExp][] = [
      ["a syntax error", "errors.md.hbs", "{{{preambleLine}}}\n\n  {{title}\n", /^my-templates\/errors\.md\.hbs:3:5: Handlebars cannot read what follows here \(it found INVALID\); fix the Handlebars syntax there .*\[template-syntax\]$/],
      ["a block left open", "errors.md.hbs", "{{{preambleLine}}}\n{{#each statuses}}\n{{title}}\n", /^my-templates\/errors\.md\.hbs:2:1: the block `\{\{#each\}\}` opened here is never closed: end it with `\{\{\/each\}\}` \[template-syntax\]$/],
      ["a block left open after one in a comment", "errors.md.hbs", "{{{preambleLine}}}\n{{!-- {{#with title}} --}}\n{{#if title}}{{/if}} {{^unless title}}\n", /^my-templates\/errors\.md\.hbs:3:22: the block `\{\{\^unless\}\}` opened here is never closed: end it with `\{\{\/unless\}\}` \[template-syntax\]$/],
      ["a tag left open at the end", "errors.md.hbs", "{{{preambleLine}}}\n{{title", /^my-templates\/errors\.md\.hbs:2:1: Handlebars cannot read what follows here \(it found INVALID\); .*\[template-syntax\]$/],
      ["a block closed by another name", "errors.md.hbs", "{{{preambleLine}}}\n{{#each statuses}}\n{{/with}}\n", /^my-templates\/errors\.md\.hbs:2:4: `\{\{\/with\}\}` does not close the open `\{\{#each\}\}` block; .*\[template-syntax\]$/],
      ["a helper the target does not have", "errors.md.hbs", "{{{preambleLine}}}\n{{#if title}}\n  {{no-such-helper title}}\n{{/if}}\n", /^my-templates\/errors\.md\.hbs:3:3: `no-such-helper` is not a helper of this template's target; use one of: .*`codeSpan`.* \[template-helper\]$/],
      ["a helper in a branch this catalog never takes", "errors.md.hbs", "{{{preambleLine}}}\n{{#if no-such-field}}{{typo title}}{{/if}}\n", /^my-templates\/errors\.md\.hbs:2:22: `typo` is not a helper /],
      ["a partial the target does not have", "errors.md.hbs", "{{{preambleLine}}}\n{{> entryDetail}}\n", /^my-templates\/errors\.md\.hbs:2:1: there is no partial `entryDetail` here; use one of: `entryDetails`, .*\[template-partial\]$/],
      ["a field not in a strict template's view", "errors.proto.hbs", "{{preambleLine}}\nsyntax = \"proto3\";\n{{#each fileOptions}}\n  {{no_such_field}}\n{{/each}}\n", /^my-templates\/errors\.proto\.hbs:4:5: `no_such_field` is not in this template's view \(this template runs in strict mode\): use a field that its view has \[template-render\]$/],
      ["a helper that fails where it is called", "fixtures/README.md.hbs", "{{preambleLine}}\n{{#each fixtures}}{{#if @first}}{{lookup}}{{/if}}{{/each}}\n", /^my-templates\/fixtures\/README\.md\.hbs:2:33: the template failed while rendering: .*; fix the template there \[template-render\]$/],
    ];
    for (const [what, name, text, said] of cases) {
      it(what, async () => {
        const dir = await makeWorkspace("templates-wrong");
        mkdirSync(join(dir, "my-templates/fixtures"), { recursive: true });
        writeFileSync(join(dir, "errcat.config.yaml"), `catalogs: [catalog/kms.yaml]\ntemplates: my-templates\n`);
        const first = await runErrcat(["generate"], { cwd: dir });
        expect(first.code, first.stderr).toBe(0);
        const before = await treeBytes(join(dir, "out"));
        writeFileSync(join(dir, "my-templates", name), text);
        for (const command of ["generate", "check"]) {
          const r = await runErrcat([command], { cwd: dir });
          expect(r.code, r.stderr).toBe(2);
          expect(r.stderr.split("\n")[0]).toMatch(said);
          expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
        }
        expect(await treeBytes(join(dir, "out"))).toEqual(before);
      }, 60_000);
    }
  });
});
