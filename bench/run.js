// `npm run bench`: every figure measured side by side in one run, printed as a ratio against a
// baseline measured in the same run (alternating runs, medians), then written to bench/RESULTS.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticCatalog } from "./synthetic.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.env.ERRCAT_BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), "errcat-bench-"));
const errcat = (...args) => ["--import", "./bench/max-rss.mjs", "bin/errcat.js", ...args];
// Generating into scratch folders must not repoint the README's docs regions at them.
const generate = (...args) => errcat("generate", "--no-docs-sync", ...args);

function once(args, env = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && !(env.ERRCAT_BENCH_ALLOW_EXIT ?? "").split(",").includes(String(r.status))) {
    throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  }
  const rss = /ERRCAT_BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? "");
  return { ms, rssMB: rss ? Number(rss[1]) / 1024 : undefined, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs subject and baseline alternately; returns both medians and the subject's peak memory. */
function compare(subject, baseline, n = runs) {
  const a = [];
  const b = [];
  let rss = 0;
  once(subject.args, subject.env); // warm the file cache
  once(baseline.args, baseline.env);
  for (let i = 0; i < n; i++) {
    const s = once(subject.args, subject.env);
    a.push(s.ms);
    rss = Math.max(rss, s.rssMB ?? 0);
    b.push(once(baseline.args, baseline.env).ms);
  }
  return { subject: median(a), baseline: median(b), ratio: median(a) / median(b), rssMB: rss };
}

const rows = [];
const row = (what, figure, goal, met) => {
  rows.push({ what, figure, goal, met });
  console.log(`${met === undefined ? "   " : met ? "ok " : "NO "} ${what}: ${figure}${goal ? `  (goal ${goal})` : ""}`);
};
const fmt = (ms) => `${ms.toFixed(0)} ms`;

console.log(`errcat bench: ${runs} runs each, medians; ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}\n`);

// Baselines preload the same memory probe as the subjects, so the ratio compares like with like.
const nodeZero = { args: ["--import", "./bench/max-rss.mjs", "-e", "0"] };
const tsMorph = { args: ["--import", "./bench/max-rss.mjs", "-e", "import('ts-morph')"] };

const gen = compare({ args: generate("-o", join(work, "out-kms")) }, tsMorph);
row("generate catalog/kms.yaml vs node -e \"import('ts-morph')\"", `${gen.ratio.toFixed(2)}× (${fmt(gen.subject)} vs ${fmt(gen.baseline)})`, "≤ 1.5×", gen.ratio <= 1.5);

const validate = compare({ args: errcat("validate", "catalog/kms.yaml") }, nodeZero);
row("validate catalog/kms.yaml vs node -e 0", `${validate.ratio.toFixed(2)}× (${fmt(validate.subject)} vs ${fmt(validate.baseline)})`, "≤ 3×", validate.ratio <= 3);

const check = compare({ args: errcat("check") }, nodeZero);
row("check vs node -e 0", `${check.ratio.toFixed(2)}× (${fmt(check.subject)} vs ${fmt(check.baseline)})`, undefined, undefined);

const sizes = [2500, 25000];
const timings = {};
for (const size of sizes) {
  const catalog = join(work, `synthetic-${size}.yaml`);
  writeFileSync(catalog, syntheticCatalog(size));
  const n = size > 10000 ? Math.max(3, Math.min(runs, 3)) : runs;
  const r = compare({ args: generate("-c", catalog, "-o", join(work, `out-${size}`)) }, nodeZero, n);
  timings[size] = r.subject;
  const goal = size === 25000 ? "≤ 6 s and ≤ 1.5 GB" : undefined;
  row(`generate, synthetic ${size.toLocaleString("en")} entries`, `${fmt(r.subject)}, peak ${r.rssMB.toFixed(0)} MB`, goal, size === 25000 ? r.subject <= 6000 && r.rssMB <= 1536 : undefined);
}
const scale = timings[25000] / timings[2500];
row("time(25,000) ÷ time(2,500)", `${scale.toFixed(2)}`, "≤ 12 (near-linear)", scale <= 12);

// Where the time goes in one generate of each size (ERRCAT_PROFILE prints phases to stderr).
const profiles = [];
for (const [label, args] of [["catalog/kms.yaml", []], ["synthetic 25,000", ["-c", join(work, "synthetic-25000.yaml")]]]) {
  const r = once(generate(...args, "-o", join(work, "out-profile")), { ERRCAT_PROFILE: "1" });
  const line = /ERRCAT_PROFILE (.*)/.exec(r.stderr ?? "");
  if (line) profiles.push(`${label}: ${line[1]}`);
}
for (const p of profiles) console.log(`    phases, ${p}`);

let runtime = "";
if (existsSync(join(root, "bench/runtime.mjs"))) {
  console.log("\nruntime (bench/runtime.mjs):");
  const r = spawnSync(process.execPath, ["bench/runtime.mjs"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  runtime = r.stdout;
  process.stdout.write(runtime);
  if (r.status !== 0) process.exitCode = 1;
}

// Each language's runtime against that language's official protobuf decode of the same bytes, and the
// other benchmark scripts: each prints one JSON object as its last stdout line.
const external = [
  ["bench/python.sh", "Python from_response ÷ protobuf ParseFromString", 3],
  ["bench/go.sh", "Go FromBody ÷ proto.Unmarshal", 1.5],
  ["bench/java.sh", "Java fromResponse ÷ protobuf-java parseFrom", 1.5],
];
console.log("\nother languages:");
for (const [script, what, goal] of external) {
  if (!existsSync(join(root, script))) continue;
  const r = spawnSync("bash", [script], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  let result;
  try {
    result = JSON.parse(last);
  } catch {
    row(what, `not measured (${script} exited ${r.status}: ${(r.stderr || r.stdout).trim().split("\n").at(-1) ?? ""})`, `≤ ${goal}×`, undefined);
    continue;
  }
  row(what, `${result.ratio.toFixed(2)}× (${result.ours_ns.toFixed(0)} ns vs ${result.baseline_ns.toFixed(0)} ns; baseline: ${result.baseline})`, `≤ ${goal}×`, result.ratio <= goal);
}
for (const script of ["bench/serve.mjs", "bench/validate-placeholders.mjs"]) {
  if (!existsSync(join(root, script))) continue;
  console.log(`\n${script}:`);
  const r = spawnSync(process.execPath, [script], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  try {
    const result = JSON.parse(last);
    const figure = result.figure ?? [result.ratio !== undefined ? `${Number(result.ratio).toFixed(2)}×` : "", result.baseline ? `(baseline: ${result.baseline})` : "", ...Object.entries(result).filter(([k]) => !["name", "figure", "goal", "met", "ratio", "baseline"].includes(k)).map(([k, v]) => `${k}=${typeof v === "number" ? Math.round(v * 100) / 100 : v}`)].filter(Boolean).join(" ");
    // The serve benchmark's ratio is requests per second, ours ÷ a bare node:http server: higher is better.
    const serveGoal = script === "bench/serve.mjs" ? { goal: "≥ 0.8×", met: result.ratio >= 0.8 && result.wrong_answers === 0 } : {};
    row(result.name ?? script, figure, result.goal ?? serveGoal.goal, result.met ?? serveGoal.met);
  } catch {
    row(script, `not measured (exit ${r.status})`, undefined, undefined);
  }
}

rmSync(work, { recursive: true, force: true });

/** A Markdown table row in markdownlint's compact style (an empty cell is `| |`). */
const tableRow = (cells) => `|${cells.map((c) => (c === "" ? " " : ` ${c} `)).join("|")}|`;

const cpu = cpus()[0]?.model ?? "unknown CPU";
const md = [
  "# Benchmark results",
  "",
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}/${process.arch}.`,
  `Written by \`npm run bench\` (${runs} alternating runs per figure, medians). Ratios compare with a baseline measured in the same run.`,
  "",
  "## Whole-process timings",
  "",
  "| figure | measured | goal | met |",
  "| --- | --- | --- | --- |",
  ...rows.map((r) => tableRow([r.what.replace(/\|/g, "\\|"), r.figure, r.goal ?? "", r.met === undefined ? "" : r.met ? "yes" : "**no**"])),
  "",
  "## Where the time goes in `generate`",
  "",
  ...profiles.map((p) => `- ${p}`),
  "",
  "## Runtime",
  "",
  "```text",
  runtime.trimEnd(),
  "```",
  "",
];
writeFileSync(join(root, "bench/RESULTS.md"), md.join("\n"));
console.log("\nwrote bench/RESULTS.md");
