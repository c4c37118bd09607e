/**
 * Carrying out a planned run: writing each output root atomically (and each one-file output through
 * a rename), then the docs sync; or comparing all of it with the disk and running the targets' checks.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join, relative } from "node:path";
import { writeDocUpdates } from "./emit/docs-sync-files.js";
import { findDrift, sameText, textDiff, type Drift } from "./emit/drift.js";
import { sameBytes, toBytes, preambleText } from "./emit/generated-file.js";
import { assertOutputFolderShape, ChunkError, openAtomicWrite, OutputWriteError, writeAtomically, type AtomicWrite } from "./emit/writer.js";
import { planProject, type PlanSink, type ProjectOptions, type ProjectPlan } from "./project.js";
import { createTargetContext, type CheckProblem, type CheckReport } from "./target/define-target.js";
import { checkedReport, targetFailure } from "./target/target-failure.js";
import { UsageError } from "./usage-error.js";
import { timed } from "./profile.js";
import { folderAtRevision } from "./evolution/sides.js";
import type { CatalogChange } from "./evolution/diff.js";
import type { CatalogModel } from "./catalog/model.js";

export interface WriteSummary {
  readonly roots: readonly { readonly dir: string; readonly written: number; readonly unchanged: number; readonly deleted: number }[];
  readonly singles: readonly { readonly path: string; readonly written: boolean }[];
  /** The synced docs that changed, and how many were checked. */
  readonly docs: { readonly updated: readonly string[]; readonly checked: number };
}

export interface WritePlanOptions {
  /** Told when a run waits for another run's lock on an output folder (default: a line on stderr). */
  readonly onWait?: (message: string) => void;
  /** Told about leftovers of interrupted runs that could not be cleared (default: a line on stderr). */
  readonly onWarning?: (message: string) => void;
}

const toStderr = (message: string) => void process.stderr.write(`errcat: ${message}\n`);

/**
 * Writes a plan: each output root atomically, each one-file output, then the docs sync. A write the file
 * system refuses is the user's to fix: a UsageError naming the path and saying what is already written,
 * what is unchanged, and how to finish.
 */
export async function writePlan(plan: ProjectPlan, options: WritePlanOptions = {}, staged: ReadonlyMap<string, AtomicWrite> = new Map()): Promise<WriteSummary> {
  try {
    return await writePlanned(plan, options, staged);
  } finally {
    // A failure part way leaves the later folders' stages: drop them and release their locks.
    for (const write of staged.values()) await write.abort();
  }
}

/**
 * Plans and writes in one pass: each output folder is locked and staged before the targets run, and
 * each target's files go into the stage as soon as it returns them, so a run holds one target's output
 * in memory, not all of them. Any failure before the swaps leaves every previous output as it was.
 */
export async function generateProject(project: ProjectOptions, options: WritePlanOptions = {}): Promise<WriteSummary> {
  const writerOptions = { onWait: options.onWait ?? toStderr, onWarning: options.onWarning ?? toStderr };
  const cwd = project.cwd ?? process.cwd();
  const staged = new Map<string, AtomicWrite>();
  const shown = (absolute: string) => relative(cwd, absolute).split("\\").join("/") || ".";
  // A folder that refuses its lock, stage or a file: one sentence, and the previous output stays.
  const refused = (root: string, error: unknown) => unwritable(shown(root), error instanceof OutputWriteError ? error.cause : error, `the previous ${shown(root)} is unchanged`);
  const sink: PlanSink = {
    async open(roots) {
      const taken = new Set<string>();
      // In path order, so two runs over the same folders never wait for each other's next lock.
      for (const root of [...roots].sort()) {
        // A folder an earlier service of this run writes too is written after it, from memory.
        if (staged.has(root)) continue;
        const write = await openAtomicWrite(root, writerOptions).catch((error: unknown) => {
          throw refused(root, error);
        });
        staged.set(root, write);
        taken.add(root);
      }
      return taken;
    },
    put(root, file) {
      try {
        return staged.get(root)!.put(file);
      } catch (error) {
        throw refused(root, error);
      }
    },
    putStreamed(root, file) {
      try {
        return staged.get(root)!.putStreamed(file);
      } catch (error) {
        // A target's own failure while its file was made is its own, not the folder's.
        if (error instanceof ChunkError) throw error.cause;
        throw refused(root, error);
      }
    },
  };
  let plan: ProjectPlan;
  try {
    plan = await planProject(project, sink);
  } catch (error) {
    for (const write of staged.values()) await write.abort();
    throw error;
  }
  return timed("write", () => writePlan(plan, options, staged));
}

async function writePlanned(plan: ProjectPlan, options: WritePlanOptions, staged: ReadonlyMap<string, AtomicWrite>): Promise<WriteSummary> {
  // Each staged write goes with the first root of its folder; a later service's root there is written from memory.
  const pending = new Map(staged);
  const roots: WriteSummary["roots"][number][] = [];
  const singles: WriteSummary["singles"][number][] = [];
  const updated: string[] = [];
  let checked = 0;
  // What is already in place when a later step fails, so the message says exactly what changed.
  const done: string[] = [];
  const state = (what: string) => `${what}${done.length > 0 ? `; already written: ${done.join(", ")}` : ""}`;
  const writerOptions = { onWait: options.onWait ?? toStderr, onWarning: options.onWarning ?? toStderr };
  for (const service of plan.services) {
    for (const root of service.roots) {
      const write = pending.get(root.absolute);
      pending.delete(root.absolute);
      const result = await (write !== undefined ? write.finish() : writeAtomically(root.absolute, root.files, writerOptions)).catch((error: unknown) => {
        const partial = error instanceof OutputWriteError && error.state === "partial";
        throw unwritable(root.dir, error instanceof OutputWriteError ? error.cause : error,
          state(partial ? `${root.dir} is part written; run \`errcat generate\` again to finish it` : `the previous ${root.dir} is unchanged`));
      });
      if (result.written.length > 0 || result.deleted.length > 0) done.push(root.dir);
      roots.push({ dir: root.dir, written: result.written.length, unchanged: result.unchanged.length, deleted: result.deleted.length });
    }
    for (const single of service.singles) {
      const written = await writeFileAtomically(single.absolute, single.contents).catch((error: unknown) => {
        throw unwritable(single.path, error, state(`the previous ${single.path} is unchanged`));
      });
      if (written) done.push(single.path);
      singles.push({ path: single.path, written });
    }
    checked += service.docs.length;
    updated.push(...(await writeDocUpdates(service.docs).catch(async (error: unknown) => {
      // Each doc is replaced by a rename of its own: read back which ones already hold their new text.
      const changed = service.docs.filter((d) => d.after !== d.before);
      const current = await Promise.all(changed.map((d) => readFile(d.path, "utf8").catch(() => undefined)));
      const written = changed.filter((d, i) => current[i] === d.after).map((d) => d.path);
      const rest = changed.filter((d) => !written.includes(d.path)).map((d) => d.path);
      done.push(...written);
      throw unwritable(rest[0] ?? "the synced docs", error,
        state(`${rest.join(", ")} ${rest.length === 1 ? "is" : "are"} unchanged; run \`errcat generate\` again once ${rest.length === 1 ? "it" : "they"} can be written`));
    })));
  }
  return { roots, singles, docs: { updated, checked } };
}

/** Writes one file through a temporary file beside it and a rename; false when it was already current. */
async function writeFileAtomically(path: string, contents: string | Uint8Array): Promise<boolean> {
  const current = await readFile(path).catch(() => undefined);
  if (current !== undefined && sameBytes(current, toBytes(contents))) return false;
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${randomBytes(6).toString("hex")}.errcat-tmp`);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return true;
}

export interface CheckSummary {
  readonly drift: readonly Drift[];
  readonly problems: readonly (CheckProblem & { readonly target: string; readonly dir: string })[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  readonly files: number;
  /** With `against`: every catalog change since that revision; `failing` marks the breaking ones not allowed. */
  readonly changes: readonly (CatalogChange & { readonly before: string; readonly failing: boolean })[];
}

/**
 * Compares a plan with the disk, then runs each output's own check; with `against` (a git revision),
 * also classifies the catalog changes since that revision and gives the targets' checks its files.
 */
export async function checkPlan(plan: ProjectPlan, version: string, against?: { rev: string; allow: readonly string[] }, typecheck = false): Promise<CheckSummary> {
  const drift: Drift[] = [];
  const problems: CheckSummary["problems"][number][] = [];
  const skipped: CheckSummary["skipped"][number][] = [];
  let files = 0;
  const changes: CheckSummary["changes"][number][] = [];
  const cwd = process.cwd();
  for (const service of plan.services) {
    let released: { before: CatalogModel; acceptedEntries: ReadonlySet<string> } | undefined;
    if (against !== undefined) {
      const { readSide } = await import("./evolution/sides.js");
      const { diffCatalogs, unaccepted } = await import("./evolution/diff.js");
      const { acceptedEntries, checkAllowNames } = await import("./evolution/allow.js");
      const before = readSide(against.rev, join(plan.config.baseDir, service.model.source.path), cwd);
      const found = diffCatalogs(before.model, service.model);
      checkAllowNames(against.allow, before.model, service.model, found);
      const failing = new Set(unaccepted(found, against.allow).map((c) => c.key));
      changes.push(...found.map((c) => ({ ...c, before: before.label, failing: failing.has(c.key) })));
      released = { before: before.model, acceptedEntries: acceptedEntries(found, against.allow) };
    }
    const preamble = preambleText(service.model, version);
    for (const root of service.roots) {
      files += root.files.length;
      // A folder generate could not write (a file or a link to nothing in its place) is not "all missing".
      assertOutputFolderShape(root.absolute, "nothing was compared");
      drift.push(...(await findDrift(root.absolute, root.files, root.dir)));
    }
    for (const single of service.singles) {
      files += 1;
      const current = await readFile(single.absolute).catch(() => undefined);
      if (current === undefined) drift.push({ kind: "missing", path: single.path, diff: textDiff("/dev/null", single.path, "", single.contents) });
      else if (!sameBytes(current, toBytes(single.contents)) && !sameText(current, single.contents)) {
        drift.push({ kind: "stale", path: single.path, diff: textDiff(single.path, single.path, current, single.contents) });
      }
    }
    for (const doc of service.docs) {
      if (doc.after !== doc.before) drift.push({ kind: "stale", path: doc.path, diff: textDiff(doc.path, doc.path, doc.before, doc.after) });
    }
    const checks = [
      ...service.roots.flatMap((root) => root.outputs.map((o) => ({ o, dir: o.output.dir === "" ? root.dir : `${root.dir}/${o.output.dir}`, abs: o.output.dir === "" ? root.absolute : join(root.absolute, o.output.dir) }))),
      ...service.singles.map((s) => ({ o: s.output, dir: dirname(s.path), abs: dirname(s.absolute) })),
    ];
    for (const { o, dir, abs } of checks) {
      const target = o.output.target;
      if (!target.check) continue;
      const rev = against?.rev;
      const committed = rev === undefined ? undefined : { rev, files: () => folderAtRevision(rev, abs, cwd), ...released };
      let report: CheckReport;
      try {
        report = checkedReport(target, await target.check({ ...createTargetContext(service.model, o.output.options, preamble, version, []), dir: abs, files: o.files, typecheck, ...(committed ? { against: committed } : {}) }));
      } catch (error) {
        throw targetFailure(target, "check", error);
      }
      if (report.kind === "skipped") skipped.push({ target: target.name, reason: report.reason });
      else problems.push(...report.problems.map((p) => ({ ...p, target: target.name, dir })));
    }
  }
  return { drift, problems, skipped, files, changes };
}

/** Why a write failed, for the codes the user can fix, and how to fix it. */
const FIXES: Record<string, string> = {
  EACCES: "no permission: make it writable or choose an output folder you can write to",
  EPERM: "not permitted: make it writable or choose an output folder you can write to",
  EROFS: "the file system is read-only: choose an output folder on a writable one",
  ENOSPC: "the disk is full: free some disk space",
  EDQUOT: "the disk quota is used up: free some space",
  ENOTDIR: "a file is where a folder must go: move it away or choose another output folder",
  EISDIR: "a folder is where a file must go: move it away or choose another output folder",
  EEXIST: "something is in the way: move it away or choose another output folder",
  ENOTEMPTY: "a folder is in the way: move it away or choose another output folder",
  ENAMETOOLONG: "a path is too long for the file system: use a shorter output folder or shorter ids",
  ELOOP: "a symbolic link loops: fix or remove it",
  EMFILE: "too many open files: raise the limit (ulimit -n) and run again",
  EXDEV: "the output folder and its parent are on different file systems: write the folder itself, not a link to another file system",
};

/** A write refused for a reason the user can fix (permissions, a file where a folder goes, a full disk) becomes one sentence. */
export function unwritable(what: string, error: unknown, state: string): unknown {
  if (error instanceof UsageError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const fix = code === undefined ? undefined : FIXES[code];
  return fix === undefined ? error : new UsageError(`cannot write ${what} (${code}: ${fix}); ${state}`);
}
