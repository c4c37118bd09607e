/**
 * The Mermaid diagrams rendered once by Mermaid itself in headless Chromium, from the copy in
 * node_modules loaded by a file:// page (nothing from the network): each renders without an error,
 * shows every label of the model literally, and its screenshot is a PNG with something drawn in it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import { handlingDiagram, keyStateDiagram } from "../../generators/markdown/diagrams.js";
import { handlingMermaid, keyStateMermaid } from "../../generators/markdown/mermaid.js";
import { chromiumSkipReason, launchChromium, pngStats, screenshotDir, type Browser } from "./chromium.js";
import { hostileDocsModel } from "./hostile-docs.js";

function mermaidScript(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
  } catch {
    return undefined;
  }
}

const script = mermaidScript();
const skip = chromiumSkipReason ?? (script === undefined ? "mermaid is not installed (a devDependency): the Mermaid render test is skipped" : undefined);
if (skip !== undefined && chromiumSkipReason === undefined) console.warn(skip);

const kms = await loadCatalog("catalog/kms.yaml");

/** Each diagram with the lines of text a reader must see in it. */
function diagrams(name: string, model: CatalogModel): { name: string; source: string; texts: string[] }[] {
  const handling = handlingDiagram(model);
  const states = keyStateDiagram(model)!;
  return [
    {
      name: `${name}-handling`,
      source: handlingMermaid(handling),
      texts: [handling.start, ...handling.questions.flatMap((q) => [q.text, q.yes, q.no, q.action.title, ...q.action.lines.map((l) => l.text)]), handling.last.title, ...handling.last.lines.map((l) => l.text)],
    },
    {
      name: `${name}-key-states`,
      source: keyStateMermaid(states),
      texts: [states.accepted, ...states.states.flatMap((s) => [s.name, ...s.reportedBy.map((r) => r.text), ...s.fixes])],
    },
  ];
}

describe.skipIf(skip !== undefined)("Mermaid in headless Chromium", () => {
  let browser: Browser;
  let dir: string;
  const problems: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "errcat-mermaid-"));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, model] of [["kms", () => kms], ["hostile", hostileDocsModel]] as const) {
    it(`renders the diagrams of ${name === "kms" ? "kms.yaml" : "the hostile docs catalog"} to non-empty PNGs showing every label`, async () => {
      const page = await browser.context.newPage();
      page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
      page.on("pageerror", (e) => void problems.push(String(e)));
      await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (problems.push(`request ${route.request().url()}`), route.abort())));
      const html = join(dir, `${name}.html`);
      writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${pathToFileURL(script!).href}"></script></head><body></body></html>`);
      await page.goto(pathToFileURL(html).href);
      await page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
      for (const d of diagrams(name, model())) {
        const text = await page.evaluate(async ([id, source]) => {
          const { svg } = await (window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid.render(id!, source!);
          const box = document.createElement("div");
          box.id = `${id}-box`;
          box.style.display = "inline-block";
          box.innerHTML = svg;
          document.body.append(box);
          // Each label's lines, as the reader sees them (one text per line of a label).
          return [...box.querySelectorAll("p, span, tspan, text")].map((el) => el.textContent ?? "");
        }, [d.name, d.source] as const);
        const joined = text.join("\n");
        for (const t of d.texts) expect(joined, `${d.name}: ${t}`).toContain(t);
        const png = await page.locator(`#${d.name}-box`).screenshot({ path: join(screenshotDir(), `mermaid-${d.name}.png`) });
        const stats = pngStats(png);
        expect(stats.width * stats.height, d.name).toBeGreaterThan(100 * 100);
        // Boxes, arrows and text: a good part of the image is not background.
        expect(stats.drawn / (stats.width * stats.height), d.name).toBeGreaterThan(0.02);
      }
      // A catalog's markup is text: nothing it holds became an element.
      expect(await page.locator("svg b, svg img, svg script").count()).toBe(0);
      await page.close();
      expect(problems).toEqual([]);
    });
  }
});
