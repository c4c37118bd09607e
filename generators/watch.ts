/**
 * `errcat generate --watch`: generates once, then again whenever a catalog, the config, a template
 * override or a plugin module changes (debounced), printing one line per run. An invalid catalog
 * prints its diagnostics and the watcher goes on; SIGINT or SIGTERM stop it.
 */
import { readdirSync, watch, type Dirent, type FSWatcher } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { CatalogError, formatDiagnostic } from "./catalog/diagnostics.js";
import { layerFilesOf, loadConfig } from "./config/config.js";
import type { ProjectOptions } from "./project.js";
import { generateProject } from "./run.js";
import { userFailure } from "./user-failure.js";

interface WatchIo {
  err(text: string): void;
}

const DEBOUNCE_MS = 80;
const ANY_NAME = "*";
const FIRST_RUN = "first run";

/** What a run depends on: files (the catalogs, the config, plugin modules) and folders (templates). */
interface WatchedPaths {
  readonly files: readonly string[];
  readonly folders: readonly string[];
}

function watchedPaths(options: ProjectOptions): WatchedPaths {
  const cwd = options.cwd ?? process.cwd();
  const files = new Set<string>();
  const folders: string[] = [];
  try {
    const config = loadConfig({ file: options.config, cwd });
    if (config.file !== undefined) files.add(resolve(cwd, config.file));
    const catalogs = options.catalog !== undefined ? [resolve(cwd, options.catalog)] : config.catalogs;
    for (const c of catalogs) files.add(c);
    // The layers a catalog extends or overlays are part of it.
    for (const layer of layerFilesOf(catalogs)) files.add(layer);
    for (const o of config.outputs ?? []) if (/[/\\.]/.test(o.target)) files.add(resolve(config.baseDir, o.target));
    // fs.watch is not recursive on every platform: each subfolder of the templates gets its own watcher.
    if (config.templates !== undefined) folders.push(...foldersUnder(config.templates));
  } catch {
    // A broken config is still watched, so that fixing it triggers a run.
    if (options.config !== undefined) files.add(resolve(cwd, options.config));
    if (options.catalog !== undefined) files.add(resolve(cwd, options.catalog));
  }
  return { files: [...files], folders };
}

/** A folder and every folder below it. */
function foldersUnder(root: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [root];
  }
  return [root, ...entries.filter((d) => d.isDirectory()).flatMap((d) => foldersUnder(join(root, d.name)))];
}

export async function watchProject(options: ProjectOptions, io: WatchIo): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, p).split("\\").join("/") || p;
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const changed = new Set<string>();

  const run = async (reason: string) => {
    const started = performance.now();
    let report: string;
    try {
      const summary = await generateProject(options);
      const written = summary.roots.reduce((n, r) => n + r.written + r.deleted, 0) + summary.singles.filter((s) => s.written).length;
      report = `errcat: ${reason}: generated in ${Math.round(performance.now() - started)} ms (${written} file${written === 1 ? "" : "s"} changed)\n`;
    } catch (error) {
      if (error instanceof CatalogError) {
        report = `${error.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join("")}errcat: ${reason}: ${error.diagnostics.length} problem${error.diagnostics.length === 1 ? "" : "s"}; nothing was written, still watching\n`;
      } else {
        const sentence = userFailure(error);
        // A bug in the first run ends the command (exit 3, with its stack); in a later one, rethrowing would
        // only be an unhandled rejection, so it is reported the same way and the watcher goes on.
        if (sentence === undefined && reason === FIRST_RUN) throw error;
        report = sentence !== undefined
          ? `errcat: ${reason}: ${sentence}; still watching\n`
          : `errcat: ${reason}: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nerrcat: still watching\n`;
      }
    }
    // Watch first, then say so: an edit made as soon as the line appears must not be missed.
    rewatch();
    io.err(report);
  };

  const schedule = (path: string) => {
    changed.add(show(path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const reason = `changed ${[...changed].sort().join(", ")}`;
      changed.clear();
      running = (running ?? Promise.resolve()).then(() => run(reason));
    }, DEBOUNCE_MS);
  };

  // Editors often replace a file (write a new one, rename it over): watch the folder and filter by name.
  let watching = "";
  const rewatch = () => {
    const paths = watchedPaths(options);
    // The same files: keep the watchers, so no event falls between closing and reopening them.
    const key = JSON.stringify([[...paths.files].sort(), [...paths.folders].sort()]);
    if (key === watching && watchers.length > 0) return;
    watching = key;
    for (const w of watchers) w.close();
    // Per folder watched: the names that matter in it, or ANY_NAME for a templates folder.
    const byDir = new Map<string, Set<string>>();
    const want = (dir: string, name: string) => byDir.set(dir, (byDir.get(dir) ?? new Set()).add(name));
    for (const p of paths.files) want(dirname(p), p);
    for (const folder of paths.folders) {
      want(folder, ANY_NAME);
      // A folder replaced or removed shows only in its parent.
      want(dirname(folder), folder);
    }
    watchers = [...byDir].flatMap(([dir, wanted]) => {
      try {
        return [watch(dir, (_event, name) => {
          if (name === null) return;
          const full = resolve(dir, name.toString());
          if (wanted.has(full) || wanted.has(ANY_NAME)) schedule(full);
        })];
      } catch {
        return [];
      }
    });
  };

  await run(FIRST_RUN);
  io.err("errcat: watching for changes (Ctrl-C to stop)\n");
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      void (running ?? Promise.resolve()).finally(() => {
        io.err("errcat: stopped watching\n");
        resolveStop();
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
