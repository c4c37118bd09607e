/**
 * The TypeScript compilers the generated output must satisfy: the project's own (6.x) and 5.x, the
 * devDependency `typescript5` (npm:typescript@~5.9), so both are there after every `npm ci`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Compiler {
  readonly label: string;
  /** The path of its tsc script. */
  readonly tsc: string;
}

const ROOT = process.cwd();

/** A compiler from node_modules/<folder>; a missing one fails the run with the fix, never skips. */
function installed(folder: string, major: string): Compiler {
  const tsc = join(ROOT, "node_modules", folder, "bin", "tsc");
  if (!existsSync(tsc)) throw new Error(`TypeScript ${major}.x is not installed in node_modules/${folder}: run npm ci, which installs it from package.json's devDependencies`);
  const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim();
  if (!version.startsWith(`Version ${major}.`)) throw new Error(`node_modules/${folder} holds ${version || "no working tsc"}, not TypeScript ${major}.x: run npm ci`);
  return { label: `TypeScript ${major}.x (${version})`, tsc };
}

/** TypeScript 5.x. */
export function typescript5(): Compiler {
  return installed("typescript5", "5");
}

/** The project's TypeScript (6.x). */
export function typescript6(): Compiler {
  return installed("typescript", "6");
}

export function compilers(): Compiler[] {
  return [typescript6(), typescript5()];
}

/** The options the generated output promises to compile under. */
export const STRICTEST = {
  strict: true, noEmit: true, target: "ES2022", lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext", types: [],
  noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true, isolatedDeclarations: true, declaration: true, noImplicitOverride: true, skipLibCheck: false,
} as const;

/** Runs tsc on a project folder (with package.json `type: module`) holding the given tsconfig; returns its status and output. */
export function runTsc(compiler: Compiler, dir: string, tsconfig: object): { status: number | null; output: string } {
  writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const r = spawnSync(process.execPath, [compiler.tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", timeout: 300_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
