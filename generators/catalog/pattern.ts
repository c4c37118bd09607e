/**
 * The one parser of message patterns. `The ApiName "<apiname>" is invalid.` becomes
 * [literal, placeholder(apiname), literal]. Every generator reads the segments, never the text.
 *
 * Syntax: `<display text>` is a placeholder; `\<`, `\>` and `\\` are a literal `<`, `>` and `\`.
 */

export type Segment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "placeholder"; readonly text: string };

export interface PatternProblem {
  /** Offset in the pattern string (UTF-16 units) where the problem starts. */
  readonly offset: number;
  readonly message: string;
}

export interface ParsedPattern {
  readonly segments: Segment[];
  readonly problems: PatternProblem[];
}

/** Parses a message pattern. Problems are collected, not thrown, so a validator can report them all. */
export function parsePattern(pattern: string): ParsedPattern {
  const segments: Segment[] = [];
  const problems: PatternProblem[] = [];
  let literal = "";
  let i = 0;
  const flushLiteral = () => {
    if (literal.length > 0) segments.push({ kind: "literal", text: literal });
    literal = "";
  };
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === "<" || next === ">" || next === "\\") {
        literal += next;
        i += 2;
        continue;
      }
      problems.push({
        offset: i,
        message: "a backslash must escape `<`, `>` or `\\`: write `\\\\` for a literal backslash",
      });
      literal += ch;
      i += 1;
      continue;
    }
    if (ch === ">") {
      problems.push({
        offset: i,
        message: "unbalanced `>`: open the placeholder with `<`, or write `\\>` for a literal `>`",
      });
      literal += ch;
      i += 1;
      continue;
    }
    if (ch === "<") {
      const close = findClose(pattern, i + 1);
      if (close.kind === "unclosed") {
        problems.push({
          offset: i,
          message: "unbalanced `<`: close the placeholder with `>`, or write `\\<` for a literal `<`",
        });
        literal += ch;
        i += 1;
        continue;
      }
      if (close.kind === "nested") {
        problems.push({
          offset: close.at,
          message: "`<` inside a placeholder: close the first placeholder with `>` before opening another",
        });
        literal += ch;
        i += 1;
        continue;
      }
      const text = pattern.slice(i + 1, close.at);
      if (text.trim().length === 0) {
        problems.push({ offset: i, message: "empty placeholder `<>`: name it, as in `<key id>`" });
      } else if (text !== text.trim()) {
        problems.push({
          offset: i,
          message: `placeholder \`<${text}>\` has leading or trailing spaces: write \`<${text.trim()}>\``,
        });
      }
      flushLiteral();
      const previous = segments.at(-1);
      if (previous?.kind === "placeholder") {
        problems.push({
          offset: i,
          message: `placeholders \`<${previous.text}>\` and \`<${text}>\` have no literal text between them, so a parser cannot tell where one ends: put text between them`,
        });
      }
      segments.push({ kind: "placeholder", text });
      i = close.at + 1;
      continue;
    }
    literal += ch;
    i += 1;
  }
  flushLiteral();
  return { segments, problems };
}

type Close = { kind: "closed"; at: number } | { kind: "unclosed" } | { kind: "nested"; at: number };

function findClose(pattern: string, from: number): Close {
  for (let j = from; j < pattern.length; j++) {
    const c = pattern[j];
    if (c === ">") return { kind: "closed", at: j };
    if (c === "<") return { kind: "nested", at: j };
    if (c === "\n") return { kind: "unclosed" };
  }
  return { kind: "unclosed" };
}

/** Writes segments back as pattern text (the inverse of parsePattern for a valid pattern). */
export function printPattern(segments: readonly Segment[]): string {
  return segments
    .map((s) => (s.kind === "placeholder" ? `<${s.text}>` : s.text.replace(/[\\<>]/g, (c) => `\\${c}`)))
    .join("");
}

/**
 * Whether some string matches both patterns, where a placeholder matches any text (empty included).
 * A product of the two patterns' automata, searched breadth first: O(|a|·|b|) states.
 */
export function patternsOverlap(a: readonly Segment[], b: readonly Segment[]): boolean {
  const ta = tokens(a);
  const tb = tokens(b);
  const width = tb.length + 1;
  const seen = new Uint8Array((ta.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const state = stack.pop()!;
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === ta.length && j === tb.length) return true;
    const x = ta[i];
    const y = tb[j];
    const push = (ni: number, nj: number) => {
      const s = ni * width + nj;
      if (!seen[s]) {
        seen[s] = 1;
        stack.push(s);
      }
    };
    // A wildcard may stop matching (epsilon) ...
    if (x === WILDCARD) push(i + 1, j);
    if (y === WILDCARD) push(i, j + 1);
    // ... or both sides consume one character.
    if (x !== undefined && y !== undefined) {
      if (x === WILDCARD && y === WILDCARD) continue; // consuming on both loops changes nothing
      if (x === WILDCARD) push(i, j + 1);
      else if (y === WILDCARD) push(i + 1, j);
      else if (x === y) push(i + 1, j + 1);
    }
  }
  return false;
}

const WILDCARD = Symbol("wildcard");

function tokens(segments: readonly Segment[]): (string | typeof WILDCARD)[] {
  const out: (string | typeof WILDCARD)[] = [];
  for (const s of segments) {
    if (s.kind === "placeholder") out.push(WILDCARD);
    else for (const ch of s.text) out.push(ch);
  }
  return out;
}
