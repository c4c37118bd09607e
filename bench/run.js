// `npm run bench`: every figure measured side by side in one run, printed as a ratio against a
// baseline measured in the same run (alternating runs, medians), then written to bench/RESULTS.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/** One run of node with `args`, or of `{ command, args, cwd }`; its wall time and peak memory. */
function once(args, env = {}) {
  const command = Array.isArray(args) ? process.execPath : args.command;
  const cwd = Array.isArray(args) ? root : args.cwd;
  const argv = Array.isArray(args) ? args : args.args;
  const started = process.hrtime.bigint();
  const r = spawnSync(command, argv, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && !(env.ERRCAT_BENCH_ALLOW_EXIT ?? "").split(",").includes(String(r.status))) {
    throw new Error(`${command} ${argv.join(" ")} exited ${r.status}:\n${r.stderr}`);
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
  // `before` (untimed) readies a run: e.g. removes the folder it writes.
  const run = (x) => {
    x.before?.();
    return once(x.command ? x : x.args, x.env);
  };
  run(subject); // warm the file cache
  run(baseline);
  for (let i = 0; i < n; i++) {
    const s = run(subject);
    a.push(s.ms);
    rss = Math.max(rss, s.rssMB ?? 0);
    b.push(run(baseline).ms);
  }
  return { subject: median(a), baseline: median(b), ratio: median(a) / median(b), rssMB: rss };
}

const rows = [];
const row = (what, figure, goal, met) => {
  rows.push({ what, figure, goal, met, section });
  console.log(`${met === undefined ? "   " : met ? "ok " : "NO "} ${what}: ${figure}${goal ? `  (goal ${goal})` : ""}`);
};
const fmt = (ms) => `${ms.toFixed(0)} ms`;

console.log(`errcat bench: ${runs} runs each, medians; ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}\n`);

// Baselines preload the same memory probe as the subjects, so the ratio compares like with like.
const nodeZero = { args: ["--import", "./bench/max-rss.mjs", "-e", "0"] };

/**
 * The peer baseline: `buf generate` with protoc-gen-es (target=ts) on the .proto errcat generates for
 * the same catalog, in a scratch buf module. buf runs as its native binary (what a user with buf on
 * PATH runs), the plugin as the npm package's bin script.
 */
function bufBaseline(catalogArgs, label) {
  const arch = process.arch === "x64" ? "x64" : process.arch === "arm64" ? "aarch64" : process.arch;
  const native = join(root, `node_modules/@bufbuild/buf-${process.platform}-${arch}/bin/buf`);
  const plugin = join(root, "node_modules/.bin/protoc-gen-es");
  if (!existsSync(native) || !existsSync(plugin)) return undefined;
  const scratch = join(work, `buf-${label}`);
  once(generate(...catalogArgs, "--only", "proto", "-o", scratch));
  const service = readdirSync(scratch)[0];
  const module = join(scratch, service, "proto");
  writeFileSync(join(module, "buf.gen.yaml"), `version: v2\nplugins:\n  - local: ${JSON.stringify(plugin)}\n    out: ${JSON.stringify(join(scratch, "gen"))}\n    opt: target=ts\n`);
  return { command: native, args: ["generate"], cwd: module };
}

// Sections (ERRCAT_BENCH_ONLY=generate,runtime,languages,other picks some); each run rewrites the
// files of the sections it ran in bench/results/, and bench/RESULTS.md is assembled from all of them.
const SECTIONS = ["generate", "runtime", "languages", "other"];
const only = (process.env.ERRCAT_BENCH_ONLY ?? "").split(",").map((x) => x.trim()).filter(Boolean);
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`ERRCAT_BENCH_ONLY: no section ${name}; the sections are ${SECTIONS.join(", ")}`);
const want = (section) => only.length === 0 || only.includes(section);
let section = "generate";
const rowsOf = (name) => rows.filter((r) => r.section === name);
let profiles = [];
let runtime = "";

if (want("generate")) {
  const kmsBuf = bufBaseline([], "kms");

  const gen = compare({ args: generate("-o", join(work, "out-kms")) }, nodeZero);
  row("generate catalog/kms.yaml (every default target) ÷ node -e 0", `${gen.ratio.toFixed(2)}× (${fmt(gen.subject)} vs ${fmt(gen.baseline)})`, "≤ 4×", gen.ratio <= 4);

  if (kmsBuf) {
    const r = compare({ args: generate("-o", join(work, "out-kms")) }, kmsBuf);
    row("generate catalog/kms.yaml ÷ buf generate + protoc-gen-es on its .proto", `${r.ratio.toFixed(2)}× (${fmt(r.subject)} vs ${fmt(r.baseline)})`, "≤ 0.7×", r.ratio <= 0.7);
  } else {
    row("generate catalog/kms.yaml ÷ buf generate + protoc-gen-es on its .proto", "not measured (buf or protoc-gen-es is not installed)", "≤ 0.7×", undefined);
  }

  // Checks the scratch tree generated above, so work in progress on out/kms does not make it drift.
  const check = compare({ args: errcat("check", "-o", join(work, "out-kms")) }, nodeZero);
  row("check catalog/kms.yaml (with the wire check) ÷ node -e 0", `${check.ratio.toFixed(2)}× (${fmt(check.subject)} vs ${fmt(check.baseline)})`, "≤ 5×", check.ratio <= 5);

  const validate = compare({ args: errcat("validate", "catalog/kms.yaml") }, nodeZero);
  row("validate catalog/kms.yaml ÷ node -e 0", `${validate.ratio.toFixed(2)}× (${fmt(validate.subject)} vs ${fmt(validate.baseline)})`, "≤ 3×", validate.ratio <= 3);

  const sizes = (process.env.ERRCAT_BENCH_SIZES ?? "2500,25000").split(",").map(Number);
  const timings = {};
  for (const size of sizes) {
    const catalog = join(work, `synthetic-${size}.yaml`);
    writeFileSync(catalog, syntheticCatalog(size));
    const n = size > 10000 ? 3 : runs;
    const subject = { args: generate("-c", catalog, "-o", join(work, `out-${size}`)) };
    const peer = bufBaseline(["-c", catalog], String(size));
    const r = compare(subject, peer ?? nodeZero, n);
    timings[size] = r.subject;
    if (size === 25000) {
      row(`generate, synthetic ${size.toLocaleString("en")} entries`, `${fmt(r.subject)}, peak ${r.rssMB.toFixed(0)} MB`, "≤ 6 s, peak RSS ≤ 1 GB", r.subject <= 6000 && r.rssMB <= 1024);
    } else {
      row(`generate, synthetic ${size.toLocaleString("en")} entries`, `${fmt(r.subject)}, peak ${r.rssMB.toFixed(0)} MB`, undefined, undefined);
    }
    if (peer) {
      const goal = size === 25000 ? "≤ 0.25×" : undefined;
      row(`generate, synthetic ${size.toLocaleString("en")} entries ÷ buf generate + protoc-gen-es on its .proto`, `${r.ratio.toFixed(2)}× (${fmt(r.subject)} vs ${fmt(r.baseline)})`, goal, goal === undefined ? undefined : r.ratio <= 0.25);
    }
  }
  // The same 25,000 entries with the fixtures' awkward-value variants off (the `awkwardValues: none`
  // option of the fixtures target), every other target as by default: what a catalog this size can ask for.
  if (sizes.includes(25000)) {
    const targets = ["json", "fixtures", "regex", "proto", "markdown", "typescript", "python", "go", "java", "html"];
    const config = join(work, "errcat.lean-fixtures.yaml");
    writeFileSync(config, [`catalogs: [${JSON.stringify(join(work, "synthetic-25000.yaml"))}]`, "generate:", ...targets.map((t) => `  - target: ${t}${t === "fixtures" ? "\n    options: { awkwardValues: none }" : ""}`), ""].join("\n"));
    const lean = compare({ args: generate("--config", config, "-o", join(work, "out-25000-lean")) }, nodeZero, 3);
    row("generate, synthetic 25,000 entries, fixtures with awkwardValues: none", `${fmt(lean.subject)}, peak ${lean.rssMB.toFixed(0)} MB`, "≤ 6 s, peak RSS ≤ 1 GB", lean.subject <= 6000 && lean.rssMB <= 1024);
    // Two threads (ERRCAT_THREADS=2, not the default: it trades memory for time) against one, alternately.
    const args = generate("-c", join(work, "synthetic-25000.yaml"), "-o", join(work, "out-25000-threads"));
    const two = compare({ args, env: { ERRCAT_THREADS: "2" } }, { args, env: { ERRCAT_THREADS: "1" } }, 3);
    row("generate, synthetic 25,000 entries, ERRCAT_THREADS=2 ÷ one thread", `${two.ratio.toFixed(2)}× (${fmt(two.subject)} vs ${fmt(two.baseline)}), peak ${two.rssMB.toFixed(0)} MB`, undefined, undefined);
    // The runs above regenerate over their own unchanged output (every file compared, none written);
    // this one writes all 12,500 files into a folder that is removed before each run.
    const freshDir = join(work, "out-25000-fresh");
    const fresh = compare(
      { args: generate("-c", join(work, "synthetic-25000.yaml"), "-o", freshDir), before: () => rmSync(freshDir, { recursive: true, force: true }) },
      { args: generate("-c", join(work, "synthetic-25000.yaml"), "-o", join(work, "out-25000")) },
      3,
    );
    row("generate, synthetic 25,000 entries, into an empty folder ÷ over its unchanged output", `${fresh.ratio.toFixed(2)}× (${fmt(fresh.subject)} vs ${fmt(fresh.baseline)}), peak ${fresh.rssMB.toFixed(0)} MB`, undefined, undefined);
  }
  if (timings[25000] !== undefined && timings[2500] !== undefined) {
    const scale = timings[25000] / timings[2500];
    row("time(25,000) ÷ time(2,500)", `${scale.toFixed(2)}`, "≤ 10", scale <= 10);
  }

  // Where the time goes in one generate of each size (ERRCAT_PROFILE prints phases to stderr).
  profiles = [];
  for (const [label, args] of [["catalog/kms.yaml", []], ...sizes.map((n) => [`synthetic ${n.toLocaleString("en")}`, ["-c", join(work, `synthetic-${n}.yaml`)]])]) {
    const r = once(generate(...args, "-o", join(work, "out-profile")), { ERRCAT_PROFILE: "1" });
    const line = /ERRCAT_PROFILE (.*)/.exec(r.stderr ?? "");
    if (line) profiles.push(`${label}: ${line[1]}`);
  }
  for (const p of profiles) console.log(`    phases, ${p}`);

}

section = "runtime";
if (want("runtime")) {
  if (existsSync(join(root, "bench/runtime.mjs"))) {
    console.log("\nruntime (bench/runtime.mjs):");
    const r = spawnSync(process.execPath, ["bench/runtime.mjs"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    runtime = r.stdout;
    process.stdout.write(runtime);
    if (r.status !== 0) process.exitCode = 1;
  }

}

section = "languages";
if (want("languages")) {
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
}

section = "other";
if (want("other")) {
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

}

rmSync(work, { recursive: true, force: true });

/** What was tried on the generate rows (issue 17), measured with ERRCAT_PROFILE phases and CPU profiles. */
const GENERATE_NOTES = [
  "### Levers tried on `generate`",
  "",
  "- Paid: the built-in Handlebars templates are precompiled by the build and run on the Handlebars runtime (the compiler loads only for an override): the markdown, proto and html phases of a KMS generate went from about 60, 15 and 110 ms to 10, 3 and 20 ms.",
  "- Paid: entry notes that are plain text and code spans skip the Markdown parser (one parse per entry and target before); at 2,500 entries the html phase fell from 1.8 s to about 0.3 s.",
  "- Paid: the page's Markdown parser loads only when errors.html is generated, so `validate` does not load it.",
  "- Paid: `check` does not start `buf breaking` when the fresh .proto files are byte for byte the committed ones (nothing can break); about 170 ms of every clean check. A .proto that differs still goes to buf.",
  "- Paid at scale: a quadratic in ERRORS.md (a status's prose re-read for each of its entries, 2.2 s at 25,000) and a regex test per character in Go doc comments (1.1 s at 25,000).",
  "- Did not pay: hashing the manifest from Buffers instead of strings (the same or slower for ordinary strings); esbuild whitespace and syntax minification (within the noise of a shared 2-core machine).",
  "- Paid at scale: fixtures format 3 keeps each body once (base64 in index.json; `.bin` files only with the `bodyFiles: true` option). At 25,000 entries the `.bin` copies were 129,182 of 141,720 files and creating them (`open`) was a third of the CPU profile; the run now writes 12,538 files.",
  "- Paid: index.json is made as bytes, a batch of fixtures per JSON.stringify (the same bytes as one call), instead of one string of hundreds of MB; the fixtures README's table no longer base64-encodes every body a second time; fixture bodies are encoded without loading protobufjs (about 10 ms of every KMS generate).",
  "- An option, not a default: `awkwardValues: code` or `none` on the fixtures target cuts the 25,000-entry fixtures from 129,182 to 87,517 or 25,017 (the row with `awkwardValues: none` above).",
  "- Paid: zod is imported as a namespace (`import * as z`), so esbuild drops its 50 unused locales: the validator's chunk, which every CLI start compiles, went from 755 KB to 201 KB (KMS generate about 3–7 % less CPU in paired runs).",
  "- Paid at scale: the writer locks and stages each output folder before the targets run and takes each target's files as soon as it returns them (hashed while staged, the previous files compared 1 MB at a time), with a full garbage collection between targets once the heap holds over 256 MB; 25,000 entries peaked at about 1.0 GB instead of 2.0 GB, output byte for byte the same.",
  "- Paid at scale: index.json is built into one growing buffer, 32 fixtures per JSON.stringify (each batch's text stays below V8's large-object size and dies young): the fixtures target alone peaked at 0.89 GB instead of 1.26 GB. Joining chunks at the end held the index twice; batches of 200 peaked at 1.07 GB.",
  "- Paid a little: the casings (PascalCase, CONSTANT_CASE, Go's and Python's) are worked out once per distinct text, since every target derives the same entries' names: at 25,000 entries the go phase went from about 1.5 to 1.2 s of CPU and java from 1.75 to 1.55 s.",
  "- Did not pay: esbuild whitespace and syntax minification again (bundle 1.38 MB to 1.05 MB; CPU time within the noise); a resizable ArrayBuffer for the index (Node 20 refuses the maximum size it needs); `--heap-growing-percent`.",
  "- Did not pay: a larger young generation (`--max-semi-space-size=64`): 21.0 s against 21.6 s at 25,000 entries, within the noise; garbage collection stays about 30 % of the profile, from the size of the output held in memory (about 740 MB of files at 25,000 entries).",
  "- Measured, the disk: every second of a run is now in a phase (staging each target's files, the collections between targets, the target rules, the docs sections, opening the stage). At 25,000 entries the `java:stage` phase (creating the Java module's 12,519 files) took from 0.5 s to 7.0 s between runs of the same commit, and the phases of the targets themselves add up to about 14 s. In isolation, 12,500 files of 3 KB took 0.3 s on a quiet disk and 1.9 to 7.3 s right after a 400 MB write, whether written one by one or 16 at a time: creating a file waits while the data written just before is flushed. This disk writes 268 MB/s (`dd … conv=fdatasync`), so the 743 MB of a 25,000-entry run are about 2.8 s of writing on their own: here, 6 s is bounded by the disk as well as by one core's CPU.",
  "- Paid: with a config file, finding which files a catalog extends or overlays read every catalog with the positioned YAML reader (6 to 7 s for a 25,000-entry catalog) right before the loader read it again on its fast path; it now uses the fast reader first. That was why the `awkwardValues: none` row measured slower than the default one (23.3 s then, 13.7 s now, peak 1,111 MB then, 719 MB now).",
  "- Paid at scale: fixtures come from a generator and go into index.json as they are made (only their fields other than the body are kept, for the README), and each batch's text is encoded to UTF-8 once instead of being measured with `Buffer.byteLength` first (about 0.9 s of 3 s at 390 MB): at 25,000 entries `--only fixtures` went from 7.4 s and 997 MB to 6.0–6.3 s and 840–871 MB, output byte for byte the same. (Keeping for the README only the fields its built-in table shows measured 766 MB, but a template override may show any field.)",
  "- Paid a little: `crypto.hash` (Node 20.12 and later) for the fixtures' request ids and the staged files' SHA-256: 47–59 ms against 125–223 ms for the 129,000 request ids.",
  "- Did not pay: a full collection between targets only above 512 MB of heap instead of 256 MB: 16.5–16.9 s against 16.9–19.2 s in the same hour (within the noise), but a peak of 1,017–1,040 MB against 797 MB.",
  "- Paid at scale, for memory: a built-in target can hand the writer a file a chunk at a time, and fixtures/index.json goes to the stage in 1 MB chunks, each compared with the same range of the previous file as it comes, never whole in memory: at 25,000 entries `--only fixtures` peaked at 422–518 MB instead of 840–871 MB, and the whole generate at 600–607 MB instead of 880–898 MB, in the same time.",
  "- An option, not a default: `ERRCAT_THREADS=2` runs some built-in targets on a second thread (the row above): 12.7–13.6 s against about 17.6 s at 25,000 entries when first measured, but a peak of 1.2–1.3 GB, over the 1 GB goal (each thread holds the model and its target's work). Running the fixtures only after the second thread was done measured 16 s and 1.14–1.22 GB; two processes splitting the targets had measured 13.1–13.7 s and 1.6 GB together.",
  "- Paid where files are written: once an output's stage has had 200 files or 16 MB, a helper thread writes its further files (at most 64 MB waiting) while the next targets are made. A fresh 25,000-entry generate (every file written) took 17.6–20.8 s against 20.2–22.7 s without it in alternating runs (medians 17.7 and 21.5 s, 0.82×), peak 650 MB against 594 MB; the row \"into an empty folder\" measures that case, as the other 25,000-entry rows regenerate over unchanged output, which writes nothing. Handing index.json's chunks to the same thread did not pay (18.1–20.7 s against 17.7–18.0 s): the disk, not the main thread, was then the limit.",
  "- Not done: index.json at 25,000 entries is 391 MB, 30 % of it each positive fixture's message, params and request id repeated under `expect` (347 M characters, 244 M without the repeats); a format 4 that leaves out what equals the fixture's own fields would change every language's fixture reader.",
];

/** A Markdown table row in markdownlint's compact style (an empty cell is `| |`). */
const tableRow = (cells) => `|${cells.map((c) => (c === "" ? " " : ` ${c} `)).join("|")}|`;
const table = (list) => [
  "| figure | measured | goal | met |",
  "| --- | --- | --- | --- |",
  ...list.map((r) => tableRow([r.what.replace(/\|/g, "\\|"), r.figure, r.goal ?? "", r.met === undefined ? "" : r.met ? "yes" : "**no**"])),
];

const cpu = cpus()[0]?.model ?? "unknown CPU";
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || "unknown";
const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).stdout.trim() !== "";
const provenance = `Measured at commit ${commit}${dirty ? " with uncommitted changes" : ""} on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}/${process.arch}; ${runs} alternating runs per figure, medians.`;

const sectionText = {
  generate: () => [
    "## Generate, check and validate",
    "",
    provenance,
    "",
    ...table(rowsOf("generate")),
    "",
    "### Where the time goes in `generate`",
    "",
    ...profiles.map((p) => `- ${p}`),
    "",
    ...GENERATE_NOTES,
  ],
  runtime: () => ["## Runtime (bench/runtime.mjs)", "", provenance, "", "```text", runtime.trimEnd(), "```"],
  languages: () => ["## Other languages", "", provenance, "", ...table(rowsOf("languages"))],
  other: () => ["## The mock endpoint and validation", "", provenance, "", ...table(rowsOf("other"))],
};
const resultsDir = join(root, "bench/results");
mkdirSync(resultsDir, { recursive: true });
for (const name of SECTIONS.filter(want)) writeFileSync(join(resultsDir, `${name}.md`), `${sectionText[name]().join("\n")}\n`);

// RESULTS.md: every section's latest run, each saying when and where it was measured.
const md = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (or `ERRCAT_BENCH_ONLY=<sections> npm run bench` for some of them). Ratios compare with a baseline measured in the same run.",
  "",
  ...SECTIONS.filter((name) => existsSync(join(resultsDir, `${name}.md`))).map((name) => readFileSync(join(resultsDir, `${name}.md`), "utf8")),
];
writeFileSync(join(root, "bench/RESULTS.md"), md.join("\n"));
console.log(`\nwrote bench/results/{${SECTIONS.filter(want).join(",")}}.md and bench/RESULTS.md`);
