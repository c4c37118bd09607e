/**
 * Two `errcat generate` runs at once, with different catalogs, into one output folder: the second waits
 * for the first's lock, so every final tree is one of the two clean generates, manifest included, with
 * nothing left beside it; and a reader polling out/demo meanwhile never finds it missing or without
 * its manifest. Both swap designs are run: the exchange, and the file-by-file commit used where a file
 * system cannot exchange.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { treeBytes } from "../support/cli.js";
import { cleanTree, demoProject, generateArgs, leftovers, sameTree, startErrcat } from "./support.js";

let project: { dir: string; a: string; b: string };
let clean: { a: Record<string, string>; b: Record<string, string> };
beforeAll(async () => {
  project = await demoProject("concurrency", 5);
  clean = { a: await cleanTree(project.a), b: await cleanTree(project.b) };
});
afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

/** A process that stats out/demo and its manifest in a loop until told to stop; prints how often each was missing. */
function startReader(folder: string) {
  const script = `
    const { statSync } = require("node:fs");
    let polls = 0, missing = 0, withoutManifest = 0, stop = false;
    process.stdin.on("data", () => { stop = true; }).on("end", () => { stop = true; });
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    const loop = () => {
      const until = Date.now() + 20;
      while (Date.now() < until) {
        polls++;
        try { statSync(${JSON.stringify(folder)}); } catch { missing++; continue; }
        try { statSync(${JSON.stringify(join(folder, "errcat.manifest.json"))}); } catch { withoutManifest++; }
        Atomics.wait(sleep, 0, 0, 0.2);
      }
      if (stop) process.stdout.write(JSON.stringify({ polls, missing, withoutManifest }));
      else setImmediate(loop);
    };
    loop();
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const done = new Promise<{ polls: number; missing: number; withoutManifest: number }>((resolve) => child.on("close", () => resolve(JSON.parse(out))));
  return { stop: () => child.stdin.end("stop"), done };
}

describe.each([
  { swap: "exchange", pairs: 20, env: {} },
  { swap: "file-by-file commit", pairs: 4, env: { ERRCAT_WRITER_SWAP: "files" } },
])("two generates at once ($swap)", ({ pairs, env }) => {
  it(`leaves one clean tree after each of ${pairs} staggered pairs, and a reader never finds out/demo missing`, async () => {
    const out = join(project.dir, `out-${pairs}`);
    // A first tree, so that every pair replaces an existing folder.
    expect((await startErrcat(generateArgs(project.a, out), { env }).done).code).toBe(0);
    const reader = startReader(join(out, "demo"));
    const outcomes = { a: 0, b: 0 };
    for (let i = 0; i < pairs; i++) {
      // The second run starts 0 to ~380 ms after the first: before, during and after the first's write.
      const [first, second] = i % 2 === 0 ? [project.a, project.b] : [project.b, project.a];
      const one = startErrcat(generateArgs(first, out), { env });
      await new Promise((r) => setTimeout(r, (i * 97) % 400));
      const two = startErrcat(generateArgs(second, out), { env });
      const [r1, r2] = await Promise.all([one.done, two.done]);
      expect([r1.code, r2.code], `pair ${i}: ${r1.stderr}${r2.stderr}`).toEqual([0, 0]);
      const tree = await treeBytes(join(out, "demo"));
      const which = sameTree(tree, clean.a) ? "a" : sameTree(tree, clean.b) ? "b" : undefined;
      expect(which, `pair ${i}: the tree is neither clean generate`).toBeDefined();
      outcomes[which!] += 1;
      expect(leftovers(out), `pair ${i}`).toEqual([]);
    }
    reader.stop();
    const seen = await reader.done;
    console.log(`${pairs} pairs: final tree a ${outcomes.a}×, b ${outcomes.b}×; reader: ${seen.polls} polls, missing ${seen.missing}, without manifest ${seen.withoutManifest}`);
    expect(seen.polls).toBeGreaterThan(1000);
    expect(seen).toMatchObject({ missing: 0, withoutManifest: 0 });
  });
});
