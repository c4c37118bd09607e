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
import { ERRORS_MD_PATH } from "../markdown/errors-md.js";

export interface DocUpdate {
  /** The file's path as shown to the user (relative to the working directory, posix). */
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

const posix = (p: string) => p.split("\\").join("/");

/**
 * The new text of every synced document. Throws CatalogError (file:line:col of each marker problem, or
 * of a listed file that cannot be read) before anything is written.
 */
export async function planDocsSync(model: CatalogModel, catalogFile: string, outRoot: string): Promise<DocUpdate[]> {
  const errorsPage = resolve(outRoot, model.service.name, ERRORS_MD_PATH);
  const updates: DocUpdate[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const listed of model.service.docs.sync) {
    const absolute = resolve(dirname(catalogFile), listed);
    const path = posix(relative(process.cwd(), absolute)) || listed;
    let before: string;
    try {
      before = await readFile(absolute, "utf8");
    } catch (error) {
      diagnostics.push({
        file: catalogFile, line: 1, column: 1, rule: "docs-sync",
        message: `service.docs.sync lists ${listed}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): paths are relative to the catalog file`,
      });
      continue;
    }
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
