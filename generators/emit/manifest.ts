/**
 * The manifest lists every file errcat generated under out/<service>/, with its hash. It is how the
 * writer tells its own stale files (deleted) from files a user put there (kept), and it carries the
 * preamble for files that cannot hold a comment (binary fixtures).
 */
import { createHash } from "node:crypto";
import { jsonText, type GeneratedFile } from "./generated-file.js";

export const MANIFEST_PATH = "errcat.manifest.json";

export interface Manifest {
  readonly "@generated": string;
  /** sha256 of the catalog the files were generated from: the one place it is recorded. */
  readonly catalogSha256?: string;
  /** Each file with its hash and the target that wrote it (so `--only` can keep the other targets' files). */
  readonly files: readonly ManifestEntry[];
}

export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly target?: string;
}

export function createManifest(preamble: string, files: readonly GeneratedFile[], catalogSha256?: string, owners?: ReadonlyMap<string, string>): GeneratedFile {
  const hashes = new Map(files.map((f) => [f.path, createHash("sha256").update(f.contents).digest("hex")]));
  return manifestFromHashes(preamble, hashes, catalogSha256, owners);
}

/** The manifest of files already hashed (by path), for a writer that stages each file and drops it. */
export function manifestFromHashes(preamble: string, hashes: ReadonlyMap<string, string>, catalogSha256?: string, owners?: ReadonlyMap<string, string>): GeneratedFile {
  const manifest: Manifest = {
    "@generated": preamble,
    ...(catalogSha256 !== undefined ? { catalogSha256 } : {}),
    files: [...hashes.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((path) => {
        const target = owners?.get(path);
        return { path, sha256: hashes.get(path)!, ...(target !== undefined ? { target } : {}) };
      }),
  };
  return { path: MANIFEST_PATH, contents: jsonText(manifest) };
}

/** The entries a manifest lists; empty when the text is not a manifest. */
export function manifestEntries(text: string | undefined): ManifestEntry[] {
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(parsed.files) ? parsed.files.filter((f) => typeof f?.path === "string") : [];
  } catch {
    return [];
  }
}

/** The paths a manifest lists; empty when the text is not a manifest. */
export function manifestPaths(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(parsed.files) ? parsed.files.map((f) => f.path).filter((p) => typeof p === "string") : [];
  } catch {
    return [];
  }
}
