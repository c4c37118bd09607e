/**
 * Swapping two folders in one step: Linux's renameat2(RENAME_EXCHANGE), so a reader of either path always
 * finds a whole folder there, never nothing. Node has no binding for it; perl (part of every Debian and
 * Ubuntu base system, and of macOS) makes the system call by its number, passing the paths as arguments.
 * Where that is not possible the answer is "unsupported" and the writer falls back to its file-by-file
 * commit.
 */
import { spawnSync } from "node:child_process";

/** renameat2's number per architecture (x86-64, the generic table of arm64/riscv64/loongarch, i386, arm, ppc64, s390x). */
const RENAMEAT2: Partial<Record<NodeJS.Architecture, number>> = {
  x64: 316, arm64: 276, riscv64: 276, loong64: 276, ia32: 353, arm: 382, ppc64: 357, s390x: 347,
};
const AT_FDCWD = -100;
const RENAME_EXCHANGE = 2;
/** errno values meaning this file system or kernel cannot exchange (EINVAL, ENOSYS, EOPNOTSUPP/ENOTSUP). */
const UNSUPPORTED = new Set([22, 38, 95]);

// The paths come in as arguments (strings, so perl passes pointers); the numbers are literals (passed as ints).
const script = (number: number) => `my ($x, $y) = @ARGV; my $r = syscall(${number}, ${AT_FDCWD}, $x, ${AT_FDCWD}, $y, ${RENAME_EXCHANGE}); exit($r == 0 ? 0 : ($! + 0) & 255);`;

export type ExchangeResult = "exchanged" | "unsupported";

let perlMissing = false;

/** Exchanges two existing paths on one file system (absolute paths). Throws an errno error the system call reports. */
export function exchangePaths(a: string, b: string): ExchangeResult {
  const number = RENAMEAT2[process.arch];
  if (process.platform !== "linux" || number === undefined || perlMissing || process.env.ERRCAT_WRITER_SWAP === "files") return "unsupported";
  const result = spawnSync("perl", ["-e", script(number), a, b], { stdio: "ignore" });
  if (result.error) {
    perlMissing = true;
    return "unsupported";
  }
  if (result.status === 0) return "exchanged";
  if (result.status === null || UNSUPPORTED.has(result.status)) return "unsupported";
  const error = new Error(`renameat2(${a}, ${b}, RENAME_EXCHANGE) failed with errno ${result.status}`) as NodeJS.ErrnoException;
  error.errno = result.status;
  error.code = ERRNO_CODES[result.status] ?? `E${result.status}`;
  error.syscall = "rename";
  error.path = a;
  throw error;
}

/** The errno codes a rename of folders in a writable parent can still meet. */
const ERRNO_CODES: Record<number, string> = {
  1: "EPERM", 2: "ENOENT", 5: "EIO", 13: "EACCES", 16: "EBUSY", 18: "EXDEV", 20: "ENOTDIR", 21: "EISDIR", 28: "ENOSPC", 30: "EROFS", 36: "ENAMETOOLONG", 39: "ENOTEMPTY", 122: "EDQUOT",
};
