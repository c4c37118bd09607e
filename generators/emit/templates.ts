/**
 * Where the text targets' Handlebars templates come from: the package's templates/ folder, or, for a
 * template of the same name in the config's `templates` folder, the user's override. Targets read
 * through templateText() and recompile when templateGeneration() changes.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";
import { CatalogError } from "../catalog/diagnostics.js";
import { decodeUtf8Strictly } from "../catalog/utf8.js";
import { checkCalls, locateHelperFailures, parseOverride, reportingFailures } from "./template-errors.js";
// The runtime alone: the compiler is loaded only to compile an override (or a template edited since the build).
import HandlebarsRuntime from "handlebars/runtime.js";

const BUILTIN_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

let overrideDir: string | undefined;
let overrideFingerprint = "";
let generation = 0;

/** The built-in templates' names, relative to templates/ (`errors.md.hbs`, `fixtures/README.md.hbs`). */
export function builtinTemplateNames(): string[] {
  return filesUnder(BUILTIN_DIR).sort();
}

function filesUnder(root: string, prefix = ""): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((d) => {
    const name = prefix === "" ? d.name : `${prefix}/${d.name}`;
    return d.isDirectory() ? filesUnder(root, name) : d.name.startsWith(".") ? [] : [name];
  });
}

/**
 * Uses a folder of overrides (or none); returns the names in it that override no built-in template.
 * A new folder, or any change to the files in it, starts a new generation of compiled templates.
 */
export function useTemplateOverrides(dir: string | undefined): string[] {
  const contents = dir === undefined ? "" : overrideContents(dir);
  if (dir !== overrideDir || contents !== overrideFingerprint) {
    overrideDir = dir;
    overrideFingerprint = contents;
    generation += 1;
  }
  return dir === undefined ? [] : unknownOverrides(dir);
}

// The overrides' names and texts: a watcher's next run compares them, as an mtime may not have moved.
function overrideContents(dir: string): string {
  return JSON.stringify(filesUnder(dir).sort().map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

function unknownOverrides(dir: string): string[] {
  const builtin = new Set(builtinTemplateNames());
  return filesUnder(dir).filter((name) => !builtin.has(name)).sort();
}

/** A template's text: the override when the folder has one of that name, else the built-in one. */
export function templateText(name: string): string {
  return templateSource(name).text;
}

/** The text, and for an override the path it is reported at (relative to the working folder). */
function templateSource(name: string): { text: string; override?: string } {
  if (overrideDir !== undefined) {
    const path = join(overrideDir, name);
    if (existsSync(path) && statSync(path).isFile()) {
      // Read leniently, an invalid byte would reach the generated docs as U+FFFD.
      const shown = (relative(process.cwd(), path) || path).split("\\").join("/");
      const decoded = decodeUtf8Strictly(shown, readFileSync(path), "save the template override as UTF-8, since its text is copied into the output");
      if ("diagnostic" in decoded) throw new CatalogError([decoded.diagnostic]);
      return { text: decoded.text, override: shown };
    }
  }
  return { text: readFileSync(join(BUILTIN_DIR, name), "utf8") };
}

/** Changes whenever the overrides do, so a target can keep compiled templates until then. */
export function templateGeneration(): number {
  return generation;
}

/** A private Handlebars environment (helpers and partials of one target only) that runs compiled templates. */
export function templateEnvironment(): typeof Handlebars {
  return (HandlebarsRuntime as unknown as typeof Handlebars).create();
}

/** How each built-in template is compiled; the build precompiles them with these same options. */
const COMPILE_OPTIONS: Readonly<Record<string, CompileOptions>> = {
  "errors.md.hbs": { noEscape: true, preventIndent: true },
  "error-table.md.hbs": { noEscape: true, preventIndent: true },
  "entry-details.md.hbs": { noEscape: true, preventIndent: true },
  "errors.html.hbs": { preventIndent: true },
  "errors.proto.hbs": { noEscape: true, strict: true, preventIndent: true },
  "fixtures/README.md.hbs": { noEscape: true, strict: true },
};

type CompileOptions = Parameters<typeof Handlebars.precompile>[1];
type TemplateSpec = Parameters<typeof Handlebars.template>[0];

// Written by the build beside the bundle (dist/bundle/); from dist/emit/ the same URL reaches it.
const PRECOMPILED = new URL("../bundle/templates.precompiled.cjs", import.meta.url);
const load = createRequire(import.meta.url);
let precompiled: Readonly<Record<string, { source: string; spec: TemplateSpec }>> | undefined;

/**
 * A template (the override of that name, else the built-in one) bound to `hbs`. A built-in template
 * runs as the build precompiled it, while its text is still what the build read; anything else is
 * compiled now, with the same options.
 */
export function compileTemplate(hbs: typeof Handlebars, name: string): Handlebars.TemplateDelegate {
  const options = COMPILE_OPTIONS[name];
  if (options === undefined) throw new Error(`no compile options for template ${name}`);
  const { text, override } = templateSource(name);
  if (override !== undefined) return compileOverride(hbs, override, text, options);
  precompiled ??= existsSync(fileURLToPath(PRECOMPILED)) ? load(fileURLToPath(PRECOMPILED)) : {};
  const built = precompiled![name];
  if (built !== undefined && built.source === text) return hbs.template(built.spec);
  return hbs.template(specOf(text, options));
}

/**
 * The user's template: its syntax, helpers and partials checked against `hbs` first (call it once
 * the target has registered them), and its failures reported at its file, line and column.
 */
function compileOverride(hbs: typeof Handlebars, file: string, text: string, options: CompileOptions): Handlebars.TemplateDelegate {
  const ast = parseOverride(compiler(), file, text);
  checkCalls(file, ast, hbs);
  locateHelperFailures(hbs);
  return reportingFailures(file, hbs.template(specOf(ast, options)));
}

const compiler = () => load("handlebars") as typeof Handlebars;

/** Compiles template text (or its parsed tree) to a spec with the full Handlebars (the same compiler `compile` uses). */
function specOf(input: string | hbs.AST.Program, options: CompileOptions): TemplateSpec {
  // precompile returns the spec as JavaScript source (an object literal), as the build writes it.
  return new Function(`return ${compiler().precompile(input, options)};`)() as TemplateSpec;
}

/** The build's step: every built-in template precompiled into `out` (a CommonJS module), with its source text. */
export function writePrecompiledTemplates(out: string = fileURLToPath(PRECOMPILED)): void {
  const names = builtinTemplateNames().filter((n) => COMPILE_OPTIONS[n] !== undefined);
  const body = names.map((n) => {
    const source = readFileSync(join(BUILTIN_DIR, n), "utf8");
    return `  ${JSON.stringify(n)}: { source: ${JSON.stringify(source)}, spec: ${compiler().precompile(source, COMPILE_OPTIONS[n])} },`;
  });
  writeFileSync(out, `// The built-in Handlebars templates, precompiled by the build (generators/emit/templates.ts).\n"use strict";\nmodule.exports = {\n${body.join("\n")}\n};\n`);
}
