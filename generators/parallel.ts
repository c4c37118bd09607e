/**
 * Sharing a run's targets between two threads, when asked (ERRCAT_THREADS=2): a trade of memory for
 * time, so not the default. At 25,000 entries on two cores a generate took 12.7-13.6 s instead of about
 * 17.6 s, and peaked at 1.2-1.3 GB instead of 0.6 GB (each thread holds the model and its target's work).
 * The second thread (target-worker.ts) reads the catalog again, runs the built-in targets given to it and
 * posts their files back; this thread runs the rest and stages every file, so the writer stays on one
 * thread. Which targets go where: each target's measured share of a run, split so that both threads
 * finish near the same time.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CatalogError } from "./catalog/diagnostics.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import type { Output, CatalogSourceArgs } from "./pipeline.js";
import { record } from "./profile.js";
import { UsageError } from "./usage-error.js";
import { isBuiltinTarget } from "./target/registry.js";
import { streamedFilesOf, type DocsSection } from "./target/define-target.js";
import type { WorkerInput, WorkerJob, WorkerMessage } from "./target-worker.js";

/**
 * The bundled worker, from a bundle chunk or from dist/ alike (as the precompiled templates are found);
 * absent when running from the TypeScript sources, where one thread does all.
 */
const WORKER = new URL("../bundle/target-worker.js", import.meta.url);

/**
 * Each built-in target's seconds of one core at 25,000 entries (bench/RESULTS.md's phases, staging
 * included where the target writes many files), the second thread's own read of the catalog, and what
 * staging the other thread's files costs this one. Only their ratios matter.
 */
const WEIGHT: Readonly<Record<string, number>> = { fixtures: 3.7, java: 1.9, markdown: 1.6, html: 1.4, go: 0.8, python: 0.75, proto: 0.7, typescript: 0.6, regex: 0.5, json: 0.2 };
const SECOND_READ = 1.5;
const STAGING = 1.0;

export interface HelperOutput {
  readonly index: number;
  readonly files: readonly GeneratedFile[];
}

export interface Helper {
  /** Whether the output at this index is the other thread's. */
  runs(index: number): boolean;
  /** The other thread's outputs that are in (messages are let in first). */
  ready(): Promise<HelperOutput[]>;
  /** The other thread's next output, waited for; undefined once all are in. */
  next(): Promise<HelperOutput | undefined>;
  /** Ends the other thread if it still runs. */
  stop(): Promise<void>;
}

/** The number of threads asked for: ERRCAT_THREADS (1 or 2; anything else is refused), 1 when unset. */
export function threadsAsked(): 1 | 2 {
  const asked = process.env.ERRCAT_THREADS;
  if (asked === undefined || asked === "" || asked === "1") return 1;
  if (asked === "2") return 2;
  throw new UsageError(`ERRCAT_THREADS=${asked}: errcat runs its targets on 1 thread (the default) or 2; set it to 1 or 2, or unset it`);
}

/** Starts the second thread when two were asked for and some target can go there; else undefined (one thread does all). */
export async function startHelper(outputs: readonly Output[], reload: CatalogSourceArgs, preamble: string, version: string, sections: readonly DocsSection[]): Promise<Helper | undefined> {
  if (threadsAsked() === 1 || !existsSync(fileURLToPath(WORKER))) return undefined;
  const jobs = split(outputs);
  if (jobs.length === 0) return undefined;
  const input: WorkerInput = { ...reload, preamble, version, sections, jobs };
  // Not the process's flags: some are refused in a worker (--input-type), and none is needed there.
  const worker = new Worker(WORKER, { workerData: input, execArgv: [] });
  const mine = new Set(jobs.map((j) => j.index));
  const queue: HelperOutput[] = [];
  let remaining = jobs.length;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.kind === "loaded") record("helper:load-catalog", message.ms, false);
    else if (message.kind === "files") {
      record(`helper:${outputs[message.index]!.target.name}`, message.ms, false);
      queue.push({ index: message.index, files: message.files });
      remaining--;
    } else {
      failure = message.diagnostics !== undefined ? new CatalogError(message.diagnostics) : Object.assign(new Error(message.message), { stack: message.stack });
    }
    notify();
  });
  worker.on("error", (error) => {
    failure ??= error;
    notify();
  });
  worker.on("exit", (code) => {
    if (remaining > 0) failure ??= new Error(`the second thread ended (exit code ${code}) before its targets were done`);
    notify();
  });
  const take = (): HelperOutput[] => {
    if (failure !== undefined) throw failure;
    return queue.splice(0);
  };
  return {
    runs: (index) => mine.has(index),
    async ready() {
      await new Promise((resolve) => setImmediate(resolve));
      return take();
    },
    async next() {
      for (;;) {
        if (failure !== undefined) throw failure;
        if (queue.length > 0) return queue.shift();
        if (remaining === 0) return undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async stop() {
      await worker.terminate();
    },
  };
}

/** The outputs for the second thread: built-in targets with cloneable options and no streamed form, shared out heaviest first to the less loaded thread. */
function split(outputs: readonly Output[]): WorkerJob[] {
  let here = STAGING;
  let there = SECOND_READ;
  const candidates: { job: WorkerJob; weight: number }[] = [];
  for (let index = 0; index < outputs.length; index++) {
    const { target, options } = outputs[index]!;
    const weight = WEIGHT[target.name] ?? 1;
    // A streamed target's files go to the writer as they are made, on this thread.
    if (!isBuiltinTarget(target) || streamedFilesOf(target) !== undefined || !cloneable(options)) here += weight;
    else candidates.push({ job: { index, target: target.name, options }, weight });
  }
  const jobs: WorkerJob[] = [];
  for (const { job, weight } of candidates.sort((a, b) => b.weight - a.weight)) {
    if (there < here) {
      jobs.push(job);
      there += weight;
    } else here += weight;
  }
  return jobs.sort((a, b) => a.index - b.index);
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
