/**
 * errcat diff: a table of catalog changes, each run both ways (before → after and back) with the kinds
 * it must report; sides read from files and from git revisions of a repository made here; and the
 * gate: check --against HEAD fails on a breaking change.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkCatalogText } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import { diffCatalogs, type ChangeKind } from "../../generators/evolution/diff.js";
import { runErrcat } from "../support/cli.js";

const base = readFileSync(new URL("../bad-catalogs/good/base.yaml", import.meta.url), "utf8");
type Doc = ReturnType<typeof parseDocument>;
const edited = (change: (d: Doc) => void) => {
  const d = parseDocument(base);
  change(d);
  return d.toString();
};
const model = (text: string): CatalogModel => {
  const { model: m, diagnostics } = checkCatalogText("demo.yaml", text);
  if (!m) throw new Error(diagnostics.map((x) => `${x.line}:${x.column} ${x.message}`).join("\n"));
  return m;
};
const kinds = (a: string, b: string) => diffCatalogs(model(a), model(b)).map((c) => c.kind).sort();

const newEntry = { id: "key-disabled", number: 3, httpStatus: 404, code: "KeyDisabled", message: "The key is disabled.", meaning: "The key is disabled.", fix: "Enable the key.", fault: "client", retryable: false };

/** [what, edit of base, kinds base → edited, kinds edited → base] */
const CASES: [string, (d: Doc) => void, ChangeKind[], ChangeKind[]][] = [
  ["an entry added", (d) => d.addIn(["errors"], newEntry), ["entry-added"], ["entry-removed"]],
  ["an entry removed, number and id reserved", (d) => { d.deleteIn(["errors", 1]); d.set("reserved", [{ number: 2, id: "service-unavailable", reason: "gone" }]); }, ["entry-removed-reserved"], ["entry-added"]],
  ["an entry removed, only its number reserved", (d) => { d.deleteIn(["errors", 1]); d.set("reserved", [{ number: 2, reason: "gone" }]); }, ["entry-removed"], ["entry-added"]],
  ["an entry removed without reserving", (d) => d.deleteIn(["errors", 1]), ["entry-removed"], ["entry-added"]],
  ["a code changed", (d) => d.setIn(["errors", 0, "code"], "KeyMissing"), ["code-changed"], ["code-changed"]],
  ["a status changed", (d) => { d.setIn(["errors", 0, "httpStatus"], 503); d.setIn(["errors", 0, "fault"], "server"); }, ["fault-changed", "status-changed"], ["fault-changed", "status-changed"]],
  ["a number changed", (d) => d.setIn(["errors", 1, "number"], 7), ["number-changed"], ["number-changed"]],
  ["an id changed, number kept", (d) => d.setIn(["errors", 1, "id"], "service-down"), ["id-changed"], ["id-changed"]],
  ["a placeholder renamed", (d) => d.setIn(["errors", 0, "placeholders", 0, "name"], "keyName"), ["placeholder-renamed"], ["placeholder-renamed"]],
  ["a placeholder removed from the message", (d) => { d.setIn(["errors", 0, "message"], "The key does not exist."); d.deleteIn(["errors", 0, "placeholders"]); }, ["message-narrowed", "placeholder-removed"], ["message-narrowed", "placeholder-added"]],
  ["a placeholder added where literal text was", (d) => { d.setIn(["errors", 1, "message"], "Service <what>."); d.setIn(["errors", 1, "placeholders"], [{ text: "what", name: "what", description: "What.", example: "Unavailable" }]); }, ["message-changed", "placeholder-added"], ["message-narrowed", "placeholder-removed"]],
  ["a message widened: its quotes taken into the placeholder", (d) => d.setIn(["errors", 0, "message"], "The key <key id> does not exist."), ["message-changed"], ["message-narrowed"]],
  ["a literal of a message corrected", (d) => d.setIn(["errors", 1, "message"], "Service unavailable."), ["message-narrowed"], ["message-narrowed"]],
  ["a retryable entry made non-retryable", (d) => d.setIn(["errors", 1, "retryable"], false), ["retryable-removed"], ["retryable-added"]],
  ["a meaning changed", (d) => d.setIn(["errors", 0, "meaning"], "No such key."), ["text-changed"], ["text-changed"]],
  ["a fix changed", (d) => d.setIn(["errors", 0, "fix"], "Check the key's id."), ["text-changed"], ["text-changed"]],
  ["a key state added", (d) => d.setIn(["errors", 0, "keyState"], "Disabled"), ["key-state-changed"], ["key-state-changed"]],
  ["a wire field renumbered", (d) => d.setIn(["service", "wire", "fields", 3, "number"], 9), ["wire-field-changed"], ["wire-field-changed"]],
  ["a wire field added", (d) => d.addIn(["service", "wire", "fields"], { name: "HostId", number: 5, type: "string" }), ["wire-field-added"], ["wire-field-changed"]],
  ["the title changed", (d) => d.setIn(["service", "title"], "Another title"), [], []],
  ["a status section's text added", (d) => d.setIn(["statuses", 0, "text"], "Prose."), [], []],
  ["a placeholder's example changed", (d) => d.setIn(["errors", 0, "placeholders", 0, "example"], "key-9"), [], []],
  ["a placeholder's description changed", (d) => d.setIn(["errors", 0, "placeholders", 0, "description"], "Which key."), [], []],
  ["two entries added", (d) => { d.addIn(["errors"], newEntry); d.addIn(["errors"], { ...newEntry, id: "key-pending", number: 4, code: "KeyPending", message: "The key is pending." }); }, ["entry-added", "entry-added"], ["entry-removed", "entry-removed"]],
  ["a code and its retryability changed together", (d) => { d.setIn(["errors", 1, "code"], "Unavailable"); d.setIn(["errors", 1, "retryable"], false); }, ["code-changed", "retryable-removed"], ["code-changed", "retryable-added"]],
  ["an entry's fault flipped with its status", (d) => { d.setIn(["errors", 1, "httpStatus"], 404); d.setIn(["errors", 1, "fault"], "client"); }, ["fault-changed", "status-changed"], ["fault-changed", "status-changed"]],
];

describe("errcat diff classifies each change, both ways", () => {
  it("has at least 25 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(25));
  it.each(CASES)("%s", (_what, change, forward, backward) => {
    const after = edited(change);
    expect(kinds(base, after), "before → after").toEqual([...forward].sort());
    expect(kinds(after, base), "after → before").toEqual([...backward].sort());
  });

  it("reports nothing for the same catalog", () => expect(kinds(base, base)).toEqual([]));

  it("says what broke and how to keep clients working", () => {
    const [c] = diffCatalogs(model(base), model(edited((d) => d.deleteIn(["errors", 1]))));
    expect(c).toMatchObject({ kind: "entry-removed", severity: "breaking", entry: "service-unavailable", key: "entry-removed:service-unavailable" });
    expect(c!.message).toContain("under reserved");
  });
});

describe("errcat diff and the catalog's operations", () => {
  // The base catalog with operations listed, and its first entry returned by two of them.
  const withOperations = edited((d) => {
    d.set("operations", { names: ["Encrypt", "Decrypt", "GenerateRandom"] });
    d.setIn(["errors", 0, "operations"], ["Encrypt", "Decrypt"]);
  });
  const from = (change: (d: Doc) => void) => {
    const d = parseDocument(withOperations);
    change(d);
    return d.toString();
  };
  const OPERATION_CASES: [string, (d: Doc) => void, ChangeKind[], ChangeKind[]][] = [
    ["an operation added", (d) => d.setIn(["operations", "names"], ["Encrypt", "Decrypt", "GenerateRandom", "Sign"]), ["operation-added"], ["operation-removed"]],
    ["an operation removed (and from the entry that named it)", (d) => { d.setIn(["operations", "names"], ["Encrypt", "GenerateRandom"]); d.setIn(["errors", 0, "operations"], ["Encrypt"]); }, ["operation-removed"], ["operation-added"]],
    ["an entry returned by one more operation", (d) => d.setIn(["errors", 0, "operations"], ["Encrypt", "Decrypt", "GenerateRandom"]), ["entry-operations-changed"], ["entry-operations-changed"]],
    ["an entry's operations swapped", (d) => d.setIn(["errors", 0, "operations"], ["Encrypt", "GenerateRandom"]), ["entry-operations-changed"], ["entry-operations-changed"]],
    ["the catalog starts listing operations (each is added; no entry's change is reported)", () => undefined, ["operation-added", "operation-added"], ["operation-removed", "operation-removed"]],
  ];
  it.each(OPERATION_CASES)("%s", (what, change, forward, backward) => {
    const before = what.startsWith("the catalog starts") ? base : withOperations;
    const after = what.startsWith("the catalog starts") ? edited((d) => d.set("operations", { names: ["Encrypt", "Decrypt"] })) : from(change);
    expect(kinds(before, after), "before → after").toEqual([...forward].sort());
    expect(kinds(after, before), "after → before").toEqual([...backward].sort());
  });

  it("names what an entry gained and lost, and a removed operation breaks", () => {
    const changes = diffCatalogs(model(withOperations), model(from((d) => d.setIn(["errors", 0, "operations"], ["Encrypt", "GenerateRandom"]))));
    expect(changes).toEqual([expect.objectContaining({ kind: "entry-operations-changed", severity: "compatible", entry: "key-not-found", message: "entry `key-not-found`: now returned by GenerateRandom; no longer by Decrypt" })]);
    const [removed] = diffCatalogs(model(withOperations), model(from((d) => d.setIn(["operations", "names"], ["Encrypt", "Decrypt"]))));
    expect(removed).toMatchObject({ kind: "operation-removed", severity: "breaking", key: "operation-removed:service" });
    expect(removed!.message).toContain("GenerateRandomError");
  });
});

describe("sides from git, and the gate", () => {
  const repo = mkdtempSync(join(tmpdir(), "errcat-diff-git-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
  mkdirSync(join(repo, "catalog"));
  writeFileSync(join(repo, "catalog", "kms.yaml"), base);
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "v1");
  git("tag", "v1");
  writeFileSync(join(repo, "catalog", "kms.yaml"), edited((d) => d.addIn(["errors"], newEntry)));
  git("commit", "-qam", "v2: an entry added");

  it("compares two revisions, a revision with the working tree, and rev:path", async () => {
    const revs = await runErrcat(["diff", "v1", "main", "--json"], { cwd: repo });
    expect(revs.code, revs.stderr).toBe(0);
    expect((JSON.parse(revs.stdout) as { before: string; changes: { kind: string }[] })).toMatchObject({ before: "v1:catalog/kms.yaml", changes: [{ kind: "entry-added" }] });
    writeFileSync(join(repo, "catalog", "kms.yaml"), base);
    const back = await runErrcat(["diff", "main"], { cwd: repo });
    expect(back.code).toBe(1);
    expect(back.stdout).toMatch(/^breaking: entry `key-disabled` .* was removed without reserving/m);
    const allowed = await runErrcat(["diff", "main:catalog/kms.yaml", "catalog/kms.yaml", "--allow", "entry-removed:key-disabled"], { cwd: repo });
    expect(allowed.code, allowed.stderr).toBe(0);
    git("checkout", "-q", "catalog/kms.yaml");
  });

  it("a side that is neither a file nor a revision is exit 2 with one sentence", async () => {
    const r = await runErrcat(["diff", "no-such-branch"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("errcat: `no-such-branch` is neither a catalog file nor a git revision: name a file such as catalog/kms.yaml, or a branch, tag or commit such as main\n");
  });

  it("check --against HEAD after a breaking generate: exit 1 with the change named", async () => {
    expect((await runErrcat(["generate"], { cwd: repo })).code).toBe(0);
    git("add", ".");
    git("commit", "-qm", "generated");
    const v2 = parseDocument(readFileSync(join(repo, "catalog", "kms.yaml"), "utf8"));
    v2.setIn(["errors", 0, "code"], "KeyMissing");
    writeFileSync(join(repo, "catalog", "kms.yaml"), v2.toString());
    expect((await runErrcat(["generate"], { cwd: repo })).code).toBe(0);
    // The working tree is consistent again: only the comparison with the release can fail.
    expect((await runErrcat(["check"], { cwd: repo })).code).toBe(0);
    const r = await runErrcat(["check", "--against", "HEAD"], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("[code-changed:key-not-found]");
    expect(r.stderr, r.stdout).toMatch(/1 breaking catalog change since HEAD \(code-changed:key-not-found\)/);
    const markdown = await runErrcat(["changelog", "HEAD"], { cwd: repo });
    expect(markdown.stdout).toMatch(/^## Error catalog changes\n\n### Breaking changes\n\n- entry `key-not-found` changed code from KeyNotFound to KeyMissing/);
  });
});
