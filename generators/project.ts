/**
 * A project run, as `generate`, `check` and the API see it: the config resolved, each catalog
 * loaded, each output's target loaded and its options parsed, the target rules checked, and every
 * file planned in memory, grouped by the folder (an output root with its manifest) or the single
 * file it goes to. Nothing here writes to disk.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CatalogError, type Diagnostic } from "./catalog/diagnostics.js";
import { loadCatalog } from "./catalog/index.js";
import type { CatalogModel } from "./catalog/model.js";
import { configDiagnostic, loadConfig, type OutputSpec, type ResolvedConfig } from "./config/config.js";
import type { DataPath } from "./catalog/source.js";
import { catalogSyncedDocs, planDocsSync, type DocUpdate, type SyncedDoc } from "./emit/docs-sync-files.js";
import { isStreamed, preambleText, wholeFile, type GeneratedFile, type StreamedFile } from "./emit/generated-file.js";
import { createManifest, manifestEntries, manifestFromHashes, MANIFEST_PATH } from "./emit/manifest.js";
import { fileClash, runTargets, type Output, type OutputFiles, type OutputStream } from "./pipeline.js";
import { closestWord, isTarget, TargetOptionError, type Target } from "./target/define-target.js";
import { BUILTIN_TARGETS, DEFAULT_TARGETS } from "./target/registry.js";
import { targetRuleDiagnostics } from "./target/run-rules.js";
import { ERRORS_MD_PATH } from "./markdown/errors-md.js";
import { timed } from "./profile.js";
import { builtinTemplateNames, useTemplateOverrides } from "./emit/templates.js";
import { UsageError } from "./usage-error.js";

export interface ProjectOptions {
  /** The config file; found upwards from cwd when not given. */
  readonly config?: string | undefined;
  readonly cwd?: string | undefined;
  /** Replaces the config's catalogs with this one file. */
  readonly catalog?: string | undefined;
  /** A scratch output root: every output goes to <out>/<service>/<its default folder>. */
  readonly out?: string | undefined;
  /** Only the outputs of these targets. */
  readonly only?: readonly string[] | undefined;
  /** Docs sync on or off; by default on, except with an --out other than the configured one. */
  readonly docsSync?: boolean | undefined;
  readonly version: string;
}

/** A folder errcat owns: its files are written together, with a manifest, and swapped in at once. */
export interface OutputRoot {
  /** As shown to the user: relative to the working directory, `/`-separated. */
  readonly dir: string;
  readonly absolute: string;
  readonly files: readonly GeneratedFile[];
  readonly outputs: readonly OutputFiles[];
}

/** A one-file output (`docs/errors.md`): written through a temporary file and a rename. */
export interface OutputSingle {
  readonly path: string;
  readonly absolute: string;
  readonly contents: string | Uint8Array;
  readonly output: OutputFiles;
}

export interface ServicePlan {
  readonly model: CatalogModel;
  readonly roots: readonly OutputRoot[];
  readonly singles: readonly OutputSingle[];
  readonly docs: readonly DocUpdate[];
}

export interface ProjectPlan {
  readonly config: ResolvedConfig;
  readonly services: readonly ServicePlan[];
}

const posix = (p: string) => p.split("\\").join("/");

/**
 * Where a plan can put each output folder's files as its targets return them, instead of holding them
 * all: the plan's roots then carry no files (the manifest included: it is put last).
 */
export interface PlanSink {
  /** Before a service's targets run, with its output folders (absolute); answers the ones it takes files for. */
  open(roots: readonly string[]): Promise<ReadonlySet<string>>;
  /** Takes one file of a folder it opened; answers the sha256 of its bytes (hex). */
  put(root: string, file: GeneratedFile): string;
  /** The same for a file that comes a chunk at a time. */
  putStreamed(root: string, file: StreamedFile): string;
}

/**
 * Everything a run would write, planned in memory (or, for the roots a sink takes, put into it).
 * Throws CatalogError for any invalid input.
 */
export async function planProject(options: ProjectOptions, sink?: PlanSink): Promise<ProjectPlan> {
  const cwd = options.cwd ?? process.cwd();
  const config = await timed("config", () => loadConfig({ file: options.config, cwd }));
  const unknownTemplates = useTemplateOverrides(config.templates);
  if (unknownTemplates.length > 0) {
    throw new CatalogError([configDiagnostic(config, ["templates"], "config-templates", `${unknownTemplates.map((n) => `\`${n}\``).join(", ")} in ${posix(relative(cwd, config.templates!)) || "."} override${unknownTemplates.length === 1 ? "s" : ""} no built-in template: name an override after the template it replaces (${builtinTemplateNames().join(", ")})`)]);
  }
  const catalogs = options.catalog !== undefined ? [resolve(cwd, options.catalog)] : config.catalogs;
  const specs = await timed("load-targets", () => loadOutputSpecs(config, options.only));
  const services: ServicePlan[] = [];
  for (const catalog of catalogs) {
    // Headers name the catalog relative to the config's folder, however the path was typed.
    const shown = posix(relative(config.baseDir, catalog)) || catalog;
    const model = await timed("load-catalog", () => loadCatalog(isAbsolute(shown) ? catalog : shown, config.baseDir));
    services.push(await planService(model, config, specs, catalog, options, cwd, sink));
  }
  return { config, services };
}

interface LoadedSpec {
  readonly spec: OutputSpec | undefined;
  readonly target: Target<any>;
  readonly options: unknown;
}

/** Loads each output's target (built-in or plugin) and parses its options; problems are positioned. */
async function loadOutputSpecs(config: ResolvedConfig, only: readonly string[] | undefined): Promise<LoadedSpec[]> {
  const problems: Diagnostic[] = [];
  const loaded: LoadedSpec[] = [];
  const configured = new Set<string>();
  const specs: readonly (OutputSpec | { target: string; out: undefined; options: Record<string, never>; at: undefined })[] =
    config.outputs ?? DEFAULT_TARGETS.map((target) => ({ target, out: undefined, options: {}, at: undefined }));
  for (const spec of specs) {
    let target: Target<any> | undefined;
    try {
      target = await loadTarget(spec.target, config.baseDir);
    } catch (error) {
      if (!(error instanceof TargetLoadError) || spec.at === undefined) throw error;
      problems.push(configDiagnostic(config, [...spec.at, "target"], "config-target", error.message));
      continue;
    }
    configured.add(target.name);
    if (only !== undefined && !only.includes(target.name)) continue;
    try {
      loaded.push({ spec: spec.at === undefined ? undefined : spec, target, options: target.parseOptions(spec.options) });
    } catch (error) {
      if (!(error instanceof TargetOptionError) || spec.at === undefined) throw error;
      const hasKey = error.key !== undefined && Object.prototype.hasOwnProperty.call(spec.options, error.key);
      problems.push(configDiagnostic(config, hasKey ? [...spec.at, "options", error.key!] : [...spec.at, "options"], "config-option", `target ${target.name}: ${error.message}`, hasKey && /unknown option/.test(error.message) ? "key" : "value"));
    }
  }
  if (only !== undefined) {
    for (const name of only) {
      if (configured.has(name)) continue;
      const suggestion = closestWord(name, [...configured]);
      throw new UsageError(`--only ${name}: no output of target \`${name}\` is ${config.file ? `in ${config.file}` : "generated"}; ${suggestion ? `did you mean \`${suggestion}\`?` : `the outputs here are of ${[...configured].map((n) => `\`${n}\``).join(", ")}`}`);
    }
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return loaded;
}

/** The targets of the config's outputs (default: every built-in), for rules without a generate. */
export async function loadProjectTargets(config: ResolvedConfig, only?: readonly string[]): Promise<Target<any>[]> {
  return (await loadOutputSpecs(config, only)).map((s) => s.target);
}

/** A target that cannot be found or is not a target: one sentence with the fix. */
export class TargetLoadError extends UsageError {}

/** A built-in target by name, or a plugin module by path (relative to baseDir): its default export or `target`. */
export async function loadTarget(spec: string, baseDir: string): Promise<Target<any>> {
  const builtin = BUILTIN_TARGETS[spec];
  if (builtin) return builtin();
  if (!/[/\\.]/.test(spec)) {
    const suggestion = closestWord(spec, Object.keys(BUILTIN_TARGETS));
    throw new TargetLoadError(`no built-in target \`${spec}\`: ${suggestion ? `did you mean \`${suggestion}\`?` : `the built-in targets are ${Object.keys(BUILTIN_TARGETS).join(", ")}.`} A plugin is named by its path, such as ./errcat/my-target.mjs`);
  }
  const file = resolve(baseDir, spec);
  if (!existsSync(file)) throw new TargetLoadError(`the plugin module \`${spec}\` does not exist: plugin paths are relative to the config file`);
  let module: { default?: unknown; target?: unknown };
  try {
    // The file's mtime in the URL: a watcher's next run loads an edited plugin, not the cached module.
    module = (await import(`${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`)) as { default?: unknown; target?: unknown };
  } catch (error) {
    throw new TargetLoadError(`the plugin module \`${spec}\` failed to load: ${(error as Error).message.split("\n")[0]}`);
  }
  const target = module.default ?? module.target;
  if (!isTarget(target)) throw new TargetLoadError(`the plugin module \`${spec}\` exports no target: export default defineTarget({ … }) (from "errcat")`);
  return target;
}

/** Adds the files of the folder's previous manifest that a target outside `selected` wrote, read from disk. */
function carryOver(folder: string, root: { files: GeneratedFile[]; owner: Map<string, string> }, selected: ReadonlySet<string>): void {
  let text: string | undefined;
  try {
    text = readFileSync(join(folder, MANIFEST_PATH), "utf8");
  } catch {
    return;
  }
  for (const entry of manifestEntries(text)) {
    if (root.owner.has(entry.path) || (entry.target !== undefined && selected.has(entry.target))) continue;
    let contents: Buffer;
    try {
      contents = readFileSync(join(folder, entry.path));
    } catch {
      continue;
    }
    root.files.push({ path: entry.path, contents });
    if (entry.target !== undefined) root.owner.set(entry.path, entry.target);
  }
}

const looksLikeFile = (path: string) => /\.[A-Za-z0-9]+$/.test(path) && !(existsSync(path) && statSync(path).isDirectory());

async function planService(model: CatalogModel, config: ResolvedConfig, specs: readonly LoadedSpec[], catalogFile: string, options: ProjectOptions, cwd: string, sink: PlanSink | undefined): Promise<ServicePlan> {
  const diagnostics = await timed("target-rules", () => targetRuleDiagnostics(model, specs.map((s) => s.target)));
  if (diagnostics.length > 0) throw new CatalogError(diagnostics);
  const service = model.service.name;
  const defaultRoot = resolve(options.out !== undefined ? resolve(cwd, options.out) : config.baseDir, options.out !== undefined ? "" : "out", service);

  // Each output's destination: a folder of the default root, a folder of its own, or one file.
  const placed = specs.map((s) => {
    const out = options.out === undefined ? s.spec?.out?.replaceAll("{service}", service) : undefined;
    if (out === undefined) return { s, root: defaultRoot, dir: s.target.defaultOut, file: undefined };
    const absolute = resolve(config.baseDir, out);
    if (looksLikeFile(absolute)) return { s, root: undefined, dir: "", file: absolute };
    return { s, root: absolute, dir: "", file: undefined };
  });
  const outputs: Output[] = placed.map((p) => ({ target: p.s.target, options: p.s.options, dir: p.dir }));
  const show = (abs: string) => posix(relative(cwd, abs)) || ".";
  const byRoot = new Map<string, { files: GeneratedFile[]; hashes: Map<string, string>; outputs: OutputFiles[]; owner: Map<string, string>; at: DataPath | undefined }>();
  for (const p of placed) {
    if (p.root !== undefined && !byRoot.has(p.root)) byRoot.set(p.root, { files: [], hashes: new Map(), outputs: [], owner: new Map(), at: p.s.spec?.at });
  }
  const rootDirs = [...byRoot.keys()];
  for (const a of rootDirs) {
    for (const b of rootDirs) {
      if (a === b || !(b.startsWith(`${a}/`) || b.startsWith(`${a}\\`))) continue;
      // At the inner output's `out` (or the outer one's, when the inner is a default folder).
      const at = byRoot.get(b)!.at ?? byRoot.get(a)!.at;
      throw new CatalogError([configDiagnostic(config, at === undefined ? [] : [...at, "out"], "config-out", `the output folder ${show(b)} is inside the output folder ${show(a)}: give each output a folder of its own, or the same one`)]);
    }
  }
  // The roots whose files go to disk as each target returns them, rather than being held to the end.
  const streamed = sink ? await timed("stage-open", () => sink.open(rootDirs)) : new Set<string>();

  const preamble = preambleText(model, options.version);
  const singles: OutputSingle[] = [];
  const take = (given: OutputStream, i: number): OutputFiles => {
    const p = placed[i]!;
    const stream = p.root !== undefined && streamed.has(p.root);
    // Only a folder the sink takes files for gets streamed files as they come; anywhere else they are made whole.
    const result: OutputFiles = stream ? { output: given.output, files: [] } : { output: given.output, files: Array.from(given.files, wholeFile) };
    if (p.file !== undefined) {
      if (result.files.length !== 1) {
        throw new CatalogError([configDiagnostic(config, [...(p.s.spec?.at ?? []), "out"], "config-out", `target ${p.s.target.name} writes ${result.files.length} files (${result.files.map((f) => f.path).join(", ")}), so its out cannot be one file: name a folder, such as ${show(dirname(p.file))}`)]);
      }
      singles.push({ path: show(p.file), absolute: p.file, contents: result.files[0]!.contents, output: result });
      return result;
    }
    const root = byRoot.get(p.root!)!;
    for (const f of stream ? given.files : result.files) {
      const path = p.dir === "" ? f.path : `${p.dir}/${f.path}`;
      const previous = root.owner.get(path);
      if (previous !== undefined || path === MANIFEST_PATH) {
        // Two outputs sharing a folder may not write the same file; nor may a target write the folder's manifest.
        const { clash, fix } = fileClash(p.s.target.name, show(join(p.root!, path)), previous);
        if (previous !== undefined && p.s.spec?.at !== undefined) throw new CatalogError([configDiagnostic(config, [...p.s.spec.at, "out"], "config-out", `${clash}: give this output a folder of its own`)]);
        throw new UsageError(`${clash}: ${fix}`);
      }
      root.owner.set(path, p.s.target.name);
      // Streamed files come only to a folder the sink takes (result.files were made whole).
      if (isStreamed(f)) root.hashes.set(path, sink!.putStreamed(p.root!, { path, chunks: f.chunks }));
      else if (stream) root.hashes.set(path, sink!.put(p.root!, { path, contents: f.contents }));
      else root.files.push({ path, contents: f.contents });
    }
    // A streamed output keeps no contents: they are in the stage already.
    const kept = stream ? { output: result.output, files: [] } : result;
    root.outputs.push(kept);
    return kept;
  };
  // With a sink each output is taken as its target returns; without, all are taken at the end, as before.
  // A second thread reads the catalog as planProject did.
  const shown = posix(relative(config.baseDir, catalogFile)) || catalogFile;
  const reload = { catalog: isAbsolute(shown) ? catalogFile : shown, baseDir: config.baseDir, templates: config.templates };
  const results = await runTargets(model, options.version, outputs, streamed.size > 0 ? take : undefined, reload);
  if (streamed.size === 0) results.forEach(take);
  const roots: OutputRoot[] = [];
  for (const [absolute, root] of byRoot) {
    // With --only, the files the other targets wrote into this folder last time stay as they are.
    if (options.only !== undefined) carryOver(absolute, root, new Set(specs.map((s) => s.target.name)));
    if (streamed.has(absolute)) {
      for (const f of root.files.splice(0)) root.hashes.set(f.path, sink!.put(absolute, f));
      sink!.put(absolute, manifestFromHashes(preamble, root.hashes, model.source.sha256, root.owner));
      roots.push({ dir: show(absolute), absolute, files: [], outputs: root.outputs });
      continue;
    }
    root.files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    roots.push({ dir: show(absolute), absolute, files: [...root.files, createManifest(preamble, root.files, model.source.sha256, root.owner)], outputs: root.outputs });
  }

  // Docs sync: on unless asked off, and off for a scratch --out unless asked on.
  const scratch = options.out !== undefined && !(config.outputs === undefined && resolve(cwd, options.out) === resolve(config.baseDir, "out"));
  const syncOn = options.docsSync ?? !scratch;
  let docs: DocUpdate[] = [];
  if (syncOn) {
    const markdown = placed.findIndex((p) => p.s.target.name === "markdown");
    if (markdown >= 0) {
      const p = placed[markdown]!;
      const errorsPage = p.file ?? join(p.root!, p.dir, ERRORS_MD_PATH);
      const list: SyncedDoc[] = config.docsSync !== undefined
        ? config.docsSync.map((listed, i) => ({ listed, absolute: resolve(config.baseDir, listed), report: (message: string) => configDiagnostic(config, ["docs", "sync", i], "docs-sync", `${message}: paths are relative to ${config.file}`) }))
        : catalogSyncedDocs(model, catalogFile);
      docs = await planDocsSync(model, list, errorsPage);
    }
  }
  return { model, roots, singles, docs };
}
