/**
 * One side of a catalog comparison: a catalog file, or a catalog at a git revision (`main`,
 * `v1.2.0`, `HEAD~1`, or `rev:path`), read with git without checking anything out.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { posix as posixPath, relative, resolve } from "node:path";
import { checkCatalogBytes, diskLayerReader, type LayerReader } from "../catalog/index.js";
import { CatalogError } from "../catalog/diagnostics.js";
import type { CatalogModel } from "../catalog/model.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { UsageError } from "../usage-error.js";

export interface Side {
  /** How the side is shown: `catalog/kms.yaml` or `main:catalog/kms.yaml`. */
  readonly label: string;
  readonly model: CatalogModel;
}

const posix = (p: string) => p.split("\\").join("/");

function git(args: readonly string[], cwd: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync("git", args, { cwd, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw new UsageError(`git could not be run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): comparing with a revision needs git on PATH`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

/** Whether `rev` names a commit in the repository around `cwd`. */
export function isRevision(rev: string, cwd: string): boolean {
  if (rev.startsWith("-")) return false;
  const r = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { cwd });
  return r.error === undefined && r.status === 0;
}

/** A file's bytes at a revision; path relative to cwd. undefined when the revision has no such file. */
export function readAtRevision(rev: string, path: string, cwd: string): Buffer | undefined {
  const r = git(["show", `${rev}:./${posix(path)}`], cwd);
  return r.ok ? r.stdout : undefined;
}

/** The files under a folder at a revision, paths relative to that folder; undefined when it has none. */
export function folderAtRevision(rev: string, folder: string, cwd: string): GeneratedFile[] | undefined {
  const dir = posix(relative(cwd, resolve(cwd, folder))) || ".";
  const list = git(["ls-tree", "-r", "--name-only", "--full-name", rev, "--", dir], cwd);
  if (!list.ok) return undefined;
  const prefix = git(["rev-parse", "--show-prefix"], cwd).stdout.toString("utf8").trim();
  const names = list.stdout.toString("utf8").split("\n").filter((n) => n !== "");
  if (names.length === 0) return undefined;
  const base = posix(`${prefix}${dir === "." ? "" : `${dir}/`}`);
  return names.map((full) => {
    const bytes = git(["show", `${rev}:${full}`], cwd).stdout;
    return { path: full.slice(base.length), contents: bytes };
  });
}

/**
 * Reads a side. `spec` is a catalog file, `rev:path`, or a revision (then `catalogPath` is read at it).
 * Throws UsageError when it is none of these, CatalogError when that catalog is invalid.
 */
export function readSide(spec: string, catalogPath: string, cwd: string): Side {
  const file = resolve(cwd, spec);
  if (existsSync(file) && statSync(file).isFile()) {
    const label = posix(relative(cwd, file)) || spec;
    return { label, model: modelOf(label, readFileSync(file), diskLayerReader(file, label)) };
  }
  const colon = spec.indexOf(":");
  const [rev, path] = colon > 0 && !/^[A-Za-z]:[\\/]/.test(spec) ? [spec.slice(0, colon), spec.slice(colon + 1)] : [spec, catalogPath];
  if (!isRevision(rev, cwd)) {
    throw new UsageError(`\`${spec}\` is neither a catalog file nor a git revision: name a file such as catalog/kms.yaml, or a branch, tag or commit such as main`);
  }
  const relativePath = posix(relative(cwd, resolve(cwd, path)));
  const bytes = readAtRevision(rev, relativePath, cwd);
  if (bytes === undefined) throw new UsageError(`${relativePath} does not exist at ${rev}: check the revision, or pass the catalog's path at that revision as ${rev}:<path>`);
  const label = `${rev}:${relativePath}`;
  return { label, model: modelOf(label, bytes, layersAtRevision(rev, relativePath, cwd)) };
}

/** Reads a catalog's layers at the same revision as the catalog, each relative to the catalog's path there. */
function layersAtRevision(rev: string, catalogPath: string, cwd: string): LayerReader {
  return (listed) => {
    const path = posixPath.normalize(`${posixPath.dirname(catalogPath)}/${listed.split("\\").join("/")}`);
    const file = `${rev}:${path}`;
    const bytes = readAtRevision(rev, path, cwd);
    return bytes === undefined ? { file, error: `it does not exist at ${rev}` } : { file, bytes };
  };
}

/** Strictly decoded, as generate reads it: a side must not differ from what generate would see. */
function modelOf(label: string, bytes: Uint8Array, readLayer: LayerReader): CatalogModel {
  const { model, diagnostics } = checkCatalogBytes(label, bytes, { readLayer });
  if (!model) throw new CatalogError(diagnostics);
  return model;
}
