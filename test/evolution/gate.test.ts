/**
 * The gate's edges: `diff --markdown` printed exactly; `--allow` names checked (exit 2 with did-you-mean);
 * and in a repository made here, a renumbered entry that `buf breaking` also finds, failing
 * `check --against HEAD` until --allow accepts the catalog change, which then accepts buf's findings
 * about that entry's enum value too.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkCatalogText } from "../../generators/catalog/index.js";
import { entriesOfFinding } from "../../generators/proto/breaking.js";
import { runErrcat } from "../support/cli.js";

const base = readFileSync(new URL("../bad-catalogs/good/base.yaml", import.meta.url), "utf8");
const edited = (change: (d: ReturnType<typeof parseDocument>) => void) => {
  const d = parseDocument(base);
  change(d);
  return d.toString();
};
const newEntry = { id: "key-disabled", number: 3, httpStatus: 404, code: "KeyDisabled", message: "The key is disabled.", meaning: "The key is disabled.", fix: "Enable the key.", fault: "client", retryable: false };

const dir = mkdtempSync(join(tmpdir(), "errcat-gate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("errcat diff --markdown", () => {
  writeFileSync(join(dir, "before.yaml"), base);
  writeFileSync(join(dir, "after.yaml"), edited((d) => {
    d.setIn(["errors", 0, "code"], "KeyMissing");
    d.addIn(["errors"], newEntry);
  }));

  it("prints the pull-request comment exactly, and exits 1 on the breaking change", async () => {
    const r = await runErrcat(["diff", "before.yaml", "after.yaml", "--markdown"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      "**1 breaking change** from `before.yaml` to `after.yaml`.",
      "",
      "| change | name | what |",
      "| --- | --- | --- |",
      "| **breaking** | `code-changed:key-not-found` | entry `key-not-found` changed code from KeyNotFound to KeyMissing: clients that branch on the code miss it; add a new entry for the new code instead |",
      "| compatible | `entry-added:key-disabled` | entry `key-disabled` (code KeyDisabled, HTTP 404) was added |",
      "",
    ].join("\n"));
  });

  it("marks an allowed change in the table and gives the verdict without it", async () => {
    const r = await runErrcat(["diff", "before.yaml", "after.yaml", "--markdown", "--allow", "code-changed:key-not-found"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 5)).toEqual([
      "No breaking changes from `before.yaml` to `after.yaml`.",
      "",
      "| change | name | what |",
      "| --- | --- | --- |",
      "| breaking, allowed | `code-changed:key-not-found` | entry `key-not-found` changed code from KeyNotFound to KeyMissing: clients that branch on the code miss it; add a new entry for the new code instead |",
    ]);
  });

  it("prints one line for no change", async () => {
    const r = await runErrcat(["diff", "before.yaml", "before.yaml", "--markdown"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("No changes from `before.yaml` to `before.yaml`.\n");
  });
});

describe("--allow names", () => {
  it("refuses a name that is no change, with the nearest one, exit 2", async () => {
    const cases: [string, string][] = [
      ["code-chanegd:key-not-found", "did you mean `code-changed:key-not-found`?"],
      ["code-changed:key-not-fuond", "did you mean `code-changed:key-not-found`?"],
      ["entry-remove", "did you mean `entry-removed`?"],
      ["nothing-like-a-change", "give a change kind such as `entry-removed`, or a change as the report prints it in brackets, such as `entry-removed:<entry id>`"],
    ];
    for (const [name, fix] of cases) {
      const r = await runErrcat(["diff", "before.yaml", "after.yaml", "--allow", name], { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`errcat: --allow \`${name}\` names no change: ${fix}\n`);
    }
  });

  it("takes a kind, or kind:entry of an entry on either side, even when that change is not there", async () => {
    for (const name of ["entry-removed", "code-changed:key-disabled", "status-changed:service-unavailable", "wire-field-changed:service"]) {
      const r = await runErrcat(["diff", "before.yaml", "after.yaml", "--allow", name], { cwd: dir });
      expect(r.stderr, name).not.toContain("names no change");
    }
  });
});

describe("check --against a revision whose .proto buf compares", () => {
  const repo = join(dir, "repo");
  mkdirSync(join(repo, "catalog"), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });

  it("fails on a renumbered entry in the catalog and in buf's findings, and --allow accepts both", async () => {
    writeFileSync(join(repo, "catalog", "kms.yaml"), base);
    git("init", "-q", "-b", "main");
    expect((await runErrcat(["generate"], { cwd: repo })).code).toBe(0);
    git("add", ".");
    git("commit", "-qm", "v1");
    writeFileSync(join(repo, "catalog", "kms.yaml"), edited((d) => d.setIn(["errors", 1, "number"], 7)));
    expect((await runErrcat(["generate"], { cwd: repo })).code).toBe(0);

    const r = await runErrcat(["check", "--against", "HEAD"], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("breaking: entry `service-unavailable` changed number from 2 to 7: the proto enum value is forever; keep 2 [number-changed:service-unavailable]\n");
    // buf, run on the generated .proto, finds the old value deleted without its number reserved.
    expect(r.stdout).toMatch(/^out\/demo\/proto\/errcat\/demo\/v1\/errors\.proto:\d+:\d+: breaking change: Previously present enum value "2" on enum "ErrorCode" was deleted without reserving the number "2"\..* \[ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED\]$/m);
    expect(r.stderr).toContain("errcat: 1 breaking catalog change since HEAD (number-changed:service-unavailable)");
    expect(r.stderr).toMatch(/the proto check found [1-9]\d* problems?\n/);

    const allowed = await runErrcat(["check", "--against", "HEAD", "--allow", "number-changed:service-unavailable"], { cwd: repo });
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
    const bufLines = allowed.stdout.split("\n").filter((l) => l.includes("[ENUM_VALUE_"));
    expect(bufLines.length).toBeGreaterThan(0);
    for (const line of bufLines) expect(line).toMatch(/: \(allowed\) breaking change: /);
    expect(allowed.stderr).not.toContain("proto check found");

    // Accepting another entry's change accepts nothing about this one.
    const other = await runErrcat(["check", "--against", "HEAD", "--allow", "number-changed:key-not-found"], { cwd: repo });
    expect(other.code).toBe(1);
    expect(other.stdout).not.toContain("(allowed)");

    const typo = await runErrcat(["check", "--against", "HEAD", "--allow", "number-changed:service-unavailabel"], { cwd: repo });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("errcat: --allow `number-changed:service-unavailabel` names no change: did you mean `number-changed:service-unavailable`?\n");
  });

  it("refuses --allow without --against", async () => {
    const r = await runErrcat(["check", "--allow", "entry-removed"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("errcat: --allow accepts changes since a revision, and there is none: add `--against <rev>` (such as main), or remove --allow\n");
  });
});

describe("which entries a buf finding is about", () => {
  const model = (text: string) => checkCatalogText("demo.yaml", text).model!;
  const before = model(base);

  it("reads the enum value numbers and names it quotes, naming a renamed entry by its new id", () => {
    const renamed = model(edited((d) => d.setIn(["errors", 1, "id"], "service-down")));
    expect(entriesOfFinding('Previously present enum value "2" on enum "ErrorCode" was deleted without reserving the number "2".', before, renamed)).toEqual(new Set(["service-down"]));
    expect(entriesOfFinding('Enum value "2" on enum "ErrorCode" changed name from "ERROR_CODE_SERVICE_UNAVAILABLE" to "ERROR_CODE_SERVICE_DOWN".', before, renamed)).toEqual(new Set(["service-down"]));
    const removed = model(edited((d) => d.deleteIn(["errors", 1])));
    expect(entriesOfFinding('Previously present enum value "2" on enum "ErrorCode" was deleted without reserving the name "ERROR_CODE_SERVICE_UNAVAILABLE".', before, removed)).toEqual(new Set(["service-unavailable"]));
  });

  it("is about no entry when the finding is about the wire message, whatever numbers it quotes", () => {
    expect(entriesOfFinding('Previously present field "2" with name "ErrorCode" on message "Error" was deleted.', before, before)).toEqual(new Set());
  });
});
