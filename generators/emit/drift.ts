/** `errcat check`: what differs between a fresh generate and the files on disk. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { sameBytes, toBytes, type GeneratedFile } from "./generated-file.js";
import { MANIFEST_PATH, manifestPaths } from "./manifest.js";
import { listFiles } from "./writer.js";

export type Drift =
  | { readonly kind: "stale"; readonly path: string; readonly diff: string }
  | { readonly kind: "missing"; readonly path: string; readonly diff: string }
  | { readonly kind: "extra"; readonly path: string; readonly diff: string };

/** Compares `files` with `dir`; `label` prefixes paths in the diff (e.g. `out/kms`). */
export async function findDrift(dir: string, files: readonly GeneratedFile[], label: string): Promise<Drift[]> {
  const drift: Drift[] = [];
  const onDisk = existsSync(dir) ? new Set(await listFiles(dir)) : new Set<string>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const path = `${label}/${file.path}`;
    if (!onDisk.has(file.path)) {
      drift.push({ kind: "missing", path, diff: textDiff("/dev/null", path, "", file.contents) });
      continue;
    }
    const current = await readFile(join(dir, file.path));
    if (!sameBytes(current, toBytes(file.contents)) && !sameText(current, file.contents)) drift.push({ kind: "stale", path, diff: textDiff(path, path, current, file.contents) });
  }
  const generated = new Set(files.map((f) => f.path));
  const listed = onDisk.has(MANIFEST_PATH) ? manifestPaths(await readFile(join(dir, MANIFEST_PATH), "utf8")) : [];
  for (const p of listed) {
    if (!generated.has(p) && onDisk.has(p)) {
      const path = `${label}/${p}`;
      drift.push({ kind: "extra", path, diff: textDiff(path, "/dev/null", await readFile(join(dir, p)), "") });
    }
  }
  return drift;
}

/** Text that differs only in CRLF line ends (a checkout with git's autocrlf) is not drift. */
export function sameText(current: Uint8Array, generated: string | Uint8Array): boolean {
  if (!current.includes(13) || !looksLikeText(generated)) return false;
  const text = typeof generated === "string" ? generated : Buffer.from(generated).toString("utf8");
  return Buffer.from(current).toString("utf8").replace(/\r\n/g, "\n") === text.replace(/\r\n/g, "\n");
}

/** Text as git's autocrlf sees it: a string, or bytes with no NUL in their first 8,000 (git's own test for binary). */
function looksLikeText(generated: string | Uint8Array): boolean {
  return typeof generated === "string" || !generated.subarray(0, 8000).includes(0);
}

/** A unified diff between two versions of a file; binary content is summarized. */
export function textDiff(fromName: string, toName: string, from: string | Uint8Array, to: string | Uint8Array): string {
  const a = asText(from);
  const b = asText(to);
  if (a === undefined || b === undefined) return `Binary files ${fromName} and ${toName} differ\n`;
  // createTwoFilesPatch opens with an `Index:` line (same names) and a `====` line; a plain unified diff starts at `---`.
  return createTwoFilesPatch(fromName, toName, a, b, undefined, undefined, { context: 3 }).replace(/^(?:Index: [^\n]*\n)?=+\n/, "");
}

function asText(contents: string | Uint8Array): string | undefined {
  if (typeof contents === "string") return contents;
  if (contents.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(contents);
  } catch {
    return undefined;
  }
}
