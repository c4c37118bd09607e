/** `errcat import markdown <page.md> --service <name> [-o catalog.yaml]` and `… --compare <catalog.yaml>`. */
import { readFile, writeFile } from "node:fs/promises";
import { CatalogError, formatDiagnostic } from "../catalog/diagnostics.js";
import { checkCatalogText, loadCatalog } from "../catalog/index.js";
import { decodeUtf8Strictly } from "../catalog/utf8.js";
import { readErrorPage } from "./error-page.js";
import { pageToCatalog } from "./page-to-catalog.js";
import { catalogYaml } from "./catalog-yaml.js";
import { comparePageWithCatalog } from "./compare.js";

export interface ImportOptions {
  readonly service?: string;
  readonly output?: string;
  readonly compare?: string;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Runs the command; returns the exit code (0 ok or same, 1 page and catalog differ, 2 invalid input). */
export async function importMarkdown(pagePath: string, options: ImportOptions, io: Io): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(pagePath);
  } catch (error) {
    io.err(`errcat: cannot read ${pagePath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check the path\n`);
    return 2;
  }
  const decoded = decodeUtf8Strictly(pagePath, bytes, "save the page as UTF-8, since a replaced byte would change the messages the catalog holds; nothing was imported");
  if ("diagnostic" in decoded) {
    io.err(`${formatDiagnostic(decoded.diagnostic)}\n`);
    return 2;
  }
  const text = decoded.text;
  const page = readErrorPage(text);
  for (const problem of page.problems) io.err(`errcat: ${pagePath}: ${problem}\n`);
  if (page.problems.length > 0) {
    io.err(`errcat: ${pagePath}: ${page.problems.length} problem${page.problems.length === 1 ? "" : "s"} in the page; nothing was imported\n`);
    return 2;
  }
  if (page.statuses.length === 0) {
    io.err(`errcat: ${pagePath}: no status sections found: the page needs lines or headings such as "400 Bad request" followed by an error table\n`);
    return 2;
  }

  if (options.compare !== undefined) {
    let model;
    try {
      model = await loadCatalog(options.compare);
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      for (const d of error.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      return 2;
    }
    const { catalog } = pageToCatalog(page, options.service ?? model.service.name);
    const differences = comparePageWithCatalog(catalog, model);
    for (const d of differences) io.out(`${d.kind === "added" ? "+" : d.kind === "removed" ? "-" : "~"} ${d.text}\n`);
    io.err(differences.length === 0
      ? `errcat: ${pagePath} and ${options.compare} agree (${catalog.errors.length} entries)\n`
      : `errcat: ${pagePath} and ${options.compare} differ in ${differences.length} place${differences.length === 1 ? "" : "s"}\n`);
    return differences.length === 0 ? 0 : 1;
  }

  if (options.service === undefined || !/^[a-z][a-z0-9]*$/.test(options.service)) {
    io.err("errcat: import markdown needs --service <name>, lower-case letters and digits such as `kms` (it names out/<name>/ and the generated classes)\n");
    return 2;
  }
  const { catalog, warnings } = pageToCatalog(page, options.service);
  for (const w of warnings) io.err(`errcat: ${pagePath}: ${w}\n`);
  const yaml = catalogYaml(catalog, pagePath.split("\\").join("/"));
  const target = options.output ?? "<stdout>";
  if (options.output !== undefined) {
    try {
      await writeFile(options.output, yaml);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const fix = code === "ENOENT" ? "its folder does not exist: create it first" : code === "EISDIR" ? "it is a folder: name a .yaml file in it" : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "it cannot be written: choose a path you can write to" : "choose another path";
      io.err(`errcat: cannot write ${options.output} (${code}): ${fix}; nothing was written\n`);
      return 2;
    }
  } else io.out(yaml);
  // The page may hold what a catalog cannot (a code without a message, say): tell the user where.
  const { diagnostics } = checkCatalogText(target, yaml);
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  if (diagnostics.length > 0) {
    io.err(`errcat: the imported catalog has ${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} to fix by hand\n`);
    return 2;
  }
  io.err(`errcat: ${target}: ${catalog.errors.length} entries from ${page.statuses.length} statuses; set retryable where a retry can succeed\n`);
  return 0;
}
