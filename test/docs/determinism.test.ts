/**
 * The docs are the same bytes on every run, in any time zone and locale: ERRORS.md, errors.html and
 * both diagrams (Mermaid and SVG) of kms.yaml and of the hostile docs catalog, each rendered by a
 * fresh process of the built toolkit under a different TZ and LANG.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { HOSTILE_DOCS_YAML } from "./hostile-docs.js";

const dir = mkdtempSync(join(tmpdir(), "errcat-docs-determinism-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hostile = join(dir, "hostile-docs.yaml");
writeFileSync(hostile, HOSTILE_DOCS_YAML);

const dist = (path: string) => pathToFileURL(join(process.cwd(), "dist", path)).href;
// Prints a sha256 per document; run by a new node process per environment.
const script = `
const { createHash } = await import("node:crypto");
const { loadCatalog } = await import(${JSON.stringify(dist("catalog/index.js"))});
const { generateAll } = await import(${JSON.stringify(dist("pipeline.js"))});
const d = await import(${JSON.stringify(dist("markdown/diagrams.js"))});
const m = await import(${JSON.stringify(dist("markdown/mermaid.js"))});
const s = await import(${JSON.stringify(dist("html/svg.js"))});
const out = {};
for (const file of ["catalog/kms.yaml", ${JSON.stringify(hostile)}]) {
  const model = await loadCatalog(file);
  const files = await generateAll(model, "0.1.0");
  const handling = d.handlingDiagram(model);
  const states = d.keyStateDiagram(model);
  const docs = {
    "ERRORS.md": files.find((f) => f.path === "ERRORS.md").contents,
    "errors.html": files.find((f) => f.path === "errors.html").contents,
    "handling.mmd": m.handlingMermaid(handling),
    "key-states.mmd": m.keyStateMermaid(states),
    "handling.svg": s.handlingSvg(handling),
    "key-states.svg": s.keyStateSvg(states),
  };
  for (const [name, text] of Object.entries(docs)) out[model.service.name + "/" + name] = createHash("sha256").update(text).digest("hex");
}
process.stdout.write(JSON.stringify(out));
`;

function run(env: Record<string, string>): Record<string, string> {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, ...env } });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, string>;
}

describe("docs determinism", () => {
  it("writes the same ERRORS.md, errors.html and diagrams in every time zone and locale", () => {
    const base = run({ TZ: "UTC", LANG: "C", LC_ALL: "C" });
    expect(Object.keys(base)).toHaveLength(12);
    for (const env of [
      { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
      { TZ: "America/St_Johns", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
      { TZ: "Asia/Kolkata", LANG: "ar_EG.UTF-8", LC_ALL: "ar_EG.UTF-8" },
    ]) {
      expect(run(env), JSON.stringify(env)).toEqual(base);
    }
  });
});
