/**
 * What only a compiler can do for the TypeScript target: emit ESM `.js` plus `.d.ts` from the
 * generated sources (emit: "js+dts"), and type-check them in process. ts-morph is loaded here
 * alone, and this module only on demand, so a plain `ts` generate never pays for it.
 */
import { Project, ts, type CompilerOptions } from "ts-morph";
import type { GeneratedFile } from "../emit/generated-file.js";

/** The options the output is promised to compile under (test/typescript checks them with TypeScript 5.x and 6.x). */
export const STRICTEST_OPTIONS: CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  isolatedDeclarations: true,
  declaration: true,
  newLine: ts.NewLineKind.LineFeed,
};

const ROOT = "/errcat-output/";

function project(files: readonly GeneratedFile[], options: CompilerOptions): Project {
  const p = new Project({ useInMemoryFileSystem: true, compilerOptions: options });
  // Node ESM: the output is a module folder, as a package with "type": "module" would hold it.
  p.getFileSystem().writeFileSync(`${ROOT}package.json`, `{ "type": "module" }\n`);
  for (const f of files) {
    if (!/\.(?:ts|js)$/.test(f.path) || f.path.endsWith(".test.ts")) continue;
    p.createSourceFile(ROOT + f.path, typeof f.contents === "string" ? f.contents : new TextDecoder().decode(f.contents), { overwrite: true });
  }
  return p;
}

/**
 * ESM JavaScript and declarations for the given TypeScript sources, in the same folder layout;
 * relative `.ts` imports become `.js`. Each output file keeps the preamble its source opens with.
 */
export function emitJsAndDeclarations(sources: readonly GeneratedFile[]): GeneratedFile[] {
  const p = project(sources, { ...STRICTEST_OPTIONS, allowImportingTsExtensions: true, rewriteRelativeImportExtensions: true, outDir: ROOT, rootDir: ROOT });
  const problems = diagnosticsOf(p);
  if (problems.length > 0) throw new Error(`the generated TypeScript does not compile, so no JavaScript was emitted:\n${problems.map(formatDiagnostic).join("\n")}`);
  const result = p.emitToMemory();
  const out: GeneratedFile[] = [];
  for (const file of result.getFiles()) {
    const path = file.filePath.slice(ROOT.length);
    const source = sources.find((s) => s.path === path.replace(/\.d\.ts$|\.js$/, ".ts"));
    let text = file.text;
    // Declarations lose the file's leading comment; the preamble must open every generated file.
    const preamble = typeof source?.contents === "string" ? source.contents.split("\n", 1)[0]! : "";
    if (preamble.startsWith("// @generated") && !text.startsWith(preamble)) text = `${preamble}\n${text}`;
    out.push({ path, contents: text });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A problem the type checker found in a generated file. */
export interface OutputDiagnostic {
  /** The file, relative to the output folder. */
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  /** `TS2322` and the like. */
  readonly rule: string;
  readonly message: string;
}

/**
 * Type-checks generated TypeScript (and `.d.ts`) files in process, under the strictest options the
 * output promises; an empty list means they compile. For `errcat check --typecheck`.
 */
export function typecheckOutput(files: readonly GeneratedFile[], options: CompilerOptions = STRICTEST_OPTIONS): OutputDiagnostic[] {
  return diagnosticsOf(project(files, { ...options, noEmit: true }));
}

function diagnosticsOf(p: Project): OutputDiagnostic[] {
  return p.getPreEmitDiagnostics().map((d) => {
    const file = d.getSourceFile();
    const start = d.getStart();
    const position = file && start !== undefined ? file.getLineAndColumnAtPos(start) : undefined;
    const message = d.getMessageText();
    return {
      path: file ? file.getFilePath().slice(ROOT.length) : "",
      ...(position ? { line: position.line, column: position.column } : {}),
      rule: `TS${d.getCode()}`,
      message: typeof message === "string" ? message : ts.flattenDiagnosticMessageText(message.compilerObject, "\n"),
    };
  });
}

function formatDiagnostic(d: OutputDiagnostic): string {
  return `${d.path}${d.line !== undefined ? `:${d.line}:${d.column}` : ""}: ${d.rule} ${d.message}`;
}
