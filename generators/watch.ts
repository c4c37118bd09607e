/**
 * `errcat generate --watch`: generates once, then again whenever a catalog, the config, a template
 * override or a plugin module changes (debounced), printing one line per run. An invalid catalog
 * prints its diagnostics and the watcher goes on; SIGINT or SIGTERM stop it.
 */
import { watch, type FSWatcher } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { CatalogError, formatDiagnostic } from "./catalog/diagnostics.js";
import { layerFilesOf, loadConfig } from "./config/config.js";
import { planProject, type ProjectOptions } from "./project.js";
import { writePlan } from "./run.js";
import { userFailure } from "./user-failure.js";

interface WatchIo {
  err(text: string): void;
}

const DEBOUNCE_MS = 80;
const FIRST_RUN = "first run";

/** The files a run depends on: the catalogs, the config, plugin modules and the templates folder. */
function watchedPaths(options: ProjectOptions): string[] {
  const cwd = options.cwd ?? process.cwd();
  const paths = new Set<string>();
  try {
    const config = loadConfig({ file: options.config, cwd });
    if (config.file !== undefined) paths.add(resolve(cwd, config.file));
    const catalogs = options.catalog !== undefined ? [resolve(cwd, options.catalog)] : config.catalogs;
    for (const c of catalogs) paths.add(c);
    // The layers a catalog extends or overlays are part of it.
    for (const layer of layerFilesOf(catalogs)) paths.add(layer);
    for (const o of config.outputs ?? []) if (/[/\\.]/.test(o.target)) paths.add(resolve(config.baseDir, o.target));
    if (config.templates !== undefined) paths.add(config.templates);
  } catch {
    // A broken config is still watched, so that fixing it triggers a run.
    if (options.config !== undefined) paths.add(resolve(cwd, options.config));
    if (options.catalog !== undefined) paths.add(resolve(cwd, options.catalog));
  }
  return [...paths];
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
      const summary = await writePlan(await planProject(options));
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
    const key = JSON.stringify([...paths].sort());
    if (key === watching && watchers.length > 0) return;
    watching = key;
    for (const w of watchers) w.close();
    const byDir = new Map<string, Set<string>>();
    for (const p of paths) {
      const dir = dirname(p);
      byDir.set(dir, (byDir.get(dir) ?? new Set()).add(p));
      if (!/\.[A-Za-z0-9]+$/.test(p)) byDir.set(p, (byDir.get(p) ?? new Set()).add(`${p}/*`));
    }
    watchers = [...byDir].flatMap(([dir, wanted]) => {
      try {
        return [watch(dir, (_event, name) => {
          if (name === null) return;
          const full = resolve(dir, name.toString());
          if (wanted.has(full) || wanted.has(`${dir}/*`)) schedule(full);
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
