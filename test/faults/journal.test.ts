/**
 * The file-by-file commit (ERRCAT_WRITER_SWAP=files), stopped by a SIGKILL at a chosen step of its
 * journal (ERRCAT_TEST_KILL_AFTER_COMMIT_STEPS): what is left is half applied, and the next run rolls it
 * forward to the tree a clean generate writes, with nothing left beside it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { treeBytes } from "../support/cli.js";
import { cleanTree, demoProject, generateArgs, leftovers, sameTree, startErrcat } from "./support.js";

let project: { dir: string; a: string; b: string };
let clean: { a: Record<string, string>; b: Record<string, string> };
beforeAll(async () => {
  project = await demoProject("journal", 3);
  clean = { a: await cleanTree(project.a), b: await cleanTree(project.b) };
});
afterAll(() => rm(project.dir, { recursive: true, force: true }));

const files = { ERRCAT_WRITER_SWAP: "files" };
let n = 0;

/** Generates `from` into a new output folder, then `to`, killed once its commit has done `steps` steps; returns the folder and the journal left. */
async function killedCommit(from: "a" | "b", to: "a" | "b", steps: number) {
  const out = join(project.dir, `out-${++n}`);
  expect((await startErrcat(generateArgs(project[from], out), { env: files }).done).code).toBe(0);
  const run = await startErrcat(generateArgs(project[to], out), { env: { ...files, ERRCAT_TEST_KILL_AFTER_COMMIT_STEPS: String(steps) } }).done;
  expect(run.signal, run.stderr).toBe("SIGKILL");
  const stages = readdirSync(out).filter((name) => name.startsWith(".demo.errcat-stage-"));
  expect(stages).toHaveLength(1);
  const journal = JSON.parse(readFileSync(join(out, stages[0]!, ".errcat-journal.json"), "utf8")) as { moves: string[]; deletes: string[] };
  return { out, journal };
}

describe.each([
  { from: "a", to: "b", what: "adding files" },
  { from: "b", to: "a", what: "deleting files" },
] as const)("a file-by-file commit killed part way ($what)", ({ from, to }) => {
  it("at every kind of step: before any, after the first, half way, before the last; the next run finishes it", async () => {
    const { journal } = await killedCommit(from, to, 0);
    const total = journal.deletes.length + journal.moves.length;
    // The change touches most files: enough steps for the points below to differ.
    expect(total).toBeGreaterThan(10);
    if (to === "a") expect(journal.deletes.length).toBeGreaterThan(0);
    for (const steps of [0, 1, Math.floor(total / 2), total - 1]) {
      const { out } = steps === 0 ? { out: join(project.dir, `out-${n}`) } : await killedCommit(from, to, steps);
      const folder = join(out, "demo");
      const half = await treeBytes(folder);
      // Before any step the old tree is whole; after some, the folder is neither tree: the journal must finish it.
      if (steps === 0) expect(sameTree(half, clean[from]), `${steps} steps`).toBe(true);
      else expect(sameTree(half, clean[from]) || sameTree(half, clean[to]), `${steps} steps`).toBe(false);
      // The next run (here the default swap) rolls the journal forward first: then nothing is left to write.
      const next = await startErrcat(generateArgs(project[to], out)).done;
      expect([next.code, next.stderr], `${steps} steps`).toEqual([0, expect.stringMatching(/^errcat: .*demo: 0 written, \d+ unchanged, 0 deleted\n$/)]);
      expect(sameTree(await treeBytes(folder), clean[to]), `${steps} steps`).toBe(true);
      expect(leftovers(out), `${steps} steps`).toEqual([]);
      expect(existsSync(join(out, ".demo.errcat-lock"))).toBe(false);
    }
  });
});
