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
