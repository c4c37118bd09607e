/**
 * A template override is the user's code. When it does not parse, calls a helper or a partial that
 * its target does not have, or fails while it renders, the run reports it at the override's file, line
 * and column as a CatalogError (exit 2, nothing written), never as a bug in errcat.
 */
import type Handlebars from "handlebars";
import { CatalogError, type Diagnostic } from "../catalog/diagnostics.js";

type Compiler = typeof Handlebars;
type Program = hbs.AST.Program;
interface Position {
  readonly line: number;
  /** 0-based, as Handlebars counts. */
  readonly column: number;
}
interface Node {
  readonly type: string;
  readonly loc?: { readonly start: Position };
  readonly [key: string]: unknown;
}
/** What the parser knows when it gives up: the token it last read (jison's hash). */
interface ParseFailure extends Error {
  hash?: { loc?: { first_line: number; first_column: number } };
}

const SYNTAX_FIX = "fix the Handlebars syntax there (an unclosed `{{`, a quote left open, or a block without its `{{/…}}`)";

let parserTuned = false;

/** The override's syntax tree, or its first syntax error at its line and column. */
export function parseOverride(compiler: Compiler, file: string, text: string): Program {
  if (!parserTuned) {
    // The parser's own parseError drops the position it was handed; keep it on the error.
    const parser = (compiler as unknown as { Parser: { parseError(str: string, hash: unknown): never } }).Parser;
    parser.parseError = (str: string, hash: unknown) => {
      throw Object.assign(new Error(str), { hash });
    };
    parserTuned = true;
  }
  try {
    return compiler.parse(text);
  } catch (error) {
    throw new CatalogError([syntaxDiagnostic(file, text, error)]);
  }
}

/**
 * The innermost block still open at the end of `text` (`{{#each}}`, `{{^if}}`, `{{#> layout}}`,
 * `{{#*inline}}`), by a scan of its tags with comments blanked out; undefined when every block closes.
 */
function openBlockAtEnd(text: string): (Position & { sigil: string; name: string }) | undefined {
  const plain = text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (comment) => comment.replace(/[^\n]/g, " "));
  const open: { at: number; sigil: string; name: string }[] = [];
  for (const tag of plain.matchAll(/\{\{~?\s*([#^/])\s*([>*]?)\s*([^\s}~()]+)/g)) {
    const name = tag[3]!;
    if (tag[1] === "/") {
      if (open.length > 0 && open[open.length - 1]!.name === name) open.pop();
    } else open.push({ at: tag.index, sigil: `${tag[1]}${tag[2]}`, name });
  }
  const last = open[open.length - 1];
  if (last === undefined) return undefined;
  const before = text.slice(0, last.at);
  const line = before.split("\n").length;
  return { line, column: last.at - (before.lastIndexOf("\n") + 1), sigil: last.sigil, name: last.name };
}

function syntaxDiagnostic(file: string, text: string, error: unknown): Diagnostic {
  const e = error as ParseFailure & { lineNumber?: number; column?: number };
  const loc = e.hash?.loc;
  const lines = String(e.message).split("\n");
  if (loc !== undefined) {
    // "Parse error on line N:", an excerpt, a caret, then "Expecting …, got 'X'".
    const got = /got '([^']+)'$/.exec(lines[lines.length - 1] ?? "")?.[1];
    if (got === "EOF") {
      // The parser stops at the end: the block left open is where the fix goes.
      const open = openBlockAtEnd(text);
      if (open !== undefined) return { file, line: open.line, column: open.column + 1, rule: "template-syntax", message: `the block \`{{${open.sigil}${open.name}}}\` opened here is never closed: end it with \`{{/${open.name}}}\`` };
    }
    const what = got === "EOF" ? "the template ends inside an open block or tag" : `Handlebars cannot read what follows here${got === undefined ? "" : ` (it found ${got})`}`;
    return { file, line: loc.first_line, column: loc.first_column + 1, rule: "template-syntax", message: `${what}; ${SYNTAX_FIX}` };
  }
  // A block closed by another name, and the like: a Handlebars exception with its position.
  const message = stripPosition(lines[0] ?? "").replace(/^(\S+) doesn't match (\S+)$/, "`{{/$2}}` does not close the open `{{#$1}}` block");
  return { file, line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, rule: "template-syntax", message: `${message}; ${SYNTAX_FIX}` };
}

/**
 * Every helper call and partial in the tree that the target's environment does not have, reported
 * before anything renders (so a typo in a branch that this catalog never takes is found too).
 */
export function checkCalls(file: string, ast: Program, env: Compiler): void {
  const helpers = Object.keys(env.helpers).filter((h) => h !== "helperMissing" && h !== "blockHelperMissing");
  const inline = new Set<string>();
  walk(ast as unknown as Node, (node) => {
    const params = node.params as readonly Node[] | undefined;
    if (node.type === "DecoratorBlock" && (node.path as Node & { original?: string }).original === "inline" && params?.[0]?.type === "StringLiteral") {
      inline.add(String(params[0].value));
    }
  });
  const problems: Diagnostic[] = [];
  walk(ast as unknown as Node, (node) => {
    const at = node.loc?.start ?? { line: 1, column: 0 };
    if (node.type === "MustacheStatement" || node.type === "BlockStatement" || node.type === "SubExpression") {
      const path = node.path as Node & { parts?: string[]; data?: boolean; original?: string };
      const called = node.type === "SubExpression" || (node.params as unknown[]).length > 0 || node.hash !== undefined;
      const simple = path.type === "PathExpression" && path.data !== true && path.parts?.length === 1 && path.original !== "this";
      if (called && simple && !(path.original! in env.helpers)) {
        problems.push({
          file, line: at.line, column: at.column + 1, rule: "template-helper",
          message: `\`${path.original}\` is not a helper of this template's target; use one of: ${helpers.map((h) => `\`${h}\``).join(", ")}`,
        });
      }
    } else if (node.type === "PartialStatement") {
      const name = node.name as Node & { original?: string };
      if (name.type === "PathExpression" && !(name.original! in env.partials) && !inline.has(name.original!)) {
        const known = Object.keys(env.partials);
        problems.push({
          file, line: at.line, column: at.column + 1, rule: "template-partial",
          message: `there is no partial \`${name.original}\` here; ${known.length === 0 ? "this template's target has no partials: define one with {{#*inline \"name\"}}…{{/inline}}" : `use one of: ${known.map((p) => `\`${p}\``).join(", ")}, or define one with {{#*inline "name"}}…{{/inline}}`}`,
        });
      }
    }
  });
  if (problems.length > 0) throw new CatalogError(problems);
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const key in node) {
    if (key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && typeof (value as Node).type === "string";

/** Where a helper was called when it threw (the innermost call): a failure without its own position is reported there. */
const calledAt = new WeakMap<object, Position>();
const TAGGED = Symbol("errcat.locatedHelpers");

/** Makes the environment's helpers remember where in the template a failing call was. */
export function locateHelperFailures(env: Compiler): void {
  const marked = env as Compiler & { [TAGGED]?: boolean };
  if (marked[TAGGED] === true) return;
  marked[TAGGED] = true;
  for (const [name, helper] of Object.entries(env.helpers)) {
    env.helpers[name] = function (this: unknown, ...args: unknown[]) {
      try {
        return (helper as (...a: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        const where = (args[args.length - 1] as { loc?: { start: Position } } | undefined)?.loc?.start;
        if (typeof error === "object" && error !== null && where !== undefined && !calledAt.has(error)) calledAt.set(error, where);
        throw error;
      }
    } as Handlebars.HelperDelegate;
  }
}

/** The template, with a failure while it renders reported at the override's file and the failing place. */
export function reportingFailures(file: string, run: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, options) => {
    try {
      return run(context, options);
    } catch (error) {
      if (error instanceof CatalogError) throw error;
      throw new CatalogError([renderDiagnostic(file, error)]);
    }
  };
}

function renderDiagnostic(file: string, error: unknown): Diagnostic {
  const e = (error instanceof Error ? error : new Error(String(error))) as Error & { lineNumber?: number; column?: number };
  const own = e.lineNumber !== undefined ? { line: e.lineNumber, column: e.column ?? 0 } : undefined;
  const at = own ?? calledAt.get(e);
  const message = stripPosition(e.message);
  const missing = /^"([^"]+)" not defined in /.exec(message);
  const what = missing !== null
    ? `\`${missing[1]}\` is not in this template's view (this template runs in strict mode): use a field that its view has`
    : `the template failed while rendering: ${message}; fix the template${at === undefined ? " (Handlebars gave no position)" : " there"}`;
  return { file, line: at?.line ?? 1, column: (at?.column ?? 0) + 1, rule: "template-render", message: what };
}

/** Handlebars appends " - line:column" to a positioned exception's message. */
const stripPosition = (message: string): string => message.replace(/ - \d+:\d+$/, "");
