/**
 * Staged files written on a second thread. Creating a file is a slow system call on some file systems
 * (at 25,000 catalog entries, writing 12,500 files took about a third of a run), and the main thread
 * has the next target to make meanwhile. The main thread still decides everything (which files, their
 * hashes, which are unchanged) and makes every folder first; the helper only writes bytes to paths.
 * At most MAX_PENDING bytes wait for it: beyond that, or once it has failed, the caller writes the file
 * itself, so memory stays bounded and a failure surfaces where it would have.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { WriteBatch, WriteFailure, WriteReport } from "../write-worker.js";

/** The bundled helper, from a bundle chunk or from dist/emit alike; absent when running from the TypeScript sources. */
const WORKER = new URL("../bundle/write-worker.js", import.meta.url);

/** Bytes that may wait for the helper. */
const MAX_PENDING = 64 << 20;
/** A batch is handed over at this size, or this many files, or when the current synchronous work ends. */
const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
/** From this size on a file the caller gives up goes alone, its buffer moved rather than copied. */
const MOVE_AT = 256 << 10;

export interface BackgroundWrites {
  /**
   * Takes a file to write on the helper thread; false when it cannot now (too much waits, or a write
   * failed), and then the caller writes it. `owned`: nothing else holds `bytes`, so they may be moved.
   */
  offer(path: string, bytes: Uint8Array, owned: boolean): boolean;
  /** Waits until every file taken is written; rejects with the first failure (an errno error, as fs throws). */
  settle(): Promise<void>;
  /** Ends the helper thread (after settle, or to give up). */
  stop(): Promise<void>;
}

/** A helper thread for the writes, or undefined where it cannot run (from the TypeScript sources). */
export function startBackgroundWrites(): BackgroundWrites | undefined {
  if (!existsSync(fileURLToPath(WORKER))) return undefined;
  const shared = new Int32Array(new SharedArrayBuffer(8));
  // Not the process's flags: some are refused in a worker (--input-type), and none is needed there.
  const worker = new Worker(WORKER, { workerData: shared.buffer, execArgv: [] });
  // Only a settle keeps the process alive for it: a run that ends another way must not hang here.
  worker.unref();
  let posted = 0;
  let acknowledged = 0;
  let failure: WriteFailure | undefined;
  let crashed: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on("message", (report: WriteReport) => {
    if (report.kind === "failed") failure ??= report.error;
    else acknowledged++;
    wake?.();
  });
  let stopping = false;
  const lost = (error: Error) => {
    crashed ??= error;
    Atomics.store(shared, 1, 1);
    wake?.();
  };
  worker.on("error", lost);
  // Ended by anything but stop(), with writes unacknowledged: settle must not wait for them forever.
  worker.on("exit", (code) => {
    if (!stopping) lost(new Error(`the thread writing the files ended (exit code ${code}) before it was done`));
  });

  let paths: string[] = [];
  let parts: Uint8Array[] = [];
  let size = 0;
  let scheduled = false;
  const post = (batch: WriteBatch, transfer: ArrayBuffer[]) => {
    worker.postMessage(batch, transfer);
    posted++;
  };
  const flush = () => {
    scheduled = false;
    if (paths.length === 0) return;
    const bytes = new Uint8Array(size);
    const ends: number[] = [];
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
      ends.push(at);
    }
    post({ paths, ends, bytes }, [bytes.buffer]);
    paths = [];
    parts = [];
    size = 0;
  };

  return {
    offer(path, bytes, owned) {
      if (Atomics.load(shared, 1) !== 0 || Atomics.load(shared, 0) + bytes.length > MAX_PENDING) return false;
      Atomics.add(shared, 0, bytes.length);
      if (bytes.length >= MOVE_AT) {
        // Moved when nothing else holds it and it is its buffer's only view; else copied once.
        const alone = owned && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
        const moved = alone ? bytes : bytes.slice();
        post({ paths: [path], ends: [moved.length], bytes: moved }, [moved.buffer as ArrayBuffer]);
        return true;
      }
      paths.push(path);
      parts.push(bytes);
      size += bytes.length;
      if (size >= BATCH_BYTES || paths.length >= BATCH_FILES) flush();
      else if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
      return true;
    },
    async settle() {
      flush();
      worker.ref();
      try {
        while (acknowledged < posted && crashed === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        worker.unref();
      }
      if (crashed !== undefined) throw crashed;
      if (failure !== undefined) throw Object.assign(new Error(failure.message), failure);
    },
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
