/**
 * One writer at a time per output folder: a lock file beside it (`.<folder>.errcat-lock`) that says who
 * holds it (pid, host, process start, command, start time). A second run waits for it, then gives up
 * with a sentence naming the holder. A lock is stale only when its holder is provably gone: its pid does
 * not run, or runs with another process start time or boot (the pid was reused); a pid alone is not
 * trusted. Held locks of another host are never broken.
 */
import { linkSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { UsageError } from "../usage-error.js";

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The kernel's start time of the process (Linux: /proc/<pid>/stat field 22), where known. */
  readonly processStart?: string;
  readonly bootId?: string;
  readonly command: string;
  readonly startedAt: string;
  readonly token: string;
}

export interface LockOptions {
  /** How long to wait for a running holder, in milliseconds (default: ERRCAT_LOCK_TIMEOUT seconds, else 60 s). */
  readonly waitMs?: number;
  /** Told once, when the lock is held by a running process and this run starts to wait. */
  readonly onWait?: (message: string) => void;
  /** The folder as the user sees it, for messages. */
  readonly shown: string;
}

export interface OutputLock {
  readonly path: string;
  release(): void;
}

export const lockPathFor = (folder: string) => join(dirname(folder), `.${basename(folder)}.errcat-lock`);

/** Takes the lock of `folder` (which need not exist; its parent must), waiting for a live holder up to the bound. */
export async function acquireOutputLock(folder: string, options: LockOptions): Promise<OutputLock> {
  const path = lockPathFor(folder);
  const waitMs = options.waitMs ?? defaultWaitMs();
  const started = Date.now();
  let told = false;
  for (let attempt = 0; ; attempt++) {
    const owner = ownerOfThisProcess();
    if (tryCreate(path, owner)) return { path, release: () => release(path, owner.token) };
    const holder = readOwner(path);
    if (holder === "gone") continue;
    if (holder === "unreadable") {
      // Not written by errcat (errcat links a complete file into place): removed once it is a few seconds old.
      breakLock(path, undefined);
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    if (isStale(holder)) {
      breakLock(path, holder.token);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) {
      throw new UsageError(
        `${options.shown} is being written by another errcat run (${describeOwner(holder)}); waited ${Math.round(waited / 1000)} s: run again when it has finished, or, if that process is not errcat, remove ${shownLock(path, options.shown)}`,
      );
    }
    if (!told) {
      options.onWait?.(`${options.shown} is being written by another errcat run (${describeOwner(holder)}): waiting up to ${Math.round(waitMs / 1000)} s`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, Math.min(25 + attempt * 5, 100)));
  }
}

function defaultWaitMs(): number {
  const seconds = Number(process.env.ERRCAT_LOCK_TIMEOUT);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

const shownLock = (path: string, shown: string) => join(dirname(shown), basename(path)).split("\\").join("/");

export function describeOwner(o: LockOwner): string {
  return `pid ${o.pid} on ${o.host}, \`${o.command}\`, since ${o.startedAt}`;
}

/** Creates the lock with all its contents at once: written aside, then linked into place (link fails if it exists). */
function tryCreate(path: string, owner: LockOwner): boolean {
  const temporary = `${path}.${owner.pid}-${owner.token}`;
  try {
    writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
  } catch (error) {
    unlinkQuietly(temporary);
    throw error;
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Removes what runs killed while taking or breaking the lock left beside it: their aside-written copies
 * (named after their pid) and a breaker's lock whose holder is gone. Called by the lock's holder.
 */
export function clearLockLeftovers(folder: string): void {
  const path = lockPathFor(folder);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const aside = /^(\d+)-[0-9a-f]+$/.exec(rest);
    if (aside && Number(aside[1]) !== process.pid && !pidRuns(Number(aside[1]))) unlinkQuietly(join(dirname(path), name));
    if (rest === "break") {
      const owner = readOwner(join(dirname(path), name));
      if (owner !== "gone" && (owner === "unreadable" ? ageMs(join(dirname(path), name)) > 5_000 : isStale(owner))) unlinkQuietly(join(dirname(path), name));
    }
  }
}

function readOwner(path: string): LockOwner | "gone" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const o = JSON.parse(text) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.token === "string" && typeof o.host === "string" ? o : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Whether the holder is provably gone. */
export function isStale(o: LockOwner): boolean {
  if (o.host !== hostname()) return false;
  const boot = bootId();
  if (o.bootId !== undefined && boot !== undefined && o.bootId !== boot) return true;
  if (!pidRuns(o.pid)) return true;
  const start = processStartOf(o.pid);
  return o.processStart !== undefined && start !== undefined && start !== o.processStart;
}

/**
 * Removes a stale lock. Breakers take a second lock first, then re-read the lock and remove it only if it
 * is still the stale one, so two breakers never remove the fresh lock a third run has just taken.
 */
function breakLock(path: string, staleToken: string | undefined): void {
  const breaker = `${path}.break`;
  const me = ownerOfThisProcess();
  if (!tryCreate(breaker, me)) {
    const other = readOwner(breaker);
    // A breaker killed inside these few calls leaves its lock behind: the same rule applies to it.
    if (other !== "gone" && (other === "unreadable" ? ageMs(breaker) > 5_000 : isStale(other))) unlinkQuietly(breaker);
    return;
  }
  try {
    const current = readOwner(path);
    if (current === "gone") return;
    if (current === "unreadable" ? staleToken === undefined && ageMs(path) > 5_000 : current.token === staleToken) unlinkQuietly(path);
  } finally {
    unlinkQuietly(breaker);
  }
}

function release(path: string, token: string): void {
  const current = readOwner(path);
  if (current !== "gone" && current !== "unreadable" && current.token === token) unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

let self: Omit<LockOwner, "token"> | undefined;

function ownerOfThisProcess(): LockOwner {
  self ??= {
    pid: process.pid,
    host: hostname(),
    ...optional("processStart", processStartOf(process.pid)),
    ...optional("bootId", bootId()),
    command: ["errcat", ...process.argv.slice(2)].join(" ").slice(0, 200),
    startedAt: new Date().toISOString(),
  };
  return { ...self, token: randomBytes(8).toString("hex") };
}

const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));

function pidRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks after boot); undefined off Linux. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its last `)`.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}
