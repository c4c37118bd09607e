/**
 * A scenario scripts what `errcat serve` answers, in order: each request gets the first step whose
 * `when` matches it and that has uses left.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { LineCounter, parseDocument } from "yaml";
import { UsageError } from "../usage-error.js";

const stepSchema = z.strictObject({
  when: z
    .strictObject({
      headers: z.record(z.string(), z.string()).optional(),
      path: z.string().optional(),
    })
    .optional(),
  times: z.number().int().min(1).optional(),
  respond: z.union([
    z.strictObject({ fixture: z.string().min(1) }),
    z.strictObject({
      status: z.number().int().min(100).max(599),
      headers: z.record(z.string(), z.string()).optional(),
      bodyBase64: z.string().optional(),
      body: z.string().optional(),
    }),
  ]),
});

export const scenarioSchema = z.strictObject({ steps: z.array(stepSchema).min(1) });
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioStep = Scenario["steps"][number];

export async function loadScenario(file: string): Promise<Scenario> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new UsageError(`${file}: cannot read the scenario file`);
  });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const { line, col } = lineCounter.linePos(e.pos[0]);
    throw new UsageError(`${file}:${line}:${col}: YAML: ${e.message.split("\n")[0]}`);
  }
  const parsed = scenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    throw new UsageError(`${file}:${line}:${col}: ${path.join(".") || "scenario"}: ${issue.message} (a scenario is \`steps:\` of { when?, times?, respond: { fixture } | { status, headers?, bodyBase64? } })`);
  }
  return parsed.data;
}

/** Picks the step for a request and counts its use; undefined when no step is left for it. */
export function createScenarioCursor(scenario: Scenario) {
  const used = scenario.steps.map(() => 0);
  return (request: { path: string; headers: Readonly<Record<string, string | string[] | undefined>> }): ScenarioStep | undefined => {
    for (const [i, step] of scenario.steps.entries()) {
      if (step.times !== undefined && used[i]! >= step.times) continue;
      if (step.when?.path !== undefined && step.when.path !== request.path) continue;
      const wanted = Object.entries(step.when?.headers ?? {});
      if (!wanted.every(([name, value]) => request.headers[name.toLowerCase()] === value)) continue;
      used[i]! += 1;
      return step;
    }
    return undefined;
  };
}
