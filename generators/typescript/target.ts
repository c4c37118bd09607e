/**
 * The TypeScript target: out/<service>/runtime.ts, the runtime copied verbatim from
 * generators/typescript/runtime/runtime.ts, and index.ts, the catalog's table, classes, guards and
 * types, which re-exports the service's names. With `emit: "js+dts"` the compiler turns both into ESM
 * JavaScript and declarations, for projects without a TypeScript build.
 */
import { readFileSync } from "node:fs";
import type { CatalogModel } from "../catalog/model.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { defineTarget, readOptions, type CheckReport, type TargetContext, type TargetRule } from "../target/define-target.js";
import { typescriptDocs } from "./docs.js";
import { printIndexFile } from "./index-file.js";
import { RESERVED_WORDS, typescriptNames, UNSAFE_PROPERTY_NAMES } from "./names.js";
import { typescriptSyntax } from "./syntax.js";
import { patternsFile } from "./patterns-file.js";

export type EmitKind = "ts" | "js+dts" | "ts+js+dts";
export type ImportExtension = ".js" | ".ts" | "";

export interface TypescriptOptions {
  /** What files to write: TypeScript sources, ESM JavaScript with declarations, or both. */
  readonly emit: EmitKind;
  /** How index.ts names the runtime in its import: `./runtime.js` (Node ESM), `./runtime.ts` (Deno, Bun, `allowImportingTsExtensions`) or `./runtime` (bundlers). */
  readonly importExtension: ImportExtension;
}

export const RUNTIME_PATH = "runtime.ts";
export const INDEX_PATH = "index.ts";

// The same path from generators/typescript/, dist/typescript/ and dist/bundle/: two folders up is the package.
const RUNTIME_SOURCE = new URL("../../generators/typescript/runtime/runtime.ts", import.meta.url);

let runtimeSource: string | undefined;

/** The runtime's source text, read once per process. */
export function runtimeText(): string {
  return (runtimeSource ??= readFileSync(RUNTIME_SOURCE, "utf8"));
}

export function parseTypescriptOptions(raw: Readonly<Record<string, unknown>>): TypescriptOptions {
  const o = readOptions(raw);
  const emit = o.oneOf<EmitKind>("emit", ["ts", "js+dts", "ts+js+dts"], "ts");
  const importExtension = o.oneOf<ImportExtension>("importExtension", [".js", ".ts", ""], ".js");
  o.done();
  return { emit, importExtension };
}

/** The TypeScript sources: runtime.ts and index.ts. */
export function typescriptSources(ctx: Pick<TargetContext<TypescriptOptions>, "model" | "options" | "file" | "preamble">): GeneratedFile[] {
  const runtime = ctx.file(RUNTIME_PATH, typescriptSyntax).raw(runtimeText()).toFile();
  const index = ctx.file(INDEX_PATH, typescriptSyntax);
  printIndexFile(index, ctx.model, { importExtension: ctx.options.importExtension });
  return [index.toFile(), patternsFile(ctx.model, ctx.preamble), runtime];
}

/** Placeholder names become property names of `params`: JavaScript's reserved words and Object.prototype's members are refused. */
const reservedParamName: TargetRule = {
  id: "reserved-name",
  description: "A placeholder's name is a JavaScript reserved word or an Object.prototype member.",
  fix: "Choose another name for the placeholder, such as `classValue` for `class`.",
  check(model: CatalogModel, report) {
    model.entries.forEach((entry) => {
      entry.placeholders.forEach((p, placeholder) => {
        if (RESERVED_WORDS.has(p.name) || UNSAFE_PROPERTY_NAMES.has(p.name)) {
          report({ entry: entry.id, placeholder, field: "name" }, `\`${p.name}\` is a reserved word in generated code: choose another name, such as \`${p.name}Value\``);
        }
      });
    });
  },
};

export const typescriptTarget = defineTarget<TypescriptOptions>({
  name: "typescript",
  description: "TypeScript error classes and the runtime that classifies responses (index.ts, runtime.ts; or .js + .d.ts)",
  defaultOut: "",
  parseOptions: parseTypescriptOptions,
  names: typescriptNames,
  rules: [reservedParamName],
  async generate(ctx) {
    const sources = typescriptSources(ctx);
    if (ctx.options.emit === "ts") return sources;
    const { emitJsAndDeclarations } = await import("./compiler.js");
    const emitted = emitJsAndDeclarations(sources);
    return ctx.options.emit === "js+dts" ? emitted : [...sources, ...emitted].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
  docs(ctx) {
    return typescriptDocs(ctx.model, ctx.options.emit === "ts" && ctx.options.importExtension === ".ts" ? "./index.ts" : "./index.js");
  },
  // `check --typecheck`: the generated files compile under the strictest options, checked in process.
  async check(ctx): Promise<CheckReport> {
    if (!ctx.typecheck) return { kind: "checked", problems: [] };
    const { typecheckOutput } = await import("./compiler.js");
    const typed = ctx.files.filter((f) => /\.(?:ts|d\.ts)$/.test(f.path));
    return { kind: "checked", problems: typecheckOutput(typed).map((d) => ({ ...d, message: `does not compile: ${d.message}` })) };
  },
});
