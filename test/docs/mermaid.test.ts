/**
 * Every Mermaid diagram errcat writes is read by Mermaid's own parser (the `mermaid` package, in a
 * jsdom window, since it needs a DOM even to parse; happy-dom's loses the text before a `<br>` in
 * Mermaid's sanitizer), and what the parser reads back is what the model says: the same nodes, edges
 * and labels, with catalog text arriving literally whatever it holds.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkCatalogText, loadCatalog } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";
import { handlingDiagram, keyStateDiagram, handlingOf } from "../../generators/markdown/diagrams.js";
import { handlingMermaid, keyStateMermaid, mermaidText } from "../../generators/markdown/mermaid.js";
import { hostileDocsModel } from "./hostile-docs.js";

interface MermaidDiagram {
  readonly type: string;
  readonly db: {
    getVertices?(): Map<string, { id: string; text: string }>;
    getEdges?(): { start: string; end: string; text: string; stroke?: string }[];
    getStates?(): Map<string, { id: string; descriptions: string[] }>;
    getRelations?(): { id1: string; id2: string; relationTitle?: string }[];
  };
}
interface Mermaid {
  initialize(config: object): void;
  parse(text: string): Promise<{ diagramType: string }>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<MermaidDiagram> };
}

async function loadMermaid(): Promise<{ mermaid: Mermaid; close: () => Promise<void> } | string> {
  let jsdom: typeof import("jsdom");
  try {
    jsdom = await import("jsdom");
  } catch {
    return "jsdom is not installed (a devDependency): the Mermaid parser tests are skipped";
  }
  const { window } = new jsdom.JSDOM("<!DOCTYPE html><html><body></body></html>");
  Object.assign(globalThis, { window, document: window.document });
  try {
    const mermaid = (await import("mermaid")).default as unknown as Mermaid;
    mermaid.initialize({ startOnLoad: false });
    return { mermaid, close: async () => window.close() };
  } catch {
    return "mermaid is not installed (a devDependency): the Mermaid parser tests are skipped";
  }
}

const loaded = await loadMermaid();
const skip = typeof loaded === "string" ? loaded : undefined;
if (skip) console.warn(skip);
afterAll(async () => {
  if (typeof loaded !== "string") await loaded.close();
});

/** Mermaid's parser keeps `#NNN;` codes as placeholders until it renders; this is what they render as. */
const decoded = (text: string) => text.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)));

async function read(source: string): Promise<MermaidDiagram> {
  const { mermaid } = loaded as Exclude<typeof loaded, string>;
  await mermaid.parse(source);
  return mermaid.mermaidAPI.getDiagramFromText(source);
}

const kms = await loadCatalog("catalog/kms.yaml");
/**
 * kms.yaml with an edit made to its text and to the text of each layer it lists (kms.sdk.yaml, read
 * from catalog/), so that the variant keeps the overlay's entries and the edit reaches them too.
 */
const variant = (edit: (yaml: string) => string): CatalogModel => {
  const { diagnostics, model } = checkCatalogText("catalog/variant.yaml", edit(readFileSync("catalog/kms.yaml", "utf8")), {
    readLayer: (listed) => ({ file: `catalog/${listed}`, bytes: Buffer.from(edit(readFileSync(`catalog/${listed}`, "utf8"))) }),
  });
  expect(diagnostics).toEqual([]);
  expect(model!.entries.map((e) => e.id)).toEqual(kms.entries.map((e) => e.id));
  return model!;
};
const models: [string, () => CatalogModel][] = [
  ["kms.yaml", () => kms],
  ["the hostile docs catalog", hostileDocsModel],
  ["kms.yaml without key states", () => {
    const m = variant((y) => y.replace(/\n {4}keyState: \w+/g, ""));
    expect(m.entries.filter((e) => e.keyState !== undefined)).toEqual([]);
    return m;
  }],
  ["kms.yaml with nothing retryable", () => {
    // A reason is one line, or a folded block (`>-`) whose lines are indented deeper.
    const m = variant((y) => y.replace(/retryable: true/g, "retryable: false").replace(/\n {4}retryableReason: (?:>-(?:\n {6}.*)+|.*)/g, ""));
    expect(m.entries.filter((e) => e.retryable || e.retryableReason !== undefined)).toEqual([]);
    return m;
  }],
];

describe.skipIf(skip !== undefined)("Mermaid's parser", () => {
  it("reads both diagrams of out/kms/ERRORS.md", async () => {
    const page = readFileSync("out/kms/ERRORS.md", "utf8");
    const blocks = [...page.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
    expect(blocks).toEqual([handlingMermaid(handlingDiagram(kms)), keyStateMermaid(keyStateDiagram(kms)!)]);
    expect((await read(blocks[0]!)).type).toBe("flowchart-v2");
    expect((await read(blocks[1]!)).type).toBe("stateDiagram");
  });

  for (const [name, model] of models) {
    it(`reads the handling flowchart of ${name} as the model's questions and actions`, async () => {
      const m = model();
      const diagram = handlingDiagram(m);
      const read_ = await read(handlingMermaid(diagram));
      const vertices = [...read_.db.getVertices!().values()].map((v) => ({ id: v.id, lines: decoded(v.text).split("<br>") }));
      const actions = [...diagram.questions.map((q) => q.action), diagram.last];
      expect(vertices).toEqual([
        { id: "start", lines: [diagram.start] },
        ...diagram.questions.flatMap((q) => [{ id: q.key, lines: [q.text] }, { id: q.action.key, lines: [q.action.title, ...q.action.lines.map((l) => l.text)] }]),
        { id: diagram.last.key, lines: [diagram.last.title, ...diagram.last.lines.map((l) => l.text)] },
      ]);
      const edges = read_.db.getEdges!().map((e) => `${e.start} -${decoded(e.text)}-> ${e.end}`);
      const chain = diagram.questions.flatMap((q, i) => [`${q.key} -${q.yes}-> ${q.action.key}`, `${q.key} -${q.no}-> ${diagram.questions[i + 1]?.key ?? diagram.last.key}`]);
      expect(edges).toEqual([`start --> ${diagram.questions[0]!.key}`, ...chain, ...(diagram.retryThenSupport ? [`retry -${diagram.retryThenSupport}-> support`] : [])]);
      // Every entry is in the box of its group, by its code (or its status when it has none).
      for (const e of m.entries) {
        const box = actions.find((a) => a.key === handlingOf(e))!;
        expect(box.lines.map((l) => l.text), e.id).toContain(e.code !== undefined ? `${e.code} ${e.httpStatus}` : `${e.httpStatus}, no code`);
      }
    });

    it(`reads the key-state diagram of ${name} as the catalog's states and fixes`, async () => {
      const m = model();
      const diagram = keyStateDiagram(m);
      if (m.entries.every((e) => e.keyState === undefined)) {
        expect(diagram).toBeUndefined();
        return;
      }
      const read_ = await read(keyStateMermaid(diagram!));
      const states = [...read_.db.getStates!().values()].map((s) => ({ id: s.id, descriptions: s.descriptions.map(decoded) }));
      expect(states).toEqual([
        { id: "accepted", descriptions: [diagram!.accepted] },
        ...diagram!.states.map((s) => ({ id: s.key, descriptions: [s.name, ...s.reportedBy.map((r) => r.text)] })),
      ]);
      const relations = read_.db.getRelations!().map((r) => `${r.id1} -${decoded(r.relationTitle ?? "")}-> ${r.id2}`);
      expect(relations).toEqual(diagram!.states.flatMap((s) => s.fixes.map((f) => `${s.key} -${f}-> accepted`)));
      // Each state is named by the catalog's entries, and each of their fixes leaves it.
      for (const e of m.entries.filter((x) => x.keyState !== undefined)) {
        const state = diagram!.states.find((s) => s.name === e.keyState)!;
        expect(state.fixes).toContain(e.fix.split("\n").map((l) => l.trim()).filter(Boolean).join(" "));
      }
    });
  }

  it("reads any text through mermaidText back as that text, in a node, an edge label, a state and a transition", async () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(..."<>\"'#;:|[]{}()%`*_-=&\\/ .,!?\t\n"), fc.constantFrom("-->", "%%", "[*]", "style", "classDef", "#35;", "end", "<br>", "中", "é", "😀"), fc.string({ unit: "grapheme-ascii", maxLength: 3 })), minLength: 1, maxLength: 30 })
      .filter((t) => t.length > 0);
    await fc.assert(fc.asyncProperty(text, async (t) => {
      const label = mermaidText(t);
      const flow = await read(`flowchart TD\n  a["${label}"] -->|${label}| b{"${label}"}`);
      const vertices = [...flow.db.getVertices!().values()].map((v) => decoded(v.text));
      expect(vertices).toEqual([t, t]);
      expect(flow.db.getEdges!().map((e) => decoded(e.text))).toEqual([t]);
      const states = await read(`stateDiagram-v2\n  state "${label}" as s1\n  s1 : ${label}\n  s1 --> s2 : ${label}`);
      expect([...states.db.getStates!().values()][0]!.descriptions.map(decoded)).toEqual([t, t]);
      expect(states.db.getRelations!().map((r) => decoded(r.relationTitle ?? ""))).toEqual([t]);
    }), { numRuns: 300, seed: 19 });
  });
});
