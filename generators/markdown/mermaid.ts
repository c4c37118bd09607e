/**
 * The diagrams as Mermaid source, for ERRORS.md (GitHub and most documentation sites render it). All
 * catalog text goes through `mermaidText`, so no catalog text can be read as Mermaid syntax or HTML.
 */
import type { DiagramLine, HandlingAction, HandlingDiagram, KeyStateDiagram } from "./diagrams.js";

/**
 * Text as the inside of a Mermaid label, read back by Mermaid as exactly that text: letters, digits,
 * inner spaces and plain punctuation stay; every other character, a space at either end, a `:`
 * that does not end a word before a space and a `-` at an end or next to a space become Mermaid's entity code `#NNN;`, which it renders as that
 * character. The words `style` and `classDef` are broken the same way, since Mermaid strips a `;` from
 * any line that has them with a `:` and a `#` (its pre-pass for style statements).
 */
export function mermaidText(text: string): string {
  const chars = [...text];
  const first = chars.findIndex((c) => c !== " ");
  const last = chars.findLastIndex((c) => c !== " ");
  const encoded = chars.map((c, i) => {
    const keep = /^[\p{L}\p{N} .,:'?!/+_-]$/u.test(c) &&
      !(c === " " && (i < first || i > last)) &&
      // A `:` only as prose has it ("codes: 429"): elsewhere Mermaid may take it for a separator.
      !(c === ":" && !(/^[\p{L}\p{N}]$/u.test(chars[i - 1] ?? "") && chars[i + 1] === " ")) &&
      !(c === "-" && (i === 0 || i === chars.length - 1 || /\s/.test(chars[i - 1]!) || /\s/.test(chars[i + 1]!)));
    return keep ? c : `#${c.codePointAt(0)};`;
  });
  return encoded.join("").replace(/(s)(?=tyle)|(c)(?=lassDef)/gi, (c) => `#${c.codePointAt(0)};`);
}

/** The key-state diagram: each state the catalog names, what reports it, and the fixes that leave it. */
export function keyStateMermaid(diagram: KeyStateDiagram): string {
  const lines = ["stateDiagram-v2", "  direction LR", `  state "${mermaidText(diagram.accepted)}" as accepted`];
  for (const state of diagram.states) {
    lines.push(`  state "${mermaidText(state.name)}" as ${state.key}`);
    for (const by of state.reportedBy) lines.push(`  ${state.key} : ${mermaidText(by.text)}`);
  }
  for (const state of diagram.states) {
    for (const fix of state.fixes) lines.push(`  ${state.key} --> accepted${fix.length > 0 ? ` : ${mermaidText(fix)}` : ""}`);
  }
  return lines.join("\n");
}

/** The handling flowchart: the chain of questions, top to bottom, each action to its side. */
export function handlingMermaid(diagram: HandlingDiagram): string {
  const lines = ["flowchart TD", `  start(["${mermaidText(diagram.start)}"])`];
  for (const q of diagram.questions) {
    lines.push(`  ${q.key}{"${mermaidText(q.text)}"}`, `  ${q.action.key}["${actionLabel(q.action)}"]`);
  }
  lines.push(`  ${diagram.last.key}["${actionLabel(diagram.last)}"]`);
  lines.push(`  start --> ${diagram.questions[0]!.key}`);
  diagram.questions.forEach((q, i) => {
    const next = diagram.questions[i + 1]?.key ?? diagram.last.key;
    lines.push(`  ${q.key} -->|${mermaidText(q.yes)}| ${q.action.key}`, `  ${q.key} -->|${mermaidText(q.no)}| ${next}`);
  });
  if (diagram.retryThenSupport !== undefined) lines.push(`  retry -.->|${mermaidText(diagram.retryThenSupport)}| support`);
  return lines.join("\n");
}

function actionLabel(action: HandlingAction): string {
  return [action.title, ...action.lines.map((l: DiagramLine) => l.text)].map(mermaidText).join("<br>");
}
