/**
 * From a model to the complete, sorted file set of one output root (manifest included): each selected
 * target's docs section first, then every target's files under its folder.
 */
import type { CatalogModel } from "./catalog/model.js";
import { preambleText, type GeneratedFile, type StreamedFile } from "./emit/generated-file.js";
import { createManifest, MANIFEST_PATH } from "./emit/manifest.js";
import { createTargetContext, streamedFilesOf, type DocsSection, type Target } from "./target/define-target.js";
import { BUILTIN_TARGETS, DEFAULT_TARGETS } from "./target/registry.js";
import { contractFailure, preview, targetFailure } from "./target/target-failure.js";
import { timed } from "./profile.js";
import { UsageError } from "./usage-error.js";
import { reclaimIfLarge } from "./emit/reclaim.js";

/** One target's run: its options, parsed, and the folder its files go to, relative to the output root. */
export interface Output {
  readonly target: Target<any>;
  readonly options: unknown;
  /** Posix, relative to the output root; "" for the root itself. */
  readonly dir: string;
}

/** The files of one output, paths relative to its own folder. */
export interface OutputFiles {
  readonly output: Output;
  readonly files: readonly GeneratedFile[];
}

/** The files of one output as they come: some of them streamed, each read to its end before the next. */
export interface OutputStream {
  readonly output: Output;
  readonly files: Iterable<GeneratedFile | StreamedFile>;
}

/** The default outputs: every built-in target with no options, each in its default folder. */
export async function defaultOutputs(names: readonly string[] = DEFAULT_TARGETS): Promise<Output[]> {
  return Promise.all(names.map(async (name) => {
    const load = BUILTIN_TARGETS[name];
    if (!load) throw new Error(`no built-in target ${name}`);
    const target = await load();
    return { target, options: target.parseOptions({}), dir: target.defaultOut };
  }));
}

/** How a second thread can read the run's catalog again: loadCatalog's arguments and the template overrides. */
export interface CatalogSourceArgs {
  readonly catalog: string;
  readonly baseDir: string;
  readonly templates: string | undefined;
}

/**
 * Runs each output's target; docs sections are gathered first, so a docs target can place them all.
 * `each` sees each output's files as soon as its target returns them; what it returns is kept instead
 * (so a caller that has written the files can drop them before the next target runs). With `reload`
 * and ERRCAT_THREADS=2, some built-in targets run on a second thread (parallel.ts), `each` still on this one.
 */
export async function runTargets(model: CatalogModel, version: string, outputs: readonly Output[], each?: (result: OutputStream, index: number) => OutputFiles, reload?: CatalogSourceArgs): Promise<OutputFiles[]> {
  const preamble = preambleText(model, version);
  const sections: DocsSection[] = [];
  for (const { target, options } of outputs) {
    let section: DocsSection | undefined;
    try {
      section = target.docs === undefined ? undefined : await timed(`${target.name}:docs`, () => target.docs!(createTargetContext(model, options, preamble, version, [])));
    } catch (error) {
      throw targetFailure(target, "docs", error);
    }
    if (section) sections.push(section);
  }
  const results: OutputFiles[] = [];
  const stage = async (output: Output, files: readonly GeneratedFile[], index: number): Promise<OutputFiles> => {
    const broken = contractBroken(files);
    if (broken !== undefined) throw contractFailure(output.target, broken);
    return each ? timed(`${output.target.name}:stage`, () => each({ output, files }, index)) : { output, files };
  };
  const run = async (output: Output, index: number): Promise<OutputFiles> => {
    const ctx = createTargetContext(model, output.options, preamble, version, sections);
    const streamed = each === undefined ? undefined : streamedFilesOf(output.target);
    if (streamed !== undefined) {
      // Made while they are staged: one phase for both.
      // A built-in's: a path outside its folder is a bug in errcat.
      const files = (function* () {
        for (const file of streamed(ctx)) {
          const broken = pathBroken(file.path);
          if (broken !== undefined) throw new Error(`target ${output.target.name} ${broken}`);
          yield file;
        }
      })();
      return timed(output.target.name, () => each!({ output, files }, index));
    }
    let files: readonly GeneratedFile[];
    try {
      files = await timed(output.target.name, () => output.target.generate(ctx));
    } catch (error) {
      throw targetFailure(output.target, "generate", error);
    }
    return stage(output, files, index);
  };
  // The second thread's code loads only when asked for (ERRCAT_THREADS set, and not to 1).
  const threads = process.env.ERRCAT_THREADS;
  const asked = each !== undefined && reload !== undefined && threads !== undefined && threads !== "" && threads !== "1";
  const helper = asked ? await (await import("./parallel.js")).startHelper(outputs, reload, preamble, version, sections) : undefined;
  try {
    for (let i = 0; i < outputs.length; i++) {
      if (helper?.runs(i)) continue;
      results[i] = await run(outputs[i]!, i);
      // What `each` let go of is garbage now: collected before the next target adds its own.
      if (each) await timed("gc", reclaimIfLarge);
      // The other thread's finished outputs, staged between this thread's own.
      if (helper) for (const done of await helper.ready()) results[done.index] = await stage(outputs[done.index]!, done.files, done.index);
    }
    // Then the rest of the other thread's, as each comes in.
    const next = () => timed("wait-helper", () => helper!.next());
    if (helper) {
      for (let done = await next(); done !== undefined; done = await next()) {
        results[done.index] = await stage(outputs[done.index]!, done.files, done.index);
        await timed("gc", reclaimIfLarge);
      }
    }
  } finally {
    await helper?.stop();
  }
  return results;
}

/** What is wrong with the files a target returned (not an array, a file without a path or contents, a path outside its folder or given twice), if anything. */
function contractBroken(files: unknown): string | undefined {
  if (!Array.isArray(files)) return `returned ${files === null ? "null" : typeof files} from generate`;
  const seen = new Set<string>();
  for (const file of files as unknown[]) {
    const f = file as { path?: unknown; contents?: unknown } | null;
    if (typeof f !== "object" || f === null || typeof f.path !== "string") return `returned a file without a path (${preview(file)})`;
    if (typeof f.contents !== "string" && !(f.contents instanceof Uint8Array)) return `returned ${JSON.stringify(f.path)} with contents that are neither a string nor a Uint8Array`;
    const broken = pathBroken(f.path);
    if (broken !== undefined) return broken;
    if (seen.has(f.path)) return `returned ${JSON.stringify(f.path)} twice`;
    seen.add(f.path);
  }
  return undefined;
}

/**
 * A file that a target writes where another target (`previous`) or errcat's manifest (undefined) already
 * is: what is wrong, and the fix (the project may place it at the output's `out` instead).
 */
export function fileClash(target: string, shown: string, previous: string | undefined): { clash: string; fix: string } {
  return previous === undefined
    ? { clash: `target ${target} writes ${shown}, which is the folder's manifest (errcat writes it)`, fix: "errcat.manifest.json is errcat's name in every output folder, so the target must name its file otherwise" }
    : { clash: `target ${target} writes ${shown}, which target ${previous} writes too`, fix: "give the target another out folder" };
}

function pathBroken(path: string): string | undefined {
  if (path === "" || path.startsWith("/") || path.split("/").includes("..") || path.includes("\\")) return `wrote outside its folder: ${JSON.stringify(path)}`;
  return undefined;
}

/** Every output's files under one root, sorted, with the manifest last. */
export async function generateAll(model: CatalogModel, version: string, outputs?: readonly Output[]): Promise<GeneratedFile[]> {
  const selected = outputs ?? (await timed("load-generators", () => defaultOutputs()));
  const results = await runTargets(model, version, selected);
  const files: GeneratedFile[] = [];
  const owner = new Map<string, string>();
  for (const { output, files: own } of results) {
    for (const file of own) {
      const path = output.dir === "" ? file.path : `${output.dir}/${file.path}`;
      const previous = owner.get(path);
      if (previous !== undefined || path === MANIFEST_PATH) {
        const { clash, fix } = fileClash(output.target.name, path, previous);
        throw new UsageError(`${clash}: ${fix}`);
      }
      owner.set(path, output.target.name);
      files.push({ path, contents: file.contents });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...files, await timed("manifest", () => createManifest(preambleText(model, version), files, model.source.sha256))];
}
