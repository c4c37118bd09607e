/**
 * `errcat generate --watch` as a user runs it: it generates, then the catalog is edited twice (first
 * into an invalid catalog, then into a valid one); the watcher prints the diagnostics of the first,
 * regenerates after the second, and stops on SIGINT with exit 0. Edits to a template override (in a
 * subfolder of the templates folder), to the config and to a plugin module each regenerate once.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errcatBin, repoRoot } from "../support/cli.js";
import { scratchProject } from "./support.js";

/** A running child whose stderr can be awaited line by line. */
function start(args: readonly string[], cwd: string) {
  const child = spawn(process.execPath, [errcatBin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let waiting: { re: RegExp; from: number; resolve: () => void } | undefined;
  const poll = () => {
    if (waiting && waiting.re.test(stderr.slice(waiting.from))) {
      const w = waiting;
      waiting = undefined;
      w.resolve();
    }
  };
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    poll();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    stderr: () => stderr,
    /** Resolves when stderr, from its current end on, matches `re` (or rejects if the child exits first). */
    until(re: RegExp): Promise<void> {
      const from = stderr.length;
      return Promise.race([
        new Promise<void>((resolve) => {
          waiting = { re, from, resolve };
          poll();
        }),
        exited.then((e) => Promise.reject(new Error(`errcat exited (${e.code ?? e.signal}) while waiting for ${re}:\n${stderr}`))),
      ]);
    },
  };
}

describe("errcat generate --watch", () => {
  it("prints one diagnostic run for an invalid edit, regenerates once for a valid one, and stops on SIGINT", async () => {
    const project = await scratchProject("watch");
    await project.write("errcat.config.yaml", "generate:\n  - target: json\n    out: generated\n");
    const valid = await project.read("catalog/kms.yaml");
    const watcher = start(["generate", "--watch"], project.dir);
    try {
      await watcher.until(/errcat: watching for changes \(Ctrl-C to stop\)\n/);
      expect(watcher.stderr()).toMatch(/^errcat: first run: generated in \d+ ms \(2 files changed\)\n/);

      // An invalid edit: a code without its message.
      const broken = valid.replace("    message: The ApiName \"<apiname>\" is invalid.\n", "");
      expect(broken).not.toBe(valid);
      const invalidRun = watcher.until(/nothing was written, still watching\n/);
      await project.write("catalog/kms.yaml", broken);
      await invalidRun;

      // A valid edit: the same catalog with one fix changed.
      const validRun = watcher.until(/: generated in \d+ ms \(\d+ files? changed\)\n/);
      await project.write("catalog/kms.yaml", valid.replace("fix: Check the API name and correct it.", "fix: Check the API name, then correct it."));
      await validRun;
      expect(await project.read("generated/catalog.json")).toContain("Check the API name, then correct it.");
    } finally {
      watcher.child.kill("SIGINT");
    }
    const exit = await watcher.exited;
    const lines = watcher.stderr().trimEnd().split("\n");
    expect(exit, watcher.stderr()).toEqual({ code: 0, signal: null });
    expect(lines.at(-1)).toBe("errcat: stopped watching");
    // After the first run: exactly one run with diagnostics, then exactly one regenerate.
    const runs = lines.filter((l) => /^errcat: changed /.test(l));
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatch(/^errcat: changed catalog\/kms\.yaml: \d+ problems?; nothing was written, still watching$/);
    expect(runs[1]).toMatch(/^errcat: changed catalog\/kms\.yaml: generated in \d+ ms \(2 files changed\)$/);
    const diagnostics = lines.filter((l) => /^catalog\/kms\.yaml:\d+:\d+: /.test(l));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.some((d) => d.endsWith("[code-without-message]"))).toBe(true);
    expect(watcher.stderr()).not.toMatch(/^\s+at /m);
  });

  it("reports a later run's failure that is not the catalog's as one line and goes on watching", async () => {
    const project = await scratchProject("watch-failure", { linkErrcat: true });
    const plugin = (body: string) => `import { readFileSync } from "node:fs";\nimport { defineTarget, readOptions } from "errcat";\nexport default defineTarget({ name: "notes", parseOptions: (raw) => readOptions(raw).done(), generate: () => [{ path: "notes.txt", contents: ${body} }] });\n`;
    await project.write("errcat.config.yaml", "generate:\n  - target: ./notes.mjs\n    out: notes\n");
    await project.write("notes.mjs", plugin(`"one\\n"`));
    const watcher = start(["generate", "--watch"], project.dir);
    try {
      await watcher.until(/errcat: watching for changes/);
      // A failure the user can fix (here a plugin reading a file that is not there): one sentence.
      const missing = watcher.until(/still watching\n/);
      await project.write("notes.mjs", plugin(`readFileSync(new URL("./missing.txt", import.meta.url), "utf8")`));
      await missing;
      // A plugin's own exception: its author's to fix, named with its line; the watcher still goes on.
      const bug = watcher.until(/; still watching\n/);
      await project.write("notes.mjs", plugin(`(() => { throw new TypeError("a bug in the plugin"); })()`));
      await bug;
      const fixed = watcher.until(/: generated in \d+ ms \(\d+ files? changed\)\n/);
      await project.write("notes.mjs", plugin(`"two\\n"`));
      await fixed;
      expect(await project.read("notes/notes.txt")).toBe("two\n");
    } finally {
      watcher.child.kill("SIGINT");
    }
    expect(await watcher.exited, watcher.stderr()).toEqual({ code: 0, signal: null });
    const runs = watcher.stderr().split("\n").filter((l) => /^errcat: changed /.test(l));
    expect(runs).toEqual([
      "errcat: changed notes.mjs: cannot open missing.txt (ENOENT: no such file or folder: check the path); still watching",
      expect.stringMatching(/^errcat: changed notes\.mjs: the plugin target `notes` failed in generate: a bug in the plugin \(notes\.mjs:3:\d+\); fix the plugin \(ERRCAT_DEBUG=1 shows its stack\); still watching$/),
      expect.stringMatching(/^errcat: changed notes\.mjs: generated in \d+ ms \(2 files changed\)$/),
    ]);
    expect(watcher.stderr()).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
  });

  it("regenerates when an overlay the catalog lists changes", async () => {
    const project = await scratchProject("watch-overlay");
    await project.write("errcat.config.yaml", "catalogs: catalog/*.yaml\ngenerate:\n  - target: json\n    out: generated\n");
    const overlay = await project.read("catalog/kms.sdk.yaml");
    const fix = "fix: Retry with backoff, as the vendor's SDKs do, or send fewer requests per second.";
    expect(overlay).toContain(fix);
    const watcher = start(["generate", "--watch"], project.dir);
    try {
      await watcher.until(/errcat: watching for changes/);
      const rerun = watcher.until(/: generated in \d+ ms \(\d+ files? changed\)\n/);
      await project.write("catalog/kms.sdk.yaml", overlay.replace(fix, "fix: Retry with backoff."));
      await rerun;
      expect(await project.read("generated/catalog.json")).toContain("Retry with backoff.\"");
    } finally {
      watcher.child.kill("SIGINT");
    }
    expect(await watcher.exited).toEqual({ code: 0, signal: null });
    expect(watcher.stderr()).toMatch(/^errcat: changed catalog\/kms\.sdk\.yaml: generated in \d+ ms \(2 files changed\)$/m);
  });
  it("regenerates once for each edit of a template override, the config and a plugin module", async () => {
    const project = await scratchProject("watch-inputs", { linkErrcat: true });
    await mkdir(join(project.dir, "errcat"));
    await copyFile(join(repoRoot, "examples/plugin/errors-csv.mjs"), join(project.dir, "errcat/errors-csv.mjs"));
    const builtinReadme = await readFile(join(repoRoot, "templates/fixtures/README.md.hbs"), "utf8");
    // The override sits in a subfolder of the templates folder, as the built-in template does.
    await project.write("tpl/fixtures/README.md.hbs", `${builtinReadme}\nOverride, first version.\n`);
    const config = "templates: tpl\ngenerate:\n  - target: fixtures\n    out: generated/fixtures\n  - target: ./errcat/errors-csv.mjs\n    out: generated/csv\n    options:\n      delimiter: \",\"\n";
    await project.write("errcat.config.yaml", config);
    const plugin = await project.read("errcat/errors-csv.mjs");
    const watcher = start(["generate", "--watch"], project.dir);
    const regenerated = /: generated in \d+ ms \(\d+ files? changed\)\n/;
    try {
      await watcher.until(/errcat: watching for changes/);
      expect(await project.read("generated/fixtures/README.md")).toContain("Override, first version.");
      expect(await project.read("generated/csv/kms-errors.csv")).toContain("\nid,httpStatus,code,");

      let rerun = watcher.until(regenerated);
      await project.write("tpl/fixtures/README.md.hbs", `${builtinReadme}\nOverride, second version.\n`);
      await rerun;
      expect(await project.read("generated/fixtures/README.md")).toContain("Override, second version.");

      rerun = watcher.until(regenerated);
      await project.write("errcat.config.yaml", config.replace('delimiter: ","', 'delimiter: ";"'));
      await rerun;
      expect(await project.read("generated/csv/kms-errors.csv")).toContain("\nid;httpStatus;code;");

      const header = "${row(COLUMNS)}";
      expect(plugin).toContain(header);
      rerun = watcher.until(regenerated);
      await project.write("errcat/errors-csv.mjs", plugin.replace(header, "${row(COLUMNS.map((c) => c.toUpperCase()))}"));
      await rerun;
      expect(await project.read("generated/csv/kms-errors.csv")).toContain("\nID;HTTPSTATUS;CODE;");
    } finally {
      watcher.child.kill("SIGINT");
    }
    expect(await watcher.exited, watcher.stderr()).toEqual({ code: 0, signal: null });
    // Each edit is one run that rewrote its file and the manifest beside it.
    const runs = watcher.stderr().split("\n").filter((l) => /^errcat: changed /.test(l));
    expect(runs, watcher.stderr()).toHaveLength(3);
    expect(runs[0]).toMatch(/^errcat: changed tpl\/fixtures\/README\.md\.hbs: generated in \d+ ms \(2 files changed\)$/);
    expect(runs[1]).toMatch(/^errcat: changed errcat\.config\.yaml: generated in \d+ ms \(2 files changed\)$/);
    expect(runs[2]).toMatch(/^errcat: changed errcat\/errors-csv\.mjs: generated in \d+ ms \(2 files changed\)$/);
  });
});
