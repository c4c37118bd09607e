/**
 * Where the time goes in a run, printed as one `ERRCAT_PROFILE …` line on stderr when the ERRCAT_PROFILE
 * environment variable is set (bench/run.js reads it). Costs nothing otherwise.
 */
const enabled = Boolean(process.env.ERRCAT_PROFILE);
/** Each phase's name, milliseconds, and whether it ran on this thread (the other thread's overlap this one's). */
const phases: [string, number, boolean][] = [];

/** Runs `work`, recording its wall time under `name` when profiling. */
export async function timed<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  if (!enabled) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases.push([name, performance.now() - started, true]);
  }
}

/** Records a phase measured elsewhere (e.g. process start to now, or on the second thread: `onThisThread` false). */
export function record(name: string, ms: number, onThisThread = true): void {
  if (enabled) phases.push([name, ms, onThisThread]);
}

export function profileLine(): string | undefined {
  if (!enabled) return undefined;
  // A phase run several times (the collection between targets) is shown once, with its total.
  const totals = new Map<string, number>();
  for (const [n, ms] of phases) totals.set(n, (totals.get(n) ?? 0) + ms);
  // What no phase covers, from the process's start to now (the phases do not nest).
  totals.set("untimed", performance.now() - phases.reduce((sum, [, ms, here]) => sum + (here ? ms : 0), 0));
  return `ERRCAT_PROFILE ${[...totals].map(([n, ms]) => `${n}=${ms.toFixed(0)}ms`).join(" ")}`;
}
