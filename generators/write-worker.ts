/**
 * The writer's helper thread: it writes the staged files that the main thread hands it, in batches of
 * one buffer each, so that creating thousands of files overlaps with making the next ones. It writes
 * only the paths it is given, in the stage the main thread made; its first failure stops it and is
 * reported once, and every batch is acknowledged either way.
 */
import { writeFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

/** Files whose bytes lie one after the other in `bytes`: file i ends at ends[i]. */
export interface WriteBatch {
  readonly paths: readonly string[];
  readonly ends: readonly number[];
  readonly bytes: Uint8Array;
}

/** What a system call failed with, as far as it crosses between threads. */
export interface WriteFailure {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly errno?: number;
}

export type WriteReport = { readonly kind: "done" } | { readonly kind: "failed"; readonly error: WriteFailure };

/** [0]: bytes handed over and not yet written; [1]: 1 once a write failed. Shared with the main thread. */
const shared = new Int32Array(workerData as SharedArrayBuffer);
let failed = false;

parentPort!.on("message", (batch: WriteBatch) => {
  if (!failed) {
    try {
      let start = 0;
      for (let i = 0; i < batch.paths.length; i++) {
        writeFileSync(batch.paths[i]!, batch.bytes.subarray(start, batch.ends[i]!));
        start = batch.ends[i]!;
      }
    } catch (error) {
      failed = true;
      Atomics.store(shared, 1, 1);
      const e = error as NodeJS.ErrnoException;
      parentPort!.postMessage({ kind: "failed", error: { message: e.message, code: e.code, syscall: e.syscall, path: e.path, errno: e.errno } } satisfies WriteReport);
    }
  }
  Atomics.sub(shared, 0, batch.bytes.length);
  parentPort!.postMessage({ kind: "done" } satisfies WriteReport);
});
