/**
 * Property: for every message pattern and random parameter values, formatting the message and
 * matching it with the generated regex gives back the values, in every dialect whose engine runs
 * here. Cases are sampled up front and sent to each engine as one batch (one process per engine).
 */
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { MessageSegment } from "../../generators/catalog/model.js";
import { compileRegex, formatSegments, valueStops, type Dialect } from "../../generators/regex/dialects.js";
import { re2Problems } from "../../generators/regex/re2-syntax.js";
import { ecmascriptEngine, goEngine, javaEngine, pythonEngine, type Engine, type MatchCase } from "./engines.js";
import { kmsModel, RUNS, SEED, SYNTHETIC, valuesFor } from "./cases.js";

const patterns: { id: string; segments: readonly MessageSegment[] }[] = [
  ...kmsModel().entries.filter((e) => e.message !== undefined).map((e) => ({ id: e.id, segments: e.segments })),
  ...SYNTHETIC,
];

interface Sampled {
  readonly id: string;
  readonly segments: readonly MessageSegment[];
  readonly values: Record<string, string>;
}

function sample(): Sampled[] {
  return patterns.flatMap(({ id, segments }, k) =>
    fc.sample(valuesFor(segments, valueStops(segments)), { numRuns: RUNS, seed: SEED + k }).map((values) => ({ id, segments, values })),
  );
}

function roundTrip(engine: Engine, dialect: Dialect) {
  const sampled = sample();
  const cases: MatchCase[] = sampled.map((s) => ({
    regex: compileRegex(s.segments, dialect),
    input: formatSegments(s.segments, s.values),
    names: Object.keys(s.values),
  }));
  const answers = engine.run(cases);
  expect(answers).toHaveLength(cases.length);
  const failures = sampled.flatMap((s, i) => {
    const answer = answers[i];
    const same = answer !== undefined && Object.keys(s.values).every((n) => answer[n] === s.values[n]);
    return same ? [] : [{ id: s.id, regex: cases[i]!.regex, input: cases[i]!.input, expected: s.values, got: answer ?? "no match" }];
  });
  expect(failures.slice(0, 3), `${failures.length} of ${cases.length} cases failed (seed ${SEED}; replay with ERRCAT_FUZZ_SEED=${SEED})`).toEqual([]);
  return cases.length;
}

/** ECMAScript regexes are written for the u flag; this engine compiles them so. */
const ecmascriptU: Engine = {
  ...ecmascriptEngine(),
  run: (cases) => cases.map((c) => {
    const m = new RegExp(c.regex, "u").exec(c.input);
    return m ? { ...(m.groups ?? {}) } : undefined;
  }),
};

describe("format then match gives back the values", () => {
  const python = pythonEngine();
  const java = javaEngine();
  const go = goEngine();
  afterAll(() => {
    python.dispose();
    java.dispose();
    go.dispose();
  });

  it("ecmascript (this process, u flag)", () => {
    expect(roundTrip(ecmascriptU, "ecmascript")).toBeGreaterThan(patterns.length);
  });

  it("ecmascript without the u flag, for patterns whose stops are in the BMP", () => {
    const bmpOnly = patterns.every(({ segments }) => [...valueStops(segments).values()].every((c) => c.length === 1));
    expect(bmpOnly).toBe(false); // the synthetic astral stop is the one exception
    const plain = ecmascriptEngine();
    for (const { id, segments } of patterns.filter((p) => [...valueStops(p.segments).values()].every((c) => c.length === 1))) {
      const values = fc.sample(valuesFor(segments, valueStops(segments)), { numRuns: 10, seed: SEED })[0]!;
      const [answer] = plain.run([{ regex: compileRegex(segments, "ecmascript"), input: formatSegments(segments, values), names: Object.keys(values) }]);
      expect(answer, `${id} (seed ${SEED})`).toEqual(values);
    }
  });

  it.skipIf(python.unavailable !== undefined)(`python (python3 re, one process)${python.unavailable ? `: skipped, ${python.unavailable}` : ""}`, () => {
    expect(roundTrip(python, "python")).toBeGreaterThan(patterns.length);
  });

  it.skipIf(java.unavailable !== undefined)(`java (java.util.regex, one JVM)${java.unavailable ? `: skipped, ${java.unavailable}` : ""}`, () => {
    expect(roundTrip(java, "java")).toBeGreaterThan(patterns.length);
  });

  it("re2: no construct RE2 lacks", () => {
    for (const { id, segments } of patterns) expect(re2Problems(compileRegex(segments, "re2")), id).toEqual([]);
  });

  it.skipIf(go.unavailable !== undefined)(`re2 (Go regexp, one process)${go.unavailable ? `: skipped, ${go.unavailable}` : ""}`, () => {
    expect(roundTrip(go, "re2")).toBeGreaterThan(patterns.length);
  });
});

describe("anchoring", () => {
  it("no dialect matches a message with text before or after it", () => {
    const python = pythonEngine();
    const java = javaEngine();
    const go = goEngine();
    try {
      for (const [dialect, engine] of [["ecmascript", ecmascriptU], ["python", python], ["java", java], ["re2", go]] as const) {
        if (engine.unavailable) continue;
        const cases = patterns.flatMap(({ segments }) => {
          const message = formatSegments(segments, {});
          const regex = compileRegex(segments, dialect);
          return [`x${message}`, `${message}\n`, `\n${message}`].map((input) => ({ regex, input, names: [] }));
        });
        // A pattern that starts or ends with a placeholder takes the extra text into that value.
        const answers = engine.run(cases);
        cases.forEach((c, i) => {
          const segments = patterns[Math.floor(i / 3)]!.segments;
          const open = i % 3 === 2 || i % 3 === 0 ? segments[0]!.kind === "placeholder" : segments.at(-1)!.kind === "placeholder";
          expect(answers[i] !== undefined, `${dialect}: ${JSON.stringify(c.input)} against ${c.regex}`).toBe(open);
        });
      }
    } finally {
      python.dispose();
      java.dispose();
      go.dispose();
    }
  });
});
