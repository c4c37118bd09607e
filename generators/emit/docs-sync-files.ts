/**
 * Docs sync on disk: reads the Markdown files a catalog lists under `service.docs.sync`, computes their
 * new regions (generators/markdown/docs-sync.ts, pure), and writes back only the files that changed.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join, relative, resolve } from "node:path";
import type { CatalogModel } from "../catalog/model.js";
import { CatalogError, type Diagnostic } from "../catalog/diagnostics.js";
import { syncDocument } from "../markdown/docs-sync.js";
import { diagnosticInCatalog } from "../catalog/index.js";
import { decodeUtf8Strictly } from "../catalog/utf8.js";

export interface DocUpdate {
  /** The file's path as shown to the user (relative to the working directory, posix). */
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

const posix = (p: string) => p.split("\\").join("/");

/** A Markdown file to keep in sync, with where it was listed (for a diagnostic about it). */
export interface SyncedDoc {
  /** As written in the list. */
  readonly listed: string;
  readonly absolute: string;
  /** A diagnostic at the node that lists the file. */
  report(message: string): Diagnostic;
}

/** The files a catalog lists under service.docs.sync (relative to the catalog file). */
export function catalogSyncedDocs(model: CatalogModel, catalogFile: string): SyncedDoc[] {
  return model.service.docs.sync.map((listed, i) => ({
    listed,
    absolute: resolve(dirname(catalogFile), listed),
    report: (message) => diagnosticInCatalog(model, ["service", "docs", "sync", i], "docs-sync", `${message}: paths are relative to the catalog file`),
  }));
}

/**
 * The new text of every synced document, whose links point at `errorsPage` (absolute). Throws
 * CatalogError (file:line:col of each marker problem, or of the list item naming a file that cannot be
 * read) before anything is written.
 */
export async function planDocsSync(model: CatalogModel, docs: readonly SyncedDoc[], errorsPage: string): Promise<DocUpdate[]> {
  const updates: DocUpdate[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of docs) {
    const { listed, absolute } = doc;
    const path = posix(relative(process.cwd(), absolute)) || listed;
    let bytes: Buffer;
    try {
      bytes = await readFile(absolute);
    } catch (error) {
      diagnostics.push(doc.report(`${listed} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`));
      continue;
    }
    // Decoded leniently, its invalid bytes would be written back as U+FFFD, outside the region too.
    const decoded = decodeUtf8Strictly(path, bytes, `save ${path} as UTF-8, since errcat rewrites it as text; it is unchanged`);
    if ("diagnostic" in decoded) {
      diagnostics.push(decoded.diagnostic);
      continue;
    }
    const before = decoded.text;
    const href = posix(relative(dirname(absolute), errorsPage));
    const result = syncDocument(path, before, model, { errorsPageHref: href });
    diagnostics.push(...result.diagnostics);
    updates.push({ path: absolute, before, after: result.text });
  }
  if (diagnostics.length > 0) throw new CatalogError(diagnostics);
  return updates.map((u) => ({ ...u, path: posix(relative(process.cwd(), u.path)) || u.path }));
}

/** Writes the documents whose text changed, each through a temporary file and a rename. Returns their paths. */
export async function writeDocUpdates(updates: readonly DocUpdate[]): Promise<string[]> {
  const written: string[] = [];
  for (const update of updates) {
    if (update.after === update.before) continue;
    const temporary = join(dirname(update.path), `.${randomBytes(6).toString("hex")}.errcat-tmp`);
    try {
      await writeFile(temporary, update.after);
      await rename(temporary, update.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    written.push(update.path);
  }
  return written;
}
