/**
 * `errcat generate` SIGKILLed at random points: right after each kill out/demo is whole, the old tree
 * or the new one (with the file-by-file commit, a kill during the moves leaves a journal that the next
 * run finishes); the next run recovers whatever was left (a dead holder's lock, a stage) and writes a
 * clean tree with nothing beside it.
 */
import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { treeBytes } from "../support/cli.js";
import { cleanTree, demoProject, generateArgs, leftovers, sameTree, seeded, startErrcat } from "./support.js";

let project: { dir: string; a: string; b: string };
let clean: { a: Record<string, string>; b: Record<string, string> };
beforeAll(async () => {
  // Enough entries that writing takes a good part of a run (about 170 files), so kills land there too.
  project = await demoProject("kill", 20);
  clean = { a: await cleanTree(project.a), b: await cleanTree(project.b) };
});
afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

describe.each([
  { swap: "exchange", kills: 30, env: {} },
  { swap: "file-by-file commit", kills: 6, env: { ERRCAT_WRITER_SWAP: "files" } },
])("generate killed at random points ($swap)", ({ swap, kills, env }) => {
  it(`leaves the old or the new tree after each of ${kills} SIGKILLs, and the next run recovers`, async () => {
    const out = join(project.dir, `out-${kills}`);
    const folder = join(out, "demo");
    expect((await startErrcat(generateArgs(project.a, out), { env }).done).code).toBe(0);
    // How long a run that changes every file takes here: kills are spread over it.
    const t0 = Date.now();
    expect((await startErrcat(generateArgs(project.b, out), { env }).done).code).toBe(0);
    const duration = Date.now() - t0;
    const random = seeded(18 + kills);
    let current: "a" | "b" = "b";
    const seen = { old: 0, new: 0, journal: 0, leftovers: 0, finished: 0 };
    for (let i = 0; i < kills; i++) {
      const next: "a" | "b" = current === "a" ? "b" : "a";
      const run = startErrcat(generateArgs(project[next], out), { env });
      // Half the kills at any moment of the run, half in its write phase: once it holds the lock.
      if (i % 2 === 0) await new Promise((r) => setTimeout(r, Math.round(duration * random())));
      else {
        const until = Date.now() + 5 * duration;
        while (!existsSync(join(out, ".demo.errcat-lock")) && Date.now() < until && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => setTimeout(r, Math.round(40 * random())));
      }
      const killed = run.child.kill("SIGKILL");
      const result = await run.done;
      if (result.signal !== "SIGKILL") {
        expect(result.code, result.stderr).toBe(0);
        seen.finished += 1;
      }
      if (leftovers(out).length > 0) seen.leftovers += 1;
      const tree = await treeBytes(folder);
      const journal = swap !== "exchange" && readdirSync(out).some((n) => n.includes(".errcat-stage-") && existsSync(join(out, n, ".errcat-journal.json")));
      if (sameTree(tree, clean[current])) seen.old += 1;
      else if (sameTree(tree, clean[next])) seen.new += 1;
      else {
        // Only the file-by-file commit can be caught part way, and then its journal is there to finish it.
        expect(journal, `kill ${i} (after ${killed ? "a kill" : "the run"}) left a tree that is neither the old nor the new one`).toBe(true);
        seen.journal += 1;
      }
      // The next run takes over what was left (a dead holder's lock, a stage or a journal) and writes its tree cleanly.
      const recover = await startErrcat(generateArgs(project[next], out), { env }).done;
      expect(recover.code, recover.stderr).toBe(0);
      expect(sameTree(await treeBytes(folder), clean[next]), `kill ${i}: after recovery`).toBe(true);
      expect(leftovers(out), `kill ${i}: after recovery`).toEqual([]);
      current = next;
    }
    console.log(`${swap}, ${kills} kills over ${duration} ms runs: old tree ${seen.old}×, new ${seen.new}×, part-committed with a journal ${seen.journal}×, leftovers beside it ${seen.leftovers}×, run finished first ${seen.finished}×`);
    expect(seen.old + seen.new + seen.journal).toBe(kills);
  });
});
