/**
 * Which failures are the user's to fix, and the one sentence that says so: the CLI and the watcher
 * report these with exit 2 (or a line, and go on watching), and anything else as a bug.
 */
import { relative } from "node:path";
import { UsageError } from "./usage-error.js";

/** What a system call failed with, when that is the user's to fix (a path, a permission, a full disk). */
const USER_ERRNO: Record<string, string> = {
  ENOENT: "no such file or folder: check the path",
  EACCES: "permission denied: make it readable or writable for you, or choose another path",
  EPERM: "not permitted: choose another path",
  EROFS: "the file system is read-only: choose a path on a writable one",
  ENOSPC: "the disk is full: free some disk space",
  EDQUOT: "the disk quota is used up: free some space",
  ENOTDIR: "a file is where a folder must be: check the path",
  EISDIR: "it is a folder, where a file is needed: name a file",
  EEXIST: "something is already there: move it away or choose another path",
  ENOTEMPTY: "a folder is in the way: move it away or choose another path",
  ENAMETOOLONG: "the path is too long for the file system: choose a shorter one",
  ELOOP: "a symbolic link loops: fix or remove it",
  EMFILE: "too many open files: raise the limit (ulimit -n) and run again",
  EADDRINUSE: "the address is in use: choose another port, or 0 for a free one",
  EADDRNOTAVAIL: "no such address on this machine: choose another --host",
};

/**
 * The one sentence for a failure the user caused, or undefined for a bug. Commands throw UsageError
 * (or CatalogError) for what they foresee; this also catches what they did not, so that a refused
 * system call on the user's path or an input too large for memory never shows a stack trace.
 */
export function userFailure(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  if (!(error instanceof Error)) return undefined;
  // Target loading and option errors are sentences already (project.ts, define-target.ts).
  if (error.constructor.name === "TargetLoadError" || error.constructor.name === "TargetOptionError") return error.message;
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const fix = typeof e.code === "string" ? USER_ERRNO[e.code] : undefined;
  if (fix !== undefined) {
    const path = typeof e.path === "string" ? ` ${(relative(process.cwd(), e.path) || ".").split("\\").join("/")}` : "";
    const verb = e.syscall === "listen" ? "listen on" : e.syscall === undefined ? "use" : e.syscall.replace(/^(open|mkdir|rename|unlink|rmdir|scandir|stat|lstat|access|copyfile|link|symlink|readlink|chmod)$/, (s) => VERBS[s] ?? s);
    return `cannot ${verb}${path}${e.syscall === "listen" && e.address ? ` ${e.address}:${e.port}` : ""} (${e.code}: ${fix})`;
  }
  if (error instanceof RangeError && /Invalid string length|Array buffer allocation failed|Invalid typed array length|Invalid array length/.test(error.message)) {
    return "the output is too large to build in memory: shorten the longest messages or split the catalog (`errcat validate` reports the limits)";
  }
  return undefined;
}

const VERBS: Record<string, string> = {
  open: "open", mkdir: "make the folder", rename: "rename", unlink: "remove", rmdir: "remove the folder", scandir: "read the folder",
  stat: "read", lstat: "read", access: "use", copyfile: "copy", link: "link", symlink: "link", readlink: "read the link", chmod: "change the mode of",
};
