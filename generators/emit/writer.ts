/**
 * The only code that writes generated files to disk. Under a lock on the output folder (output-lock.ts)
 * it stages the new out/<service>/ beside the old one and swaps the two in one step (exchange.ts:
 * renameat2 RENAME_EXCHANGE), so a reader always finds a whole folder, the old or the new, and a failing
 * or killed run leaves the previous output intact. Where the file system cannot exchange, the staged
 * files are moved in one by one after a journal is written: the folder is never absent, and a run killed
 * during those moves is rolled forward by the next one.
 *
 * Unchanged files are hard-linked into the stage (same inode and mtime: watchers see no change); files
 * errcat did not generate are carried over; generated files that are no longer generated go. A folder
 * that cannot be written is reported before anything moves, and a symbolic link to the output folder
 * stays a link: its target is written.
 */
import { accessSync, chmodSync, closeSync, constants, copyFileSync, existsSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { mkdir, readdir, readFile, readlink, rename, rm, symlink } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { sha256Hex } from "../sha256.js";
import { record } from "../profile.js";
import { startBackgroundWrites, type BackgroundWrites } from "./background-writes.js";
import { sameBytes, toBytes, type GeneratedFile, type StreamedFile } from "./generated-file.js";
import { MANIFEST_PATH, manifestPaths } from "./manifest.js";
import { acquireOutputLock, clearLockLeftovers } from "./output-lock.js";
import { exchangePaths } from "./exchange.js";
import { UsageError } from "../usage-error.js";

export interface WriteResult {
  readonly written: string[];
  readonly unchanged: string[];
  readonly deleted: string[];
  /** How the new output went in: exchanged with the old folder, renamed into place, moved file by file, or nothing to do. */
  readonly swap: "exchange" | "rename" | "files" | "none";
}

export interface WriteOptions {
  /** How long to wait for another run's lock, in milliseconds (default: ERRCAT_LOCK_TIMEOUT seconds, else 60 s). */
  readonly lockWaitMs?: number;
  /** Told when this run starts waiting for another run's lock. */
  readonly onWait?: (message: string) => void;
  /** Told about leftovers that could not be cleared (they never block a run). */
  readonly onWarning?: (message: string) => void;
}

/**
 * A write that failed. `state` says what the failure left: `unchanged` (the previous output as it was)
 * or `partial` (a file-by-file commit stopped part way; the next run finishes it from its journal).
 */
export class OutputWriteError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly state: "unchanged" | "partial",
  ) {
    super((cause as Error | undefined)?.message ?? String(cause));
    this.name = "OutputWriteError";
  }
}

const JOURNAL = ".errcat-journal.json";
interface Journal {
  readonly moves: string[];
  readonly deletes: string[];
}

const shown = (path: string) => (relative(process.cwd(), path) || ".").split("\\").join("/");

/** Replaces the generated files of `dir` with `files` (which include the manifest), atomically. */
export async function writeAtomically(dir: string, files: readonly GeneratedFile[], options: WriteOptions = {}): Promise<WriteResult> {
  const write = await openAtomicWrite(dir, options);
  try {
    for (const file of files) write.put(file);
  } catch (error) {
    await write.abort();
    throw error;
  }
  return write.finish();
}

/**
 * A write in progress: the folder is locked and its stage made; each file put goes into the stage at
 * once (so its contents can be dropped), and finish swaps the stage in. abort drops the stage, leaving
 * the previous output as it was; after a failed put only abort is left.
 */
export interface AtomicWrite {
  /** Stages one file and returns the sha256 of its bytes (hex); throws an OutputWriteError ("unchanged"). */
  put(file: GeneratedFile): string;
  /**
   * Stages a streamed file as its chunks come (never whole in memory), the same way; an error thrown
   * while its chunks are made is a ChunkError (its cause is that error), not an OutputWriteError.
   */
  putStreamed(file: StreamedFile): string;
  finish(): Promise<WriteResult>;
  abort(): Promise<void>;
}

/** Locks `dir` and opens its stage; nothing visible changes until finish. */
export async function openAtomicWrite(dir: string, options: WriteOptions = {}): Promise<AtomicWrite> {
  const real = assertOutputFolderShape(dir);
  const parent = dirname(real);
  // basename, not a slice after dirname: dirname("kms") is "." (as with `--out .`), which is not a prefix.
  const base = basename(real);
  assertWritable(real);
  let made: string | undefined;
  try {
    made = await mkdir(parent, { recursive: true });
  } catch (error) {
    throw new OutputWriteError(error, "unchanged");
  }
  // An aborted write leaves no trace: not even the parent folders it made for its stage.
  const unmake = () => {
    for (let folder = parent; made !== undefined; folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        return;
      }
      if (folder === made || dirname(folder) === folder) return;
    }
  };
  let lock;
  try {
    lock = await acquireOutputLock(real, { shown: shown(dir), waitMs: options.lockWaitMs, onWait: options.onWait });
  } catch (error) {
    unmake();
    throw error;
  }
  let staged: Staged;
  try {
    clearLockLeftovers(real);
    await recoverLeftovers(parent, base, options.onWarning);
    staged = await openStage(real, parent, base);
  } catch (error) {
    lock.release();
    unmake();
    throw error;
  }
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    // No write may still be landing in the stage while it is removed.
    await staged.settle().catch(() => undefined);
    await rm(staged.stage, { recursive: true, force: true }).catch(() => undefined);
    lock.release();
    unmake();
  };
  return {
    put: (file) => {
      if (!open) throw new Error(`the write of ${shown(dir)} is closed`);
      try {
        return staged.put(file);
      } catch (error) {
        throw new OutputWriteError(error, "unchanged");
      }
    },
    putStreamed: (file) => {
      if (!open) throw new Error(`the write of ${shown(dir)} is closed`);
      try {
        return staged.putStreamed(file);
      } catch (error) {
        throw error instanceof ChunkError ? error : new OutputWriteError(error, "unchanged");
      }
    },
    finish: async () => {
      if (!open) throw new Error(`the write of ${shown(dir)} is closed`);
      open = false;
      try {
        try {
          await staged.settle();
        } catch (error) {
          await rm(staged.stage, { recursive: true, force: true }).catch(() => undefined);
          throw new OutputWriteError(error, "unchanged");
        }
        return await finishStage(real, staged, options);
      } finally {
        lock.release();
      }
    },
    abort: close,
  };
}

interface Staged {
  readonly stage: string;
  readonly existing: readonly string[];
  readonly previouslyGenerated: ReadonlySet<string>;
  readonly newPaths: Set<string>;
  readonly written: string[];
  readonly unchanged: string[];
  readonly folderOf: (target: string) => void;
  put(file: GeneratedFile): string;
  putStreamed(file: StreamedFile): string;
  /** Every staged file on disk: waits for the helper thread's writes, if one was started. */
  settle(): Promise<void>;
}

/** An error thrown while a streamed file's chunks were made (a target's, not the disk's). */
export class ChunkError extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error | undefined)?.message ?? String(cause));
    this.name = "ChunkError";
  }
}

async function openStage(real: string, parent: string, base: string): Promise<Staged> {
  const existing = existsSync(real) ? await listFiles(real) : [];
  const existingSet = new Set(existing);
  const previouslyGenerated = new Set(manifestPaths(existingSet.has(MANIFEST_PATH) ? await readFile(join(real, MANIFEST_PATH), "utf8") : undefined));
  previouslyGenerated.add(MANIFEST_PATH);
  const stage = join(parent, `.${base}.errcat-stage-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(stage);
  } catch (error) {
    throw new OutputWriteError(error, "unchanged");
  }
  const folders = new Set<string>([stage]);
  const folderOf = (target: string) => {
    const folder = dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
  };
  const newPaths = new Set<string>();
  const written: string[] = [];
  const unchanged: string[] = [];
  // Synchronous file calls: one small file at a time, they cost a fraction of a promise round trip
  // through the thread pool, which matters at 100,000 files. A large output's files are written by a
  // helper thread instead (background-writes.ts), started once the stage has seen enough to pay for it.
  let background: BackgroundWrites | undefined;
  let seen: { files: number; bytes: number } | undefined = { files: 0, bytes: 0 };
  const writeStaged = (target: string, bytes: Uint8Array, owned: boolean) => {
    if (seen !== undefined && (++seen.files >= BACKGROUND_FILES || (seen.bytes += bytes.length) >= BACKGROUND_BYTES)) {
      seen = undefined;
      background = startBackgroundWrites();
    }
    if (background === undefined || !background.offer(target, bytes, owned)) writeFileSync(target, bytes);
  };
  const put = (file: GeneratedFile): string => {
    if (newPaths.has(file.path)) throw new Error(`${file.path} is written twice`);
    newPaths.add(file.path);
    // Encoded once: the same bytes are hashed, compared with the disk and written (hashed first: a helper may take them).
    const bytes = toBytes(file.contents);
    const hash = sha256Hex(bytes);
    const target = join(stage, file.path);
    folderOf(target);
    if (existingSet.has(file.path) && sameContents(join(real, file.path), bytes)) {
      carrySync(join(real, file.path), target);
      unchanged.push(file.path);
    } else {
      writeStaged(target, bytes, typeof file.contents === "string");
      written.push(file.path);
    }
    return hash;
  };
  /** Waits for the helper's writes (rejecting with its first failure) and ends it; nothing to wait for without one. */
  const settle = async (): Promise<void> => {
    if (background === undefined) return;
    const started = performance.now();
    try {
      await background.settle();
    } finally {
      await background.stop();
      background = undefined;
      record("write-thread", performance.now() - started, false);
    }
  };
  // The same for a file that comes a chunk at a time: each chunk is hashed and compared with the same
  // range of the previous file; from the first difference on (the matching start copied from the
  // previous file) the chunks are written to the stage. Unchanged to its end, the previous file is carried.
  const putStreamed = (file: StreamedFile): string => {
    if (newPaths.has(file.path)) throw new Error(`${file.path} is written twice`);
    newPaths.add(file.path);
    const target = join(stage, file.path);
    folderOf(target);
    const previous = existingSet.has(file.path) ? join(real, file.path) : undefined;
    const hash = createHash("sha256");
    let before: number | undefined;
    let out: number | undefined;
    try {
      before = previous === undefined ? undefined : openSync(previous, "r");
      const beforeSize = before === undefined ? -1 : fstatSync(before).size;
      const diverge = (at: number): number => {
        const fd = openSync(target, "w");
        if (before !== undefined) copyStart(before, fd, at);
        return fd;
      };
      let at = 0;
      const chunks = file.chunks[Symbol.iterator]();
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = chunks.next();
        } catch (error) {
          throw new ChunkError(error);
        }
        if (next.done === true) break;
        const chunk = next.value;
        hash.update(chunk);
        if (out === undefined && before !== undefined && at + chunk.length <= beforeSize && rangeMatches(before, at, chunk)) {
          at += chunk.length;
          continue;
        }
        out ??= diverge(at);
        writeWhole(out, chunk);
        at += chunk.length;
      }
      if (out === undefined && before !== undefined && at === beforeSize) {
        closeSync(before);
        before = undefined;
        carrySync(previous!, target);
        unchanged.push(file.path);
      } else {
        out ??= diverge(at);
        written.push(file.path);
      }
    } finally {
      if (before !== undefined) closeSync(before);
      if (out !== undefined) closeSync(out);
    }
    return hash.digest("hex");
  };
  return { stage, existing, previouslyGenerated, newPaths, written, unchanged, folderOf, put, putStreamed, settle };
}

/** A stage that has seen this many files, or bytes, has its further files written by a helper thread. */
const BACKGROUND_FILES = 200;
const BACKGROUND_BYTES = 16 << 20;

/** Whether the file holds exactly `chunk` at offset `at`. */
function rangeMatches(fd: number, at: number, chunk: Uint8Array): boolean {
  const piece = compareBuffer();
  for (let done = 0; done < chunk.length; ) {
    const want = Math.min(piece.length, chunk.length - done);
    const read = readSync(fd, piece, 0, want, at + done);
    if (read !== want || !sameBytes(piece.subarray(0, read), chunk.subarray(done, done + read))) return false;
    done += read;
  }
  return true;
}

/** Copies the first `length` bytes of one file to another (the start a streamed file shares with its previous version). */
function copyStart(from: number, to: number, length: number): void {
  const piece = compareBuffer();
  for (let done = 0; done < length; ) {
    const read = readSync(from, piece, 0, Math.min(piece.length, length - done), done);
    if (read === 0) throw new Error("the previous file got shorter while it was read");
    writeWhole(to, piece.subarray(0, read));
    done += read;
  }
}

let scratch: Buffer | undefined;

/** One buffer of COMPARE_CHUNK bytes for reading previous files a piece at a time (one thread, used by one call at a time). */
function compareBuffer(): Buffer {
  scratch ??= Buffer.allocUnsafeSlow(COMPARE_CHUNK);
  return scratch;
}

function writeWhole(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Paths in the order the plan lists them: sorted, the manifest last. */
const planOrder = (paths: string[]) => paths.sort((a, b) => (a === MANIFEST_PATH ? 1 : b === MANIFEST_PATH ? -1 : a < b ? -1 : a > b ? 1 : 0));

async function finishStage(real: string, staged: Staged, options: WriteOptions): Promise<WriteResult> {
  const { stage, existing, previouslyGenerated, newPaths, folderOf } = staged;
  const written = planOrder(staged.written);
  const unchanged = planOrder(staged.unchanged);
  const deleted = existing.filter((p) => previouslyGenerated.has(p) && !newPaths.has(p));
  if (written.length === 0 && deleted.length === 0) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    return { written, unchanged, deleted, swap: "none" };
  }
  try {
    if (existsSync(real)) {
      for (const path of existing) {
        // A user's file stays where it is.
        if (!previouslyGenerated.has(path) && !newPaths.has(path)) {
          folderOf(join(stage, path));
          carrySync(join(real, path), join(stage, path));
        }
      }
      // So do a user's symbolic links and empty folders, which the swap would otherwise lose. (A folder
      // that held only generated files that are gone now goes with them.)
      for (const { path, kind } of await listOtherEntries(real)) {
        if (newPaths.has(path) || (kind === "directory" && (await readdir(join(real, path))).length > 0)) continue;
        const target = join(stage, path);
        await mkdir(kind === "directory" ? target : dirname(target), { recursive: true });
        if (kind === "symlink") await symlink(await readlink(join(real, path)), target);
      }
    }
  } catch (error) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    throw new OutputWriteError(error, "unchanged");
  }

  if (!existsSync(real)) {
    try {
      await rename(stage, real);
    } catch (error) {
      await rm(stage, { recursive: true, force: true }).catch(() => undefined);
      throw new OutputWriteError(error, "unchanged");
    }
    return { written, unchanged, deleted, swap: "rename" };
  }

  let exchanged;
  try {
    // The new folder takes the old one's mode (a group-writable out/<service> stays so).
    chmodSync(stage, statSync(real).mode & 0o7777);
    exchanged = exchangePaths(stage, real);
  } catch (error) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    throw new OutputWriteError(error, "unchanged");
  }
  if (exchanged === "exchanged") {
    // The stage's name now holds the previous output; a failure to remove it is cleared by the next run.
    await rm(stage, { recursive: true, force: true }).catch((error: NodeJS.ErrnoException) => options.onWarning?.(`could not remove ${shown(stage)} (${error.code ?? error.message}); the next run removes it`));
    return { written, unchanged, deleted, swap: "exchange" };
  }

  // File by file: the journal makes the stage complete and committed; from here on the next run rolls it forward.
  const journal: Journal = { moves: [...written.filter((p) => p !== MANIFEST_PATH), ...(written.includes(MANIFEST_PATH) ? [MANIFEST_PATH] : [])], deletes: deleted };
  try {
    writeFileSync(join(stage, `${JOURNAL}.tmp`), JSON.stringify(journal));
    renameSync(join(stage, `${JOURNAL}.tmp`), join(stage, JOURNAL));
  } catch (error) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    throw new OutputWriteError(error, "unchanged");
  }
  try {
    commitJournal(stage, real, journal);
  } catch (error) {
    throw new OutputWriteError(error, "partial");
  }
  return { written, unchanged, deleted, swap: "files" };
}

/**
 * The folder to write: `dir` itself, or where it points when it is a symbolic link (the link stays).
 * A link to nothing, or a file where the folder or a folder above it goes, is the user's to fix: a
 * UsageError whose sentence ends with `outcome` (`errcat check` refuses the same folders).
 */
export function assertOutputFolderShape(dir: string, outcome = "nothing was written"): string {
  const real = resolveOutputFolder(dir, outcome);
  let ancestor = dirname(real);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) {
    throw new UsageError(`cannot write ${shown(real)}: ${shown(ancestor)} is a file, where a folder must be: move it away or choose another output folder; ${outcome}`);
  }
  return real;
}

function resolveOutputFolder(dir: string, outcome: string): string {
  const absolute = resolve(dir);
  let stat;
  try {
    stat = lstatSync(absolute);
  } catch {
    // Not there yet: its parent may itself be a link, which realpath of the nearest existing ancestor follows.
    return join(realAncestor(dirname(absolute), outcome), basename(absolute));
  }
  if (stat.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch {
      throw new UsageError(`${shown(dir)} is a symbolic link to ${readlinkSync(absolute)}, which does not exist: create it, or remove the link; ${outcome}`);
    }
    if (!statSync(target).isDirectory()) throw new UsageError(`the output folder ${shown(dir)} is a symbolic link to the file ${shown(target)}, not to a folder: point it at a folder or remove it; ${outcome}`);
    return target;
  }
  if (!stat.isDirectory()) throw new UsageError(`the output folder ${shown(dir)} is a file: move it away or choose another output folder; ${outcome}`);
  return join(realAncestor(dirname(absolute), outcome), basename(absolute));
}

/** The real path of the nearest existing ancestor, joined with the rest; a link to nothing on the way is the user's to fix. */
function realAncestor(path: string, outcome: string): string {
  try {
    return realpathSync(path);
  } catch {
    let link: string | undefined;
    try {
      link = lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
    } catch {
      // Not there at all: made below.
    }
    if (link !== undefined) throw new UsageError(`${shown(path)} is a symbolic link to ${link}, which does not exist: create it, or remove the link; ${outcome}`);
    const up = dirname(path);
    return up === path ? path : join(realAncestor(up, outcome), basename(path));
  }
}

/**
 * Refuses, before anything moves, a folder that cannot be written as a whole: the output folder or a
 * folder in it read-only (by its mode, which root would otherwise ignore, or for this user), a read-only
 * file system, or a parent in which the stage cannot be made.
 */
function assertWritable(real: string): void {
  const refuse = (path: string, code: string, why: string) => {
    throw new UsageError(`cannot write ${shown(path)} (${code}: ${why}): make it writable${code === "EROFS" ? " (remount the file system read-write)" : ` (chmod u+w ${shown(path)})`} or choose another output folder; nothing was written`);
  };
  const check = (path: string) => {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "EACCES";
      refuse(path, code, code === "EROFS" ? "the file system is read-only" : "no permission to write it");
    }
    if ((statSync(path).mode & 0o200) === 0) refuse(path, "EACCES", `it is read-only, mode ${(statSync(path).mode & 0o777).toString(8)}`);
  };
  // assertOutputFolderShape made sure this is a folder.
  let ancestor = dirname(real);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  check(ancestor);
  if (!existsSync(real)) return;
  check(real);
  for (const entry of readdirTree(real)) if (entry.kind === "directory") check(join(real, entry.path));
}

/**
 * For the journal recovery test only, inert unless set: SIGKILLs this process once a file-by-file commit
 * has done this many of its steps (deletes, then moves), leaving the half-applied state a kill there leaves.
 */
const KILL_AFTER_COMMIT_STEPS = process.env.ERRCAT_TEST_KILL_AFTER_COMMIT_STEPS === undefined ? undefined : Number(process.env.ERRCAT_TEST_KILL_AFTER_COMMIT_STEPS);

/** Applies a journal (again, if a run was killed part way): deletes, then moves, the manifest last; then drops the stage. */
function commitJournal(stage: string, real: string, journal: Journal): void {
  let steps = 0;
  const beforeStep = () => {
    if (steps++ === KILL_AFTER_COMMIT_STEPS) process.kill(process.pid, "SIGKILL");
  };
  for (const path of journal.deletes) {
    beforeStep();
    rmSync(join(real, path), { force: true });
    pruneEmptyFolders(real, dirname(path));
  }
  for (const path of journal.moves) {
    const from = join(stage, path);
    if (!existsSync(from)) continue; // moved before the kill
    beforeStep();
    mkdirSync(dirname(join(real, path)), { recursive: true });
    renameSync(from, join(real, path));
  }
  rmSync(stage, { recursive: true, force: true });
}

function pruneEmptyFolders(root: string, relativeFolder: string): void {
  for (let folder = relativeFolder; folder !== "." && folder !== ""; folder = dirname(folder)) {
    try {
      const full = join(root, folder);
      if (!existsSync(full) || lstatSync(full).isSymbolicLink()) return;
      rmdirSync(full);
    } catch {
      return; // not empty
    }
  }
}

/**
 * Clears what killed runs left beside the output folder (the lock is held, so no live errcat owns them):
 * a stage with a journal is rolled forward, any other stage is dropped; an old copy left by an earlier
 * errcat's two-rename swap is put back if the folder is missing, else dropped. Leftovers named after a
 * process that still runs are left alone. What cannot be cleared is reported, never a reason to stop.
 */
async function recoverLeftovers(parent: string, base: string, onWarning: WriteOptions["onWarning"]): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const stagePrefix = `.${base}.errcat-stage-`;
  const oldPrefix = `.${base}.errcat-old-`;
  const dead = (name: string, prefix: string) => !isRunning(Number(name.slice(prefix.length).split("-")[0]));
  const real = join(parent, base);
  const warn = (path: string, error: unknown) => onWarning?.(`could not clear ${shown(path)}, left by an interrupted run (${(error as NodeJS.ErrnoException).code ?? String(error)}): remove it by hand`);
  const olds = names.filter((n) => n.startsWith(oldPrefix) && dead(n, oldPrefix)).sort();
  if (!existsSync(real) && olds.length > 0) await rename(join(parent, olds[0]!), real).catch((error: unknown) => warn(join(parent, olds[0]!), error));
  for (const n of names) {
    const path = join(parent, n);
    if (!existsSync(path)) continue;
    if (n.startsWith(stagePrefix) && dead(n, stagePrefix)) {
      try {
        const journal = existsSync(join(path, JOURNAL)) ? (JSON.parse(readFileSync(join(path, JOURNAL), "utf8")) as Journal) : undefined;
        if (journal && existsSync(real)) commitJournal(path, real, journal);
        else rmSync(path, { recursive: true, force: true });
      } catch (error) {
        warn(path, error);
      }
    } else if (n.startsWith(oldPrefix) && dead(n, oldPrefix)) {
      await rm(path, { recursive: true, force: true }).catch((error: unknown) => warn(path, error));
    }
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

/** Hard-links a file into the stage (keeping its inode and mtime), or copies it where links fail. */
function carrySync(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Whether the file on disk holds exactly these contents (sizes first: most changed files differ there). */
function sameContents(path: string, bytes: Uint8Array): boolean {
  if (statSync(path).size !== bytes.length) return false;
  if (bytes.length <= COMPARE_CHUNK) return sameBytes(readFileSync(path), bytes);
  // A big file is read a piece at a time: reading it whole would hold it twice beside the new bytes.
  const fd = openSync(path, "r");
  try {
    return rangeMatches(fd, 0, bytes);
  } finally {
    closeSync(fd);
  }
}

const COMPARE_CHUNK = 1 << 20;

/** Every entry below dir with its kind, as posix paths relative to it. */
function readdirTree(dir: string): { path: string; kind: "file" | "symlink" | "directory" | "other" }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => ({
    path: relative(dir, join(e.parentPath, e.name)).split("\\").join("/"),
    kind: e.isSymbolicLink() ? "symlink" : e.isDirectory() ? "directory" : e.isFile() ? "file" : "other",
  }));
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
