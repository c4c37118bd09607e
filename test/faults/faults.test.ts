/**
 * Every fault a user can cause, as a table: the setup, the command, its exact exit code and message,
 * and what must be true of the disk afterwards. None prints a stack trace. The read-only file system
 * and the full disk need a tmpfs, which only root can mount: elsewhere those rows skip and say why.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processStartOf } from "../../generators/emit/output-lock.js";
import { errcatBin, treeBytes } from "../support/cli.js";
import { cleanTree, demoCatalog, generateArgs, leftovers, sameTree, STACK_LINE, startErrcat } from "./support.js";

let work: string;
let a: string;
let b: string;
let clean: { a: Record<string, string>; b: Record<string, string> };
const mounts: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "errcat-faults-"));
  a = join(work, "a.yaml");
  b = join(work, "b.yaml");
  writeFileSync(a, demoCatalog("a", 0));
  writeFileSync(b, demoCatalog("b", 0));
  // Every case runs in a folder beside the catalogs, where the headers name them `../a.yaml`.
  mkdirSync(join(work, "clean"));
  clean = { a: await cleanTree(a, join(work, "clean")), b: await cleanTree(b, join(work, "clean")) };
});
afterAll(async () => {
  for (const m of mounts.reverse()) spawnSync("umount", ["-l", m]);
  await rm(work, { recursive: true, force: true });
});

/** Runs errcat in `cwd` (so messages show short relative paths); checks no stack trace was printed. */
async function errcat(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = await startErrcat(args, { cwd, env }).done;
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stdout).not.toMatch(STACK_LINE);
  return r;
}

let n = 0;
/** A fresh folder holding out/demo generated from catalog a. */
async function withOutput(): Promise<string> {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  expect((await errcat(generateArgs(a, "out"), dir)).code).toBe(0);
  return dir;
}

/** A tmpfs of `size` mounted at dir, or the reason there can be none here. */
function tmpfs(dir: string, size: string): string | undefined {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return "mounting a tmpfs needs root";
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (r.status !== 0) return `mount -t tmpfs failed here (${(r.stderr || r.error?.message || "").trim()})`;
  mounts.push(dir);
  return undefined;
}

/** Fills a file system until it has no space left. */
function fill(dir: string): void {
  spawnSync("dd", ["if=/dev/zero", `of=${join(dir, "filler")}`, "bs=4k"], { stdio: "ignore" });
}

describe("faults of the output folder", () => {
  it("a read-only out/demo (mode 555) is refused before anything moves", async () => {
    const dir = await withOutput();
    chmodSync(join(dir, "out/demo"), 0o555);
    const r = await errcat(generateArgs(b, "out"), dir);
    chmodSync(join(dir, "out/demo"), 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("errcat: cannot write out/demo (EACCES: it is read-only, mode 555): make it writable (chmod u+w out/demo) or choose another output folder; nothing was written\n");
    expect(sameTree(await treeBytes(join(dir, "out/demo")), clean.a)).toBe(true);
    expect(leftovers(join(dir, "out"))).toEqual([]);
    // And it never blocks a later run.
    expect((await errcat(generateArgs(b, "out"), dir)).code).toBe(0);
  });

  it("a read-only folder inside out/demo is refused too, naming it", async () => {
    const dir = await withOutput();
    chmodSync(join(dir, "out/demo/fixtures"), 0o555);
    const r = await errcat(generateArgs(b, "out"), dir);
    chmodSync(join(dir, "out/demo/fixtures"), 0o755);
    expect([r.code, r.stderr]).toEqual([2, "errcat: cannot write out/demo/fixtures (EACCES: it is read-only, mode 555): make it writable (chmod u+w out/demo/fixtures) or choose another output folder; nothing was written\n"]);
    expect(sameTree(await treeBytes(join(dir, "out/demo")), clean.a)).toBe(true);
  });

  it("a read-only file system: the folder and a folder to be made there", async (ctx) => {
    const dir = join(work, `case-${++n}`);
    const skip = tmpfs(join(dir, "ro"), "1m");
    if (skip) return ctx.skip(skip);
    expect((await errcat(generateArgs(a, "ro"), dir)).code).toBe(0);
    expect(spawnSync("mount", ["-o", "remount,ro", join(dir, "ro")]).status).toBe(0);
    const r = await errcat(generateArgs(b, "ro"), dir);
    expect([r.code, r.stderr]).toEqual([2, "errcat: cannot write ro (EROFS: the file system is read-only): make it writable (remount the file system read-write) or choose another output folder; nothing was written\n"]);
    expect(sameTree(await treeBytes(join(dir, "ro/demo")), clean.a)).toBe(true);
    const deeper = await errcat(generateArgs(b, "ro/new/deeper"), dir);
    expect([deeper.code, deeper.stderr]).toEqual([2, "errcat: cannot write ro (EROFS: the file system is read-only): make it writable (remount the file system read-write) or choose another output folder; nothing was written\n"]);
  });

  it("a dangling symbolic link as --out, or as out/demo", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir);
    symlinkSync("nowhere", join(dir, "link"));
    const r = await errcat(generateArgs(a, "link"), dir);
    expect([r.code, r.stderr]).toEqual([2, "errcat: link is a symbolic link to nowhere, which does not exist: create it, or remove the link; nothing was written\n"]);
    mkdirSync(join(dir, "out"));
    symlinkSync("../gone", join(dir, "out/demo"));
    const r2 = await errcat(generateArgs(a, "out"), dir);
    expect([r2.code, r2.stderr]).toEqual([2, "errcat: out/demo is a symbolic link to ../gone, which does not exist: create it, or remove the link; nothing was written\n"]);
    expect(readlinkSync(join(dir, "out/demo"))).toBe("../gone");
  });

  it("a symlinked out/demo is written through: the link stays, its target holds the new output", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(join(dir, "real"), { recursive: true });
    expect((await errcat(generateArgs(a, "real"), dir)).code).toBe(0);
    mkdirSync(join(dir, "out"));
    symlinkSync("../real/demo", join(dir, "out/demo"));
    const r = await errcat(generateArgs(b, "out"), dir);
    expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/^errcat: out\/demo: \d+ written, \d+ unchanged, 0 deleted\n$/)]);
    expect(lstatSync(join(dir, "out/demo")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "out/demo"))).toBe("../real/demo");
    expect(sameTree(await treeBytes(join(dir, "real/demo")), clean.b)).toBe(true);
    expect([leftovers(join(dir, "out")), leftovers(join(dir, "real"))]).toEqual([[], []]);
  });

  it("a full disk while writing: the previous output is unchanged, and nothing is left beside it", async (ctx) => {
    const dir = join(work, `case-${++n}`);
    const skip = tmpfs(join(dir, "full"), "1m");
    if (skip) return ctx.skip(skip);
    expect((await errcat(generateArgs(a, "full"), dir)).code).toBe(0);
    fill(join(dir, "full"));
    // No room at all (the lock cannot be taken), then room for the lock but not for the stage.
    for (const free of [0, 32 * 1024]) {
      spawnSync("truncate", ["-s", `-${free}`, join(dir, "full/filler")]);
      const r = await errcat(generateArgs(b, "full"), dir);
      expect([r.code, r.stderr], `${free} bytes free`).toEqual([2, "errcat: cannot write full/demo (ENOSPC: the disk is full: free some disk space); the previous full/demo is unchanged\n"]);
      expect(sameTree(await treeBytes(join(dir, "full/demo")), clean.a)).toBe(true);
      expect(leftovers(join(dir, "full"))).toEqual(["filler"]);
    }
  });

  it("a full disk during docs sync: says the output is written and the doc unchanged", async (ctx) => {
    const dir = join(work, `case-${++n}`);
    const skip = tmpfs(join(dir, "docs"), "64k");
    if (skip) return ctx.skip(skip);
    const readme = "# Demo\n\n<!-- errcat:begin table -->\n<!-- errcat:end -->\n";
    writeFileSync(join(dir, "docs/README.md"), readme);
    writeFileSync(join(dir, "demo.yaml"), demoCatalog("a", 0).replace("  proto:\n", "  docs:\n    sync: [docs/README.md]\n  proto:\n"));
    fill(join(dir, "docs"));
    const r = await errcat(["generate", "-c", "demo.yaml", "-o", "out", "--docs-sync"], dir);
    expect([r.code, r.stderr]).toEqual([2, "errcat: cannot write docs/README.md (ENOSPC: the disk is full: free some disk space); docs/README.md is unchanged; run `errcat generate` again once it can be written; already written: out/demo\n"]);
    expect(readFileSync(join(dir, "docs/README.md"), "utf8")).toBe(readme);
    // The output is in place (its headers name demo.yaml, so compare the files, not their bytes).
    expect(Object.keys(await treeBytes(join(dir, "out/demo")))).toEqual(Object.keys(clean.a));
  });

  it("--out onto a file", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(join(dir, "out"), { recursive: true });
    writeFileSync(join(dir, "out/demo"), "a file\n");
    const r = await errcat(generateArgs(a, "out"), dir);
    expect([r.code, r.stderr]).toEqual([2, "errcat: the output folder out/demo is a file: move it away or choose another output folder; nothing was written\n"]);
  });
});

describe("the lock on the output folder", () => {
  const lockOf = (dir: string) => join(dir, "out/.demo.errcat-lock");
  const writeLock = (dir: string, owner: Record<string, unknown>) => writeFileSync(lockOf(dir), `${JSON.stringify({ host: hostname(), command: "errcat generate", startedAt: "2026-01-01T00:00:00.000Z", token: "0123456789abcdef", ...owner })}\n`);

  it("a run holding it makes a second run wait, then give up with exit 2 naming the holder", async () => {
    const dir = await withOutput();
    // This test's own process holds it: alive, with its true start time.
    writeLock(dir, { pid: process.pid, processStart: processStartOf(process.pid) });
    const r = await errcat(generateArgs(b, "out"), dir, { ERRCAT_LOCK_TIMEOUT: "0.3" });
    const holder = `pid ${process.pid} on ${hostname()}, \`errcat generate\`, since 2026-01-01T00:00:00.000Z`;
    expect(r.code).toBe(2);
    expect(r.stderr).toBe([
      `errcat: out/demo is being written by another errcat run (${holder}): waiting up to 0 s`,
      `errcat: out/demo is being written by another errcat run (${holder}); waited 0 s: run again when it has finished, or, if that process is not errcat, remove out/.demo.errcat-lock`,
      "",
    ].join("\n"));
    expect(sameTree(await treeBytes(join(dir, "out/demo")), clean.a)).toBe(true);
    expect(existsSync(lockOf(dir))).toBe(true);
  });

  it("a lock whose holder is gone (no such pid) is broken, and the run goes ahead", async () => {
    const dir = await withOutput();
    writeLock(dir, { pid: 2 ** 22 + 12345 });
    const r = await errcat(generateArgs(b, "out"), dir);
    expect(r.code, r.stderr).toBe(0);
    expect(sameTree(await treeBytes(join(dir, "out/demo")), clean.b)).toBe(true);
    expect(leftovers(join(dir, "out"))).toEqual([]);
  });

  it("a lock whose pid runs but started at another time (the pid was reused) is broken too: a pid alone is not trusted", async (ctx) => {
    if (processStartOf(process.pid) === undefined) return ctx.skip("process start times come from /proc, which this system lacks");
    const dir = await withOutput();
    writeLock(dir, { pid: process.pid, processStart: "1" });
    const r = await errcat(generateArgs(b, "out"), dir, { ERRCAT_LOCK_TIMEOUT: "0.3" });
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers(join(dir, "out"))).toEqual([]);
  });
});

describe("faults of the input: validate says what generate would fail on", () => {
  const catalogWith = (file: string, text: string) => {
    writeFileSync(join(work, file), text);
    return file;
  };

  // The sizes (96,000 entries, a 50 MB message) give the same diagnostics; these are the
  // smallest over the limits, as reading a large catalog with positions takes seconds.
  const count = Math.ceil((5 * 2 ** 20) / 12);
  it.each([
    ["an id of 250 characters", "long-id.yaml", () => demoCatalog("a", 0).replace("  - id: key-not-found\n", `  - id: key-${"x".repeat(246)}\n`), "long-id.yaml:22:9: this id is 250 characters long; ids are at most 128, as they name generated files (`<id>.unicode.bin`) and the file system takes 255 bytes per name: shorten it [id-too-long]"],
    ["a message of 5 MB", "huge-message.yaml", () => demoCatalog("a", 0).replace("    message: Service Unavailable.\n", `    message: Service ${"unavailable ".repeat(count)}\n`), `huge-message.yaml:41:14: this message is ${"Service ".length + 12 * count - 1} characters long; messages are at most 4096: check that it is the message the server sends, not a page pasted into it [message-too-long]`],
    ["30,001 entries", "huge-catalog.yaml", () => {
      const head = demoCatalog("a", 0).split("errors:\n")[0]!;
      const entries = Array.from({ length: 30_001 }, (_, i) => `  - { id: e-${i}, number: ${i + 1}, httpStatus: 404, code: C${i}, message: "m ${i}", meaning: M., fix: F., fault: client, retryable: false }`);
      return `${head}errors:\n${entries.join("\n")}\n`;
    }, "huge-catalog.yaml:30022:5: the catalog has 30001 entries; errcat generates at most 30000 from one catalog (entry 30001 is here): split it into one catalog per service [too-many-entries]"],
    // Just over the limit on a run's printed output; 3,500 such entries (about 499 MB) generate with a peak of about 3.1 GB.
    ["3,520 messages of 4,000 characters", "long-messages.yaml", () => {
      const head = demoCatalog("a", 0).split("errors:\n")[0]!;
      const entries = Array.from({ length: 3_520 }, (_, i) => `  - { id: e-${i}, number: ${i + 1}, httpStatus: 404, code: C${i}, message: "m ${String(i).padStart(4, "0")}${" word".repeat(798)}", meaning: M., fix: F., fault: client, retryable: false }`);
      return `${head}errors:\n${entries.join("\n")}\n`;
    }, "long-messages.yaml:21:1: generating this catalog would print about 501 MB of code and docs, more than the 500 MB one run can hold in memory: split the catalog, or shorten its longest messages and texts [output-too-large]"],
  ])("%s: validate and generate both exit 2 with the diagnostic", async (_what, file, text, diagnostic) => {
    catalogWith(file, text());
    const [v, g] = await Promise.all([errcat(["validate", file], work), errcat(generateArgs(file, "out-never"), work)]);
    expect([v.code, v.stderr]).toEqual([2, `${diagnostic}\nerrcat: 1 problem in ${file}\n`]);
    expect([g.code, g.stderr]).toEqual([2, `${diagnostic}\nerrcat: 1 problem; nothing was written\n`]);
    expect(existsSync(join(work, "out-never"))).toBe(false);
  });

  it("a catalog that is not UTF-8", async () => {
    writeFileSync(join(work, "latin1.yaml"), Buffer.concat([Buffer.from(demoCatalog("a", 0).replace("Check the key id.", "Check the key id ")), Buffer.from([0xe9, 0x2e, 0x0a])]));
    const r = await errcat(["validate", "latin1.yaml"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^latin1\.yaml:\d+:\d+: byte \d+ is not valid UTF-8: save the catalog as UTF-8, since messages must reach the output as the server sends them \[encoding\]\nerrcat: 1 problem in latin1\.yaml\n$/);
  });
});

describe("bytes that are not UTF-8, wherever errcat reads text: a positioned diagnostic, exit 2, nothing changed", () => {
  // base.yaml's line 33 is `    fix: Check the key id.`; the byte 0xE9 (é in Latin-1) lands at its column 27.
  const latin1 = () => Buffer.from(demoCatalog("a", 0).replace("Check the key id.", "Check the key id \u0000."), "utf8").map((c) => (c === 0 ? 0xe9 : c));
  const encoding = (file: string, byte: number, fix: string) => `${file}:33:27: byte ${byte} is not valid UTF-8: ${fix} [encoding]\n`;
  const catalogFix = "save the catalog as UTF-8, since messages must reach the output as the server sends them";

  it("errcat diff, with a catalog file or a revision as a side", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "good.yaml"), demoCatalog("a", 0));
    writeFileSync(join(dir, "bad.yaml"), latin1());
    const offset = latin1().indexOf(0xe9);
    const files = await errcat(["diff", "good.yaml", "bad.yaml"], dir);
    expect([files.code, files.stderr]).toEqual([2, `${encoding("bad.yaml", offset, catalogFix)}errcat: 1 problem; nothing was written\n`]);
    // The same bytes committed, then fixed: the revision side is read as strictly as the file.
    const git = (...args: string[]) => expect(spawnSync("git", args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } }).status).toBe(0);
    git("init", "-q");
    git("add", "bad.yaml");
    git("commit", "-q", "-m", "latin-1");
    writeFileSync(join(dir, "bad.yaml"), demoCatalog("a", 0));
    const revision = await errcat(["diff", "HEAD:bad.yaml", "bad.yaml"], dir);
    expect([revision.code, revision.stderr]).toEqual([2, `${encoding("HEAD:bad.yaml", offset, catalogFix)}errcat: 1 problem; nothing was written\n`]);
  });

  it("import markdown of a page with a Latin-1 byte imports nothing", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir);
    const page = Buffer.concat([Buffer.from("# Errors\n\n## 404 Not found\n\n| Code | Message |\n|---|---|\n| NotFound | Caf"), Buffer.from([0xe9]), Buffer.from(" <name> is missing. |\n")]);
    writeFileSync(join(dir, "page.md"), page);
    const r = await errcat(["import", "markdown", "page.md", "--service", "demo", "-o", "demo.yaml"], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, "", "page.md:7:17: byte 73 is not valid UTF-8: save the page as UTF-8, since a replaced byte would change the messages the catalog holds; nothing was imported [encoding]\n"]);
    expect(existsSync(join(dir, "demo.yaml"))).toBe(false);
  });

  it("a config file, or a template override, with a Latin-1 byte: nothing is generated", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(join(dir, "tpl"), { recursive: true });
    writeFileSync(join(dir, "demo.yaml"), demoCatalog("a", 0));
    writeFileSync(join(dir, "tpl/errors.md.hbs"), Buffer.concat([Buffer.from("# Caf"), Buffer.from([0xe9]), Buffer.from(" {{service.title}}\n")]));
    writeFileSync(join(dir, "errcat.config.yaml"), "catalogs: demo.yaml\ntemplates: tpl\n");
    const template = await errcat(["generate"], dir);
    expect([template.code, template.stderr]).toEqual([2, "tpl/errors.md.hbs:1:6: byte 5 is not valid UTF-8: save the template override as UTF-8, since its text is copied into the output [encoding]\nerrcat: 1 problem; nothing was written\n"]);
    writeFileSync(join(dir, "errcat.config.yaml"), Buffer.concat([Buffer.from("catalogs: demo.yaml\n# caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const config = await errcat(["generate"], dir);
    expect([config.code, config.stderr]).toEqual([2, "errcat.config.yaml:2:6: byte 25 is not valid UTF-8: save the config file as UTF-8, since the paths and texts in it must be read as written [encoding]\nerrcat: 1 problem; nothing was written\n"]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("serve with a scenario file holding a Latin-1 byte does not start", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "scenario.yaml"), Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const r = await errcat(["serve", "--catalog", a, "--scenario", "scenario.yaml", "--port", "0"], dir);
    expect([r.code, r.stderr]).toEqual([2, "scenario.yaml:1:6: byte 5 is not valid UTF-8: save the scenario as UTF-8, since its values are sent as written [encoding]\nerrcat: 1 problem in scenario.yaml; the server was not started\n"]);
  });

  it("docs sync of a README with a Latin-1 byte outside its region leaves it and out/ untouched", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(join(dir, "docs"), { recursive: true });
    const readme = Buffer.concat([Buffer.from("# Caf"), Buffer.from([0xe9]), Buffer.from("\n\n<!-- errcat:begin table -->\n<!-- errcat:end -->\n")]);
    writeFileSync(join(dir, "docs/README.md"), readme);
    writeFileSync(join(dir, "demo.yaml"), demoCatalog("a", 0).replace("  proto:\n", "  docs:\n    sync: [docs/README.md]\n  proto:\n"));
    const diagnostic = "docs/README.md:1:6: byte 5 is not valid UTF-8: save docs/README.md as UTF-8, since errcat rewrites it as text; it is unchanged [encoding]\n";
    for (const command of ["generate", "check"]) {
      const r = await errcat([command, "-c", "demo.yaml", "-o", "out", "--docs-sync"], dir);
      expect([r.code, r.stderr], command).toEqual([2, `${diagnostic}errcat: 1 problem; nothing was written\n`]);
      expect(readFileSync(join(dir, "docs/README.md")).equals(readme)).toBe(true);
      expect(existsSync(join(dir, "out"))).toBe(false);
    }
  });
});

describe("faults in the other commands: exit 2, one sentence", () => {
  it.each([
    ["import -o into a missing folder", () => ["import", "markdown", "page.md", "--service", "demo", "-o", "missing/demo.yaml"], "errcat: cannot write missing/demo.yaml (ENOENT): its folder does not exist: create it first; nothing was written\n"],
    ["import -o onto a folder", () => ["import", "markdown", "page.md", "--service", "demo", "-o", "."], "errcat: cannot write . (EISDIR): it is a folder: name a .yaml file in it; nothing was written\n"],
    ["validate a folder", () => ["validate", "."], ".:1:1: cannot read the catalog: it is a folder: name the catalog's .yaml file [read]\nerrcat: 1 problem in .\n"],
  ])("%s", async (_what, args, stderr) => {
    const page = join(work, "page.md");
    if (!existsSync(page)) writeFileSync(page, readFileSync(new URL("../fixtures/kms-vendor-error-page.md", import.meta.url)));
    const r = await errcat(args(), work);
    expect(r.code, r.stderr).toBe(2);
    if (stderr !== undefined) expect(r.stderr).toBe(stderr);
    else expect(r.stderr.trimEnd().split("\n").at(-1)).toMatch(/^errcat: .{20,}$/);
  });

  it("check -o onto a file, or onto a dangling symbolic link: the writer's sentence, not an all-missing diff", async () => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "a-file"), "a file\n");
    symlinkSync("nowhere", join(dir, "link"));
    const onFile = await errcat(["check", "-c", a, "-o", "a-file", "--no-docs-sync"], dir);
    expect([onFile.code, onFile.stdout, onFile.stderr]).toEqual([2, "", "errcat: cannot write a-file/demo: a-file is a file, where a folder must be: move it away or choose another output folder; nothing was compared\n"]);
    const onLink = await errcat(["check", "-c", a, "-o", "link", "--no-docs-sync"], dir);
    expect([onLink.code, onLink.stdout, onLink.stderr]).toEqual([2, "", "errcat: link is a symbolic link to nowhere, which does not exist: create it, or remove the link; nothing was compared\n"]);
  });

  it("serve on a port in use", async () => {
    const server = (await import("node:net")).createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const r = await errcat(["serve", "--catalog", a, "--port", String(port)], work);
    server.close();
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`errcat: port ${port} on 127.0.0.1 is already in use: stop what listens there, or pass --port 0 to pick a free port\n`);
  });

  it("init into a folder that cannot be written", async () => {
    const dir = join(tmpdir(), `errcat-locked-${process.pid}`);
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    // Root ignores modes: run init as nobody where this runs as root.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [errcatBin, "init", "-d", dir], { encoding: "utf8", cwd: tmpdir(), ...asNobody });
    chmodSync(dir, 0o755);
    await rm(dir, { recursive: true, force: true });
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^errcat: .*EACCES/m);
  });
});
