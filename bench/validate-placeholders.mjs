// Validation in linear time: catalog/kms.yaml with ' <u>' × 200,000 appended to one message (an 800 KB
// catalog), validated beside the same catalog with as much literal text appended instead (' u-u'), in
// one process, alternating, medians. Before the fix each placeholder reprinted the message before it,
// so this took minutes; linear, the two cost about the same. Also prints time per placeholder count
// (25,000 to 200,000): linear scaling doubles the time when the count doubles.
// Prints, last, one JSON line {"name", "ours_ns", "baseline_ns", "ratio", "baseline"}.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { checkCatalogText } = await import(new URL("dist/catalog/index.js", `file://${root}`).href);
const kms = readFileSync(new URL("catalog/kms.yaml", `file://${root}`), "utf8");
const runs = Number(process.env.ERRCAT_BENCH_RUNS ?? 5);

/** kms.yaml with `piece` × n appended to the first entry's message (a plain scalar on one line). */
function catalogWith(piece, n) {
  const at = kms.indexOf("    message: ", kms.indexOf("\nerrors:"));
  const end = kms.indexOf("\n", at);
  return kms.slice(0, end) + piece.repeat(n) + kms.slice(end);
}

function validateNs(text) {
  const started = process.hrtime.bigint();
  const { diagnostics, model } = checkCatalogText("catalog/kms.yaml", text);
  const ns = Number(process.hrtime.bigint() - started);
  if (model !== undefined || diagnostics.length === 0) throw new Error("the bench catalog should be refused (it is over the message limits)");
  return { ns, rules: [...new Set(diagnostics.map((d) => d.rule))].sort().join(", ") };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const placeholders = catalogWith(" <u>", 200_000);
const literal = catalogWith(" u-u", 200_000);
validateNs(placeholders); // warm up
validateNs(literal);
const ours = [];
const base = [];
let rules = "";
for (let i = 0; i < runs; i++) {
  const o = validateNs(placeholders);
  ours.push(o.ns);
  rules = o.rules;
  base.push(validateNs(literal).ns);
}

const scaling = [];
for (const n of [25_000, 50_000, 100_000, 200_000]) {
  const text = catalogWith(" <u>", n);
  scaling.push([n, median(Array.from({ length: 3 }, () => validateNs(text).ns))]);
}
for (const [n, ns] of scaling) console.log(`validate, ${n.toLocaleString("en")} placeholders in one message (${(catalogWith(" <u>", n).length / 1024).toFixed(0)} KB): ${(ns / 1e6).toFixed(0)} ms`);
const growth = scaling.at(-1)[1] / scaling[0][1];
console.log(`time(200,000) ÷ time(25,000): ${growth.toFixed(2)} (linear: 8; quadratic: 64); diagnostics: ${rules}`);

const oursNs = median(ours);
const baseNs = median(base);
console.log(JSON.stringify({
  name: "validate 800 KB placeholder catalog",
  ours_ns: Math.round(oursNs),
  baseline_ns: Math.round(baseNs),
  ratio: Number((oursNs / baseNs).toFixed(3)),
  baseline: `validate of the same catalog with ' u-u' × 200,000 appended instead (literal text of the same length), in-process checkCatalogText, median of ${runs}`,
}));
