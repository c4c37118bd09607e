/**
 * The only code that writes generated files to disk. It stages the new out/<service>/ next to the old
 * one and swaps the two with renames, so a failing or killed run leaves the previous output intact.
 * Unchanged files are hard-linked into the stage (same inode and mtime: watchers see no change);
 * files errcat did not generate are carried over; generated files that are no longer generated go.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, readlink, rename, rm, symlink } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { randomBytes } from "node:crypto";
import { sameBytes, toBytes, type GeneratedFile } from "./generated-file.js";
import { MANIFEST_PATH, manifestPaths } from "./manifest.js";

export interface WriteResult {
  readonly written: string[];
  readonly unchanged: string[];
  readonly deleted: string[];
}

/** Replaces the generated files of `dir` with `files` (which include the manifest), atomically. */
export async function writeAtomically(dir: string, files: readonly GeneratedFile[]): Promise<WriteResult> {
  const parent = dirname(dir);
  // basename, not a slice after dirname: dirname("kms") is "." (as with `--out .`), which is not a prefix.
  const base = basename(dir);
  await mkdir(parent, { recursive: true });
  await recoverInterruptedSwap(parent, base);

  const existing = existsSync(dir) ? await listFiles(dir) : [];
  const existingSet = new Set(existing);
  const previouslyGenerated = new Set(manifestPaths(existingSet.has(MANIFEST_PATH) ? await readFile(join(dir, MANIFEST_PATH), "utf8") : undefined));
  previouslyGenerated.add(MANIFEST_PATH);
  const newPaths = new Set(files.map((f) => f.path));

  // Synchronous file calls below: one small file at a time, they cost a fraction of a promise round trip
  // through the thread pool, which matters at 100,000 files.
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    (existingSet.has(file.path) && sameContents(join(dir, file.path), file.contents) ? unchanged : written).push(file.path);
  }
  const deleted = existing.filter((p) => previouslyGenerated.has(p) && !newPaths.has(p));
  if (written.length === 0 && deleted.length === 0) return { written, unchanged, deleted };

  const stage = join(parent, `.${base}.errcat-stage-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(stage, { recursive: true });
    for (const path of existing) {
      // A user's file stays where it is.
      if (!previouslyGenerated.has(path) && !newPaths.has(path)) await carry(join(dir, path), join(stage, path));
    }
    // So do a user's symbolic links and empty folders, which the swap would otherwise lose. (A folder
    // that held only generated files that are gone now goes with them.)
    for (const { path, kind } of existsSync(dir) ? await listOtherEntries(dir) : []) {
      if (newPaths.has(path) || (kind === "directory" && (await readdir(join(dir, path))).length > 0)) continue;
      const target = join(stage, path);
      await mkdir(kind === "directory" ? target : dirname(target), { recursive: true });
      if (kind === "symlink") await symlink(await readlink(join(dir, path)), target);
    }
    const unchangedSet = new Set(unchanged);
    const folders = new Set<string>([stage]);
    for (const file of files) {
      const target = join(stage, file.path);
      const folder = dirname(target);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      if (unchangedSet.has(file.path)) carrySync(join(dir, file.path), target);
      else writeFileSync(target, file.contents);
    }
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }

  if (existsSync(dir)) {
    const old = join(parent, `.${base}.errcat-old-${process.pid}-${randomBytes(4).toString("hex")}`);
    await rename(dir, old);
    await rename(stage, dir);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(stage, dir);
  }
  return { written, unchanged, deleted };
}

/**
 * Puts back the old output if a run was killed between its two renames, and removes what killed runs
 * left beside it. Leftovers of a run that is still going (another `errcat generate` at the same time)
 * are left alone: its stage is in use.
 */
async function recoverInterruptedSwap(parent: string, base: string): Promise<void> {
  const names = await readdir(parent);
  const stagePrefix = `.${base}.errcat-stage-`;
  const oldPrefix = `.${base}.errcat-old-`;
  const dead = (name: string, prefix: string) => !isRunning(Number(name.slice(prefix.length).split("-")[0]));
  const olds = names.filter((n) => n.startsWith(oldPrefix) && dead(n, oldPrefix)).sort();
  if (!existsSync(join(parent, base)) && olds.length > 0) await rename(join(parent, olds[0]!), join(parent, base));
  for (const n of names) {
    const leftover = (n.startsWith(stagePrefix) && dead(n, stagePrefix)) || (n.startsWith(oldPrefix) && dead(n, oldPrefix));
    if (leftover && existsSync(join(parent, n))) await rm(join(parent, n), { recursive: true, force: true });
  }
}

/** Whether a process with this id runs (not this one: its own leftovers are from an earlier run). */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function carry(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  carrySync(from, to);
}

/** Hard-links a file into the stage (keeping its inode and mtime), or copies it where links fail. */
function carrySync(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Whether the file on disk holds exactly these contents (sizes first: most changed files differ there). */
function sameContents(path: string, contents: string | Uint8Array): boolean {
  const bytes = toBytes(contents);
  if (statSync(path).size !== bytes.length) return false;
  return sameBytes(readFileSync(path), bytes);
}

/** The symbolic links and folders below dir (what listFiles leaves out), as posix paths relative to it. */
async function listOtherEntries(dir: string): Promise<{ path: string; kind: "symlink" | "directory" }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isSymbolicLink() || e.isDirectory())
    .map((e) => ({
      path: relative(dir, join(e.parentPath, e.name)).split("\\").join("/"),
      kind: e.isSymbolicLink() ? ("symlink" as const) : ("directory" as const),
    }));
}

/** Every file below dir, as posix paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}
