/**
 * How many runs the fuzz tests make, and how a failure is replayed. `npm test` makes a bounded
 * number (ERRCAT_FUZZ_RUNS unset); `npm run fuzz` sets ERRCAT_FUZZ_RUNS=100000. A failure prints
 * the seed and path that reproduce it: ERRCAT_FUZZ_SEED=… ERRCAT_FUZZ_PATH=… npx vitest run test/fuzz
 */
import fc from "fast-check";

const DEFAULT_RUNS = 2000;

function envInteger(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}=${text} is not a whole number`);
  return value;
}

/** The runs of the cheapest properties; costlier ones take a fraction of it. */
export const FUZZ_RUNS: number = Math.max(1, envInteger("ERRCAT_FUZZ_RUNS") ?? DEFAULT_RUNS);

const seed = envInteger("ERRCAT_FUZZ_SEED");
const path = process.env.ERRCAT_FUZZ_PATH;

/** A share of FUZZ_RUNS (at least `min`), for properties that cost more per run. */
export function runsFor(share: number, min = 50): number {
  return Math.max(min, Math.round(FUZZ_RUNS * share));
}

/** A vitest timeout for `runs` runs of about `msPerRun` each (with a floor for slow machines). */
export function timeoutFor(runs: number, msPerRun: number): number {
  return Math.max(60_000, Math.ceil(runs * msPerRun * 4));
}

/**
 * Runs a fast-check property `runs` times; on failure throws fast-check's report with the line
 * that replays it.
 */
export async function fuzz<Ts>(property: fc.IRawProperty<Ts>, runs: number): Promise<void> {
  const parameters: fc.Parameters<Ts> = { numRuns: runs, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) };
  const details = await fc.check(property, parameters);
  if (!details.failed) return;
  const replay = `replay with: ERRCAT_FUZZ_SEED=${details.seed} ERRCAT_FUZZ_PATH=${details.counterexamplePath ?? ""} npx vitest run test/fuzz`;
  const cause = details.errorInstance instanceof Error ? details.errorInstance : undefined;
  throw new Error(`${fc.defaultReportMessage(details) ?? "property failed"}\n${cause ? `${cause.message}\n` : ""}${replay}`, { cause });
}
