/** Catalogs, runs and trees for the fault tests: two versions of one small service, and the CLI run as a user runs it. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errcatBin, repoRoot, treeBytes } from "../support/cli.js";

const base = readFileSync(join(repoRoot, "test/bad-catalogs/good/base.yaml"), "utf8");

/**
 * A valid catalog of service `demo`: base.yaml's two entries, then `extra` more. Version "b" changes
 * every message and has one more entry than "a", so each generate of the other version changes
 * most files, adds or deletes some, and rewrites the manifest.
 */
export function demoCatalog(version: "a" | "b", extra: number): string {
  const entries: string[] = [];
  const count = extra + (version === "b" ? 1 : 0);
  for (let i = 0; i < count; i++) {
    entries.push(
      `  - id: part-${i}-missing`, `    number: ${i + 3}`, "    httpStatus: 404", `    code: Part${i}.Missing`,
      `    message: "Part <part> of batch ${i} is missing (version ${version})."`,
      "    placeholders:", "      - { text: part, name: part, description: The part the request named., example: p-7 }",
      "    meaning: The part is missing.", "    fix: Send the part.", "    fault: client", "    retryable: false", "",
    );
  }
  const text = version === "a" ? base : base.replace("The key \"<key id>\" does not exist.", "Key \"<key id>\" was not found (version b).");
  return `${text.trimEnd()}\n\n${entries.join("\n")}`;
}

/** Writes both versions into a new temporary folder; returns it and the two catalog paths. */
export async function demoProject(prefix: string, extra = 0): Promise<{ dir: string; a: string; b: string }> {
  const dir = await mkdtemp(join(tmpdir(), `errcat-${prefix}-`));
  const a = join(dir, "a.yaml");
  const b = join(dir, "b.yaml");
  await writeFile(a, demoCatalog("a", extra));
  await writeFile(b, demoCatalog("b", extra));
  return { dir, a, b };
}

export interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `node bin/errcat.js …args` in cwd. */
export function startErrcat(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const child = spawn(process.execPath, [errcatBin, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** `errcat generate -c <catalog> -o <out> --no-docs-sync`. */
export const generateArgs = (catalog: string, out: string) => ["generate", "-c", catalog, "-o", out, "--no-docs-sync"];

/** The bytes of every file a clean generate of this catalog writes (run in cwd: the headers name the catalog relative to it). */
export async function cleanTree(catalog: string, cwd?: string): Promise<Record<string, string>> {
  const out = await mkdtemp(join(tmpdir(), "errcat-clean-"));
  const r = await startErrcat(generateArgs(catalog, out), { cwd }).done;
  if (r.code !== 0) throw new Error(`clean generate failed: ${r.stderr}`);
  return treeBytes(join(out, "demo"));
}

/** What else is beside out/demo: stages, old copies, locks left behind. */
export const leftovers = (out: string) => (existsSync(out) ? readdirSync(out).filter((n) => n !== "demo") : []);

export const sameTree = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

/** A stack trace line, which no user-caused failure may print. */
export const STACK_LINE = /^\s+at .+[(:]\d+/m;

/** A small seeded generator, so a failing sequence of delays can be run again. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
