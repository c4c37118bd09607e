/**
 * The diagrams as inline SVG for the HTML page: the same data as ERRORS.md's Mermaid
 * (../markdown/diagrams.ts), laid out here so the page needs no script and no network to show them.
 * Text is set in a monospace font, so its width is known without a browser and the output is the
 * same bytes everywhere. Codes in the boxes link to their entries.
 */
import type { DiagramLine, HandlingAction, HandlingDiagram, HandlingQuestion, KeyStateDiagram } from "../markdown/diagrams.js";
import { escapeHtml } from "./html-escape.js";

const FONT_SIZE = 13;
/** DejaVu Sans Mono and most monospace fonts advance 0.6 em per character. */
const CHAR_WIDTH = FONT_SIZE * 0.6;
const LINE_HEIGHT = 18;
const PAD = 10;

/** Width of text in the diagram's font: wide (East Asian) characters take two cells. */
export function textWidth(text: string): number {
  let cells = 0;
  for (const ch of text) cells += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return cells * CHAR_WIDTH;
}

function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/** A number as SVG writes it: at most one decimal, never `-0`, the same in every locale. */
function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const cx = (b: Box) => b.x + b.w / 2;
const cy = (b: Box) => b.y + b.h / 2;

/** An SVG document fragment with its own marker ids (`prefix`), a title for screen readers, and the drawing. */
function svg(prefix: string, title: string, width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="${prefix}-title">`,
    `<title id="${prefix}-title">${escapeHtml(title)}</title>`,
    `<defs><marker id="${prefix}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker></defs>`,
    ...body,
    "</svg>",
  ].join("\n");
}

function textLine(x: number, y: number, line: DiagramLine, cls: string, anchor: "start" | "middle" = "start"): string {
  const text = `<text x="${n(x)}" y="${n(y)}" class="${cls}"${anchor === "middle" ? ' text-anchor="middle"' : ""}>${escapeHtml(line.text)}</text>`;
  return line.anchor !== undefined ? `<a href="#${escapeHtml(line.anchor)}">${text}</a>` : text;
}

/** A box with a bold first line and the rest below it, left-aligned. */
function linesBox(box: Box, lines: readonly DiagramLine[], cls: string): string[] {
  const out = [`<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="4" class="${cls}"/>`];
  lines.forEach((line, i) => out.push(textLine(box.x + PAD, box.y + PAD + FONT_SIZE + i * LINE_HEIGHT, line, i === 0 ? "title" : "line")));
  return out;
}

function boxSize(lines: readonly DiagramLine[]): { w: number; h: number } {
  return { w: Math.max(...lines.map((l) => textWidth(l.text))) + 2 * PAD, h: lines.length * LINE_HEIGHT + 2 * PAD - (LINE_HEIGHT - FONT_SIZE) };
}

function edge(prefix: string, points: readonly (readonly [number, number])[], dashed = false): string {
  const d = points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${n(x)},${n(y)}`).join("");
  return `<path d="${d}" class="edge${dashed ? " dashed" : ""}" marker-end="url(#${prefix}-arrow)"/>`;
}

function label(x: number, y: number, text: string, anchor: "start" | "middle" = "middle"): string {
  return textLine(x, y, { text }, "label", anchor);
}

const actionLines = (a: HandlingAction): DiagramLine[] => [{ text: a.title }, ...a.lines];

/**
 * The handling flowchart: the start and the questions down the left, each question's action to its
 * right (the `yes` edge, labelled), the last action below the last question.
 */
export function handlingSvg(diagram: HandlingDiagram, prefix = "handling"): string {
  const gapY = 34;
  const diamond = (text: string) => ({ w: textWidth(text) + 64, h: 58 });
  const startSize = { w: textWidth(diagram.start) + 40, h: 36 };
  const questions = diagram.questions.map((q) => ({ q, d: diamond(q.text), a: boxSize(actionLines(q.action)) }));
  const last = boxSize(actionLines(diagram.last));
  const leftW = Math.max(startSize.w, last.w, ...questions.map((x) => x.d.w));
  const yesGap = Math.max(90, ...diagram.questions.map((q) => textWidth(q.yes) + 40));
  const left = 20;
  const axis = left + leftW / 2;
  const right = left + leftW + yesGap;
  const body: string[] = [];

  const start: Box = { x: axis - startSize.w / 2, y: 20, ...startSize };
  body.push(`<rect x="${n(start.x)}" y="${n(start.y)}" width="${n(start.w)}" height="${n(start.h)}" rx="18" class="start"/>`);
  body.push(textLine(axis, cy(start) + FONT_SIZE / 3, { text: diagram.start }, "title", "middle"));

  let y = start.y + start.h + gapY;
  let previous: Box = start;
  let previousQuestion: HandlingQuestion | undefined;
  let width = right;
  const actionBoxes = new Map<string, Box>();
  for (const { q, d, a } of questions) {
    const rowH = Math.max(d.h, a.h);
    const dBox: Box = { x: axis - d.w / 2, y: y + (rowH - d.h) / 2, ...d };
    const aBox: Box = { x: right, y: y + (rowH - a.h) / 2, ...a };
    actionBoxes.set(q.action.key, aBox);
    width = Math.max(width, aBox.x + aBox.w + 20);
    // The edge into this question: from the start, or the previous question's `no`.
    body.push(edge(prefix, [[axis, previous.y + previous.h], [axis, dBox.y]]));
    if (previousQuestion !== undefined) body.push(label(axis + 8, previous.y + previous.h + gapY / 2 + 4, previousQuestion.no, "start"));
    const points = [[cx(dBox), dBox.y], [dBox.x + dBox.w, cy(dBox)], [cx(dBox), dBox.y + dBox.h], [dBox.x, cy(dBox)]];
    body.push(`<path d="M${points.map(([px, py]) => `${n(px!)},${n(py!)}`).join("L")}z" class="question"/>`);
    body.push(textLine(axis, cy(dBox) + FONT_SIZE / 3, { text: q.text }, "title", "middle"));
    body.push(edge(prefix, [[dBox.x + dBox.w, cy(dBox)], [aBox.x, cy(dBox)]]));
    body.push(label((dBox.x + dBox.w + aBox.x) / 2, cy(dBox) - 6, q.yes));
    body.push(...linesBox(aBox, actionLines(q.action), `action ${q.action.key}`));
    previous = dBox;
    previousQuestion = q;
    y += rowH + gapY;
  }
  const lastQuestion = diagram.questions.at(-1)!;
  const lastBox: Box = { x: axis - last.w / 2, y, ...last };
  body.push(edge(prefix, [[axis, previous.y + previous.h], [axis, lastBox.y]]));
  body.push(label(axis + 8, previous.y + previous.h + gapY / 2 + 4, lastQuestion.no, "start"));
  body.push(...linesBox(lastBox, actionLines(diagram.last), `action ${diagram.last.key}`));
  width = Math.max(width, lastBox.x + lastBox.w + 20);

  const retry = actionBoxes.get("retry");
  const support = actionBoxes.get("support");
  if (diagram.retryThenSupport !== undefined && retry && support) {
    const x = retry.x + Math.min(retry.w, support.w) - 24;
    body.push(edge(prefix, [[x, retry.y + retry.h], [x, support.y]], true));
    body.push(label(x + 8, (retry.y + retry.h + support.y) / 2 + 4, diagram.retryThenSupport, "start"));
    width = Math.max(width, x + 8 + textWidth(diagram.retryThenSupport) + 20);
  }
  return svg(prefix, "How to handle an error: a flowchart", width, lastBox.y + lastBox.h + 20, body);
}

/** The key states down the left, the state that allows the operation on the right, each fix an arrow between. */
export function keyStateSvg(diagram: KeyStateDiagram, prefix = "key-states"): string {
  const gapY = 24;
  const fixSpacing = 22;
  const states = diagram.states.map((s) => {
    const lines: DiagramLine[] = [{ text: s.name }, ...s.reportedBy];
    const size = boxSize(lines);
    // Room on the box's right side for one arrow per fix.
    return { s, lines, w: size.w, h: Math.max(size.h, s.fixes.length * fixSpacing + 2 * PAD) };
  });
  const leftW = Math.max(...states.map((s) => s.w));
  const labelW = Math.max(120, ...diagram.states.flatMap((s) => s.fixes.map((f) => textWidth(f))));
  const left = 20;
  const trunk = left + leftW + labelW + 30;
  const accepted = boxSize([{ text: diagram.accepted }]);
  const totalH = states.reduce((sum, s) => sum + s.h, 0) + gapY * (states.length - 1);
  const acceptedBox: Box = { x: trunk + 40, y: 20 + Math.max(0, (totalH - accepted.h) / 2), ...accepted };
  const body: string[] = [];
  let y = 20;
  for (const { s, lines, h } of states) {
    const box: Box = { x: left, y, w: leftW, h };
    body.push(...linesBox(box, lines, "state"));
    s.fixes.forEach((fix, i) => {
      const ey = box.y + (box.h - (s.fixes.length - 1) * fixSpacing) / 2 + i * fixSpacing;
      body.push(edge(prefix, [[box.x + box.w, ey], [trunk, ey], [trunk, cy(acceptedBox)], [acceptedBox.x, cy(acceptedBox)]]));
      if (fix.length > 0) body.push(label(box.x + box.w + 10, ey - 5, fix, "start"));
    });
    y += h + gapY;
  }
  body.push(...linesBox(acceptedBox, [{ text: diagram.accepted }], "state accepted"));
  const height = Math.max(y - gapY, acceptedBox.y + acceptedBox.h) + 20;
  return svg(prefix, "Key states: each arrow is the fix that leaves a state", acceptedBox.x + acceptedBox.w + 20, height, body);
}
