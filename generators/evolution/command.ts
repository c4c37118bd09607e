/** `errcat diff`, `errcat changelog` and the catalog part of `errcat check --against`. */
import { relative } from "node:path";
import { loadConfig } from "../config/config.js";
import { checkAllowNames } from "./allow.js";
import { diffCatalogs, unaccepted, type CatalogChange } from "./diff.js";
import { changelogMarkdown, changesJson, changesMarkdown, changesText } from "./report.js";
import { readSide, type Side } from "./sides.js";

interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface DiffCommandOptions {
  readonly catalog?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly allow?: readonly string[];
}

/** The catalog a revision side reads: --catalog, or the config's first catalog. */
function defaultCatalog(options: DiffCommandOptions, cwd: string): string {
  if (options.catalog !== undefined) return options.catalog;
  const config = loadConfig({ file: options.config, cwd });
  return relative(cwd, config.catalogs[0]!) || config.catalogs[0]!;
}

function sides(before: string, after: string | undefined, options: DiffCommandOptions): [Side, Side] {
  const cwd = process.cwd();
  const catalog = defaultCatalog(options, cwd);
  return [readSide(before, catalog, cwd), readSide(after ?? catalog, catalog, cwd)];
}

export async function runDiff(before: string, after: string | undefined, options: DiffCommandOptions, io: Io): Promise<number> {
  const [a, b] = sides(before, after, options);
  const changes = diffCatalogs(a.model, b.model);
  const allow = options.allow ?? [];
  checkAllowNames(allow, a.model, b.model, changes);
  const accepted = new Set(changes.filter((c) => allow.includes(c.key) || allow.includes(c.kind)).map((c) => c.key));
  if (options.json) io.out(changesJson(a.label, b.label, changes, accepted));
  else if (options.markdown) io.out(changesMarkdown(a.label, b.label, changes, accepted));
  else io.out(changesText(changes, accepted));
  return summarize(a.label, b.label, changes, allow, io);
}

export async function runChangelog(before: string, after: string | undefined, options: DiffCommandOptions & { title: string }, io: Io): Promise<number> {
  const [a, b] = sides(before, after, options);
  io.out(changelogMarkdown(options.title, diffCatalogs(a.model, b.model)));
  return 0;
}

/** Prints the verdict; 1 when a breaking change is not allowed. */
export function summarize(before: string, after: string, changes: readonly CatalogChange[], allow: readonly string[], io: Io): number {
  const failing = unaccepted(changes, allow);
  const breaking = changes.filter((c) => c.severity === "breaking").length;
  if (failing.length > 0) {
    io.err(`errcat: ${failing.length} breaking change${failing.length === 1 ? "" : "s"} from ${before} to ${after} (${failing.map((c) => c.key).join(", ")}): keep clients working as each line says, or accept one with --allow <name>\n`);
    return 1;
  }
  io.err(`errcat: ${changes.length} change${changes.length === 1 ? "" : "s"} from ${before} to ${after}, ${breaking === 0 ? "none breaking" : `${breaking} breaking, all allowed`}\n`);
  return 0;
}
