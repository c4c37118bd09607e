/**
 * Giving memory back between targets. Once a target's files are in the stage its output is garbage,
 * but V8 sizes its heap by how fast a run allocates, so at 25,000 entries it lets several targets'
 * garbage pile up (past 2 GB) before it collects. A full collection between targets, only once the
 * heap is big, keeps the peak near what one target needs; small catalogs never pay for it.
 */
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Heap in use above which a finished target's garbage is collected at once. */
const THRESHOLD = 256 * 1024 * 1024;

let collect: (() => void) | undefined;

/** Collects garbage now if the heap holds more than THRESHOLD. */
export function reclaimIfLarge(): void {
  if (getHeapStatistics().used_heap_size < THRESHOLD) return;
  if (collect === undefined) {
    // The flag makes `gc` a global of contexts created after it; a new context hands it over.
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
