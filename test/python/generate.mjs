// Generates the Python package of each catalog given, with the built CLI's modules (dist/), so the
// tests need no other target: node test/python/generate.mjs <out-dir> <catalog> [<package>] ...
// Prints one JSON line per catalog: {catalog, dir, diagnostics}.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkCatalogText } from "../../dist/catalog/index.js";
import { runTargets } from "../../dist/pipeline.js";
import { pythonTarget } from "../../dist/python/target.js";

const [out, ...args] = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const catalog = args[i];
  const pkg = args[i + 1];
  const { model, diagnostics } = checkCatalogText(catalog, readFileSync(catalog, "utf8"));
  const problems = diagnostics.map((d) => `${d.rule ?? ""}: ${d.message}`);
  if (model) {
    for (const rule of pythonTarget.rules ?? []) rule.check(model, (_at, message) => problems.push(`${rule.id}: ${message}`));
  }
  let dir = null;
  if (model && problems.length === 0) {
    const options = pythonTarget.parseOptions(pkg && pkg !== "-" ? { package: pkg } : {});
    const [{ files }] = await runTargets(model, "0.0.0-test", [{ target: pythonTarget, options, dir: "" }]);
    dir = join(out, String(i / 2));
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents);
    }
  }
  process.stdout.write(`${JSON.stringify({ catalog, dir, diagnostics: problems })}\n`);
}
