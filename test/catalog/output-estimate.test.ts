/**
 * The output estimate validate enforces its limits with: for catalogs of different shapes, each file it
 * names is no smaller than generate writes it, and the whole is not so loose that it refuses catalogs
 * that would generate (at most twice what is written).
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { estimateOutput, type EstimatedEntry } from "../../generators/catalog/output-estimate.js";
import { repoRoot, runErrcat } from "../support/cli.js";

let work: string;
beforeAll(async () => void (work = await mkdtemp(join(tmpdir(), "errcat-estimate-"))));
afterAll(() => rm(work, { recursive: true, force: true }));

const words = (n: number, seed: number, extra = "") => Array.from({ length: n }, (_, i) => ["alpha", "bravo", `café${extra}`, "delta", "echo"][(i + seed) % 5]).join(" ");

/** Shapes: long messages with quotes and non-ASCII text; several placeholders with long examples; long meanings with markup characters. */
const SHAPES: Record<string, (i: number) => EstimatedEntry & Record<string, unknown>> = {
  "long messages": (i) => ({ id: `entry-${i}`, code: `Code${i}`, message: `Entry ${i} "${words(600, i)}".`, meaning: "M.", fix: "F." }),
  placeholders: (i) => ({
    id: `entry-${i}`, code: `Some.Code${i}`, message: `Entry ${i}: <a> in <b> failed: <c>.`, meaning: "M.", fix: "F.",
    placeholders: ["a", "b", "c"].map((p) => ({ text: p, name: p, description: `The ${p} ${words(20, i)}.`, example: words(40, i) })),
  }),
  "long texts": (i) => ({ id: `entry-${i}`, code: `Code${i}`, message: `Entry ${i} failed.`, meaning: words(500, i, " & <b>"), fix: words(500, i + 1) }),
};

const ROWS: readonly [string, RegExp][] = [
  ["fixtures/index.json", /^fixtures\/index\.json$/],
  ["patterns.json", /^patterns\.json$/],
  ["errors.html", /^errors\.html$/],
  ["python/<service>_errors/__init__.py", /^python\/[a-z0-9]+_errors\/__init__\.py$/],
  ["ERRORS.md", /^ERRORS\.md$/],
  ["java/…/ErrorCode.java", /^java\/.*\/ErrorCode\.java$/],
  ["catalog.json", /^catalog\.json$/],
  ["go/catalog.go", /^go\/catalog\.go$/],
  ["proto/…/errors.proto", /^proto\/.*\/errors\.proto$/],
  ["index.ts", /^index\.ts$/],
];

function sizesUnder(dir: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const full = join(dir, name);
    if (!statSync(full).isFile()) continue;
    const path = relative(dir, full).split("\\").join("/");
    const row = ROWS.find(([, pattern]) => pattern.test(path))?.[0] ?? "(the other files)";
    sizes.set(row, (sizes.get(row) ?? 0) + statSync(full).size);
  }
  return sizes;
}

describe("estimateOutput", () => {
  it.each(Object.keys(SHAPES))("%s: every file at least as large as generated, the whole at most twice", async (shape) => {
    const entries = Array.from({ length: 40 }, (_, i) => ({ ...SHAPES[shape]!(i), number: i + 1, httpStatus: 404, fault: "client", retryable: false }));
    const base = await readFile(join(repoRoot, "test/bad-catalogs/good/base.yaml"), "utf8");
    const file = join(work, `${shape.replace(/ /g, "-")}.yaml`);
    writeFileSync(file, `${base.split("errors:\n")[0]}${stringify({ errors: entries }, { lineWidth: 0 })}`);
    const r = await runErrcat(["generate", "-c", file, "-o", join(work, shape), "--no-docs-sync"]);
    expect(r.code, r.stderr).toBe(0);
    const actual = sizesUnder(join(work, shape, "demo"));
    const estimate = estimateOutput(entries, 2);
    for (const { path, bytes } of estimate.files) expect(bytes, path).toBeGreaterThanOrEqual(actual.get(path) ?? Number.NaN);
    const printed = [...actual].filter(([path]) => path !== "fixtures/index.json").reduce((n, [, bytes]) => n + bytes, 0);
    expect(estimate.printedBytes).toBeLessThanOrEqual(2 * printed);
    expect(estimate.largest.bytes).toBe(Math.max(...estimate.files.slice(0, -1).map((f) => f.bytes)));
  });
});
