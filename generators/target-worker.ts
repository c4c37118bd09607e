/**
 * A second thread for a large catalog's targets (pipeline.ts decides which): it reads the catalog
 * itself (the same file, so the same model), runs its built-in targets one after the other, and posts
 * each one's files back for the main thread to stage. Nothing here touches the output folder.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CatalogError, type Diagnostic } from "./catalog/diagnostics.js";
import { loadCatalog } from "./catalog/index.js";
import { useTemplateOverrides } from "./emit/templates.js";
import { reclaimIfLarge } from "./emit/reclaim.js";
import { BUILTIN_TARGETS } from "./target/registry.js";
import { createTargetContext, type DocsSection } from "./target/define-target.js";

export interface WorkerJob {
  /** The output's place in the run's list of outputs. */
  readonly index: number;
  /** A built-in target's name. */
  readonly target: string;
  readonly options: unknown;
}

export interface WorkerInput {
  /** loadCatalog's arguments, as the main thread called it. */
  readonly catalog: string;
  readonly baseDir: string;
  readonly templates: string | undefined;
  readonly preamble: string;
  readonly version: string;
  readonly sections: readonly DocsSection[];
  readonly jobs: readonly WorkerJob[];
}

export type WorkerMessage =
  | { readonly kind: "files"; readonly index: number; readonly files: { path: string; contents: string | Uint8Array }[]; readonly ms: number }
  | { readonly kind: "loaded"; readonly ms: number }
  | { readonly kind: "failed"; readonly message: string; readonly stack: string | undefined; readonly diagnostics?: readonly Diagnostic[] };

/** Byte arrays from this size on are transferred (a Buffer this large never shares its memory with Node's pool). */
const MOVE_AT = 1 << 20;

const input = workerData as WorkerInput;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

try {
  let started = performance.now();
  useTemplateOverrides(input.templates);
  const model = await loadCatalog(input.catalog, input.baseDir);
  post({ kind: "loaded", ms: performance.now() - started });
  for (const job of input.jobs) {
    started = performance.now();
    const load = BUILTIN_TARGETS[job.target];
    if (load === undefined) throw new Error(`no built-in target ${job.target}`);
    const target = await load();
    const files = await target.generate(createTargetContext(model, job.options, input.preamble, input.version, input.sections));
    // Large byte arrays move instead of being copied: nothing here reads them again.
    const transfer = new Set<ArrayBuffer>();
    for (const f of files) {
      if (typeof f.contents !== "string" && f.contents.byteLength >= MOVE_AT && f.contents.buffer instanceof ArrayBuffer) transfer.add(f.contents.buffer);
    }
    post({ kind: "files", index: job.index, files: files.map((f) => ({ path: f.path, contents: f.contents })), ms: performance.now() - started }, [...transfer]);
    reclaimIfLarge();
  }
} catch (error) {
  // The user's problems (a template override's, say) cross as diagnostics, to be reported as on one thread.
  const diagnostics = error instanceof CatalogError ? error.diagnostics : undefined;
  post({ kind: "failed", message: (error as Error).message ?? String(error), stack: (error as Error).stack, diagnostics });
}
