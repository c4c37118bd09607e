/** Runs the built `errcat` command (dist/, built by test/setup/build.ts) as a user would. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const errcatBin = fileURLToPath(new URL("../../bin/errcat.js", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/errcat.js ...args` in `cwd` (the repo root by default) without a TTY. */
export function runErrcat(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [errcatBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** An io for calling the CLI's main() in-process, without colour, that keeps what it prints. */
export function capturedIo(): { out: (t: string) => void; err: (t: string) => void; color: boolean; stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  return {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    color: false,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/**
 * A scratch project: catalog/kms.yaml copied from the repo and a README.md without errcat regions
 * (the catalog's docs.sync lists ../README.md), so commands run in it never touch the repo's files.
 */
export async function makeWorkspace(prefix: string): Promise<string> {
  const { mkdtemp, mkdir, copyFile, readdir, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = await mkdtemp(join(tmpdir(), `errcat-${prefix}-`));
  await mkdir(join(dir, "catalog"));
  // The catalog and the layers it lists beside it (kms.sdk.yaml); not the schemas, which tests write.
  for (const name of await readdir(join(repoRoot, "catalog"))) {
    if (name.endsWith(".yaml")) await copyFile(join(repoRoot, "catalog", name), join(dir, "catalog", name));
  }
  await writeFile(join(dir, "README.md"), "# A project that uses errcat\n");
  return dir;
}

/** Every file below dir (relative posix path → bytes, base64), for byte-for-byte comparisons. */
export async function treeBytes(dir: string): Promise<Record<string, string>> {
  const { readdir, readFile } = await import("node:fs/promises");
  const { join, relative } = await import("node:path");
  const out: Record<string, string> = {};
  for (const e of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((x) => x.isFile())) {
    const full = join(e.parentPath, e.name);
    out[relative(dir, full).split("\\").join("/")] = (await readFile(full)).toString("base64");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
