/**
 * A large output's staged files are written by a helper thread (generators/emit/background-writes.ts):
 * the bytes on disk are the bytes given, in whatever form they came; a caller's buffer is never taken
 * from it; a write that fails on the helper fails the run as one on the main thread would, and leaves
 * the previous output as it was. The helper is bundled, so these run the built modules in a child process.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";

const url = (p: string) => JSON.stringify(pathToFileURL(join(repoRoot, p)).href);

/**
 * A child that writes `count` files (file i holds `i` repeated, in one of four forms) to `dir` with
 * writeAtomically, then prints the profile line and, per file, whether the caller's bytes are intact.
 * File `big` (when given) is a 2 MB string; `salt` changes every file's text.
 */
function writer(dir: string, count: number, big?: number, salt = ""): string {
  return `
    import { writeAtomically } from ${url("dist/emit/writer.js")};
    import { profileLine } from ${url("dist/profile.js")};
    const text = (i) => \`file \${i}${salt}\\n\`.repeat(1 + (i % 97) * 13);
    const backing = new Uint8Array(1 << 16);
    const files = [];
    const views = [];
    for (let i = 0; i < ${count}; i++) {
      const t = i === ${big ?? -1} ? "x".repeat(2 << 20) : text(i);
      const bytes = Buffer.from(t);
      switch (i % 4) {
        case 0: files.push({ path: \`s/\${i}.txt\`, contents: t }); break;
        case 1: { // A whole buffer of its own, large for some: still the caller's, never moved away.
          const own = i % 8 === 5 ? new Uint8Array(Buffer.concat([bytes, Buffer.alloc(300 << 10, 1)])) : new Uint8Array(bytes);
          views.push(own);
          files.push({ path: \`b/\${i}.bin\`, contents: own }); break;
        }
        case 2: { // A view into a larger buffer, at an offset.
          const at = (i * 31) % 4096;
          const view = i % 8 === 2 ? new Uint8Array(backing.buffer, at, Math.min(bytes.length, backing.length - at)) : new Uint8Array(new ArrayBuffer(bytes.length + 64), 64, bytes.length);
          view.set(bytes.subarray(0, view.length));
          views.push(view);
          files.push({ path: \`v/\${i}.bin\`, contents: view }); break;
        }
        default: files.push({ path: \`l/\${i}.txt\`, contents: t + "y".repeat(300 << 10) }); // over the size that moves a buffer
      }
    }
    files.push({ path: "errcat.manifest.json", contents: "{}\\n" });
    // Views into one buffer overlap: what each holds is what it holds once all are made.
    const copies = views.map((view) => Buffer.from(view));
    try {
      await writeAtomically(${JSON.stringify(dir)}, files);
      console.log("written");
    } catch (error) {
      console.log("failed", error.name, error.state, error.cause?.code);
    }
    console.log(profileLine());
    console.log("views intact", views.every((view, k) => view.byteLength === copies[k].length && Buffer.compare(Buffer.from(view), copies[k]) === 0));
  `;
}

function run(script: string, limitKb?: number) {
  const node = JSON.stringify(process.execPath);
  const command = limitKb === undefined ? `${node} --input-type=module -` : `ulimit -f ${limitKb}; ${node} --input-type=module -`;
  const r = spawnSync("bash", ["-c", command], { input: script, encoding: "utf8", env: { ...process.env, ERRCAT_PROFILE: "1" }, cwd: repoRoot });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function tree(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (d.isFile()) found[join(d.parentPath, d.name).slice(dir.length + 1)] = sha(readFileSync(join(d.parentPath, d.name)));
  }
  return found;
}

describe("staged files written by a helper thread", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "errcat-bg-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("are the bytes given, in every form, and the caller's buffers stay whole", () => {
    const dir = join(root, "out");
    const r = run(writer(dir, 900));
    expect(r.out, r.err).toMatch(/^written$/m);
    // The helper did write: its wait is in the profile line.
    expect(r.out).toMatch(/write-thread=\d+ms/);
    expect(r.out).toMatch(/^views intact true$/m);
    // The same files, made again here, against the disk.
    const expected = run(`${writer(join(root, "again"), 900).split("try {")[0]}
      import { createHash } from "node:crypto";
      for (const f of files) console.log("file", f.path, createHash("sha256").update(typeof f.contents === "string" ? Buffer.from(f.contents) : f.contents).digest("hex"));
    `);
    const wanted = Object.fromEntries([...expected.out.matchAll(/^file (\S+) ([0-9a-f]{64})$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(wanted)).toHaveLength(901);
    expect(tree(dir)).toEqual(wanted);
  }, 60_000);

  it("a write that fails on the helper fails the run, and the previous output stays as it was", () => {
    const dir = join(root, "out");
    expect(run(writer(dir, 300)).out).toMatch(/^written$/m);
    const before = tree(dir);
    // Files may be at most 1 MB here; file 260 (on the helper: past the first 200 changed files) is 2 MB.
    const r = run(writer(dir, 300, 260, " changed"), 1024);
    expect(r.out, r.err).toMatch(/^failed OutputWriteError unchanged EFBIG$/m);
    expect(r.out).toMatch(/write-thread=\d+ms/);
    expect(tree(dir)).toEqual(before);
    // No stage is left beside it.
    expect(readdirSync(root)).toEqual(["out"]);
  }, 60_000);
});
