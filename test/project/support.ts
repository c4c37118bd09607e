/**
 * Scratch projects for the config and project tests: a temporary folder with a copy of the KMS
 * catalog, and optionally `node_modules/errcat` linked to this repository, so that a plugin module's
 * `import { defineTarget } from "errcat"` resolves the way it does in a user's project.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../support/cli.js";

export interface ScratchProject {
  readonly dir: string;
  /** Writes a file of the project (folders made as needed). */
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string>;
}

export async function scratchProject(prefix: string, options: { linkErrcat?: boolean; readme?: string } = {}): Promise<ScratchProject> {
  const dir = await mkdtemp(join(tmpdir(), `errcat-${prefix}-`));
  await mkdir(join(dir, "catalog"));
  // The catalog and the overlay files it names beside it.
  for (const name of (await readdir(join(repoRoot, "catalog"))).filter((n) => n.endsWith(".yaml"))) {
    await copyFile(join(repoRoot, "catalog", name), join(dir, "catalog", name));
  }
  // The catalog's own docs.sync names ../README.md: a file without regions keeps the repo's out of reach.
  await writeFile(join(dir, "README.md"), options.readme ?? "# A project that uses errcat\n");
  if (options.linkErrcat) {
    await mkdir(join(dir, "node_modules"));
    await symlink(repoRoot.replace(/[\\/]$/, ""), join(dir, "node_modules/errcat"), "dir");
  }
  return {
    dir,
    write: async (path, text) => {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    },
    read: (path) => readFile(join(dir, path), "utf8"),
  };
}

/** The paths `check` reported, from its stderr summary line, sorted. */
export function stalePaths(stderr: string): string[] {
  const line = /is out of date \((.*)\); run `errcat generate`/.exec(stderr)?.[1];
  if (line === undefined) return [];
  return line.split(", ").map((s) => s.replace(/^(stale|missing|extra) /, (_m, kind: string) => `${kind}:`)).sort();
}
