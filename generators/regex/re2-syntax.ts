/**
 * What RE2 (Go's regexp, Google's RE2, Rust's regex) cannot compile: constructs that need
 * backtracking or that RE2 spells differently. A scanner over the regex source, so escaped
 * characters and class contents are not mistaken for constructs.
 */

export interface Re2Problem {
  readonly offset: number;
  readonly construct: string;
}

/** The constructs of `source` that RE2 lacks; empty when RE2 can compile it as far as this check knows. */
export function re2Problems(source: string): Re2Problem[] {
  const problems: Re2Problem[] = [];
  const add = (offset: number, construct: string) => problems.push({ offset, construct });
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      const next = source[i + 1] ?? "";
      if (/[1-9]/.test(next) && !inClass) add(i, `backreference \\${next}`);
      else if (next === "k" && !inClass) add(i, "named backreference \\k");
      else if (next === "Z") add(i, "\\Z (RE2 has only \\z)");
      else if (next === "G") add(i, "\\G");
      else if (next === "u" || next === "U") add(i, `\\${next} escape (RE2 writes \\x{…})`);
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      if (source[i + 1] === "^") i += 1;
      if (source[i + 1] === "]") i += 1; // a leading ] is literal
      continue;
    }
    if (ch === "(" && source[i + 1] === "?") {
      const rest = source.slice(i + 2);
      if (rest.startsWith("=") || rest.startsWith("!")) add(i, `lookahead (?${rest[0]}`);
      else if (rest.startsWith("<=") || rest.startsWith("<!")) add(i, `lookbehind (?${rest.slice(0, 2)}`);
      else if (rest.startsWith(">")) add(i, "atomic group (?>");
      else if (rest.startsWith("(")) add(i, "conditional (?(");
      else if (rest.startsWith("R") || /^[+-]?\d/.test(rest)) add(i, "recursion");
      continue;
    }
    if ((ch === "+" || ch === "*" || ch === "?" || ch === "}") && source[i + 1] === "+") {
      add(i, `possessive quantifier ${ch}+`);
      i += 1;
    }
  }
  return problems;
}
