/**
 * The TypeScript compilers the generated output must satisfy: the project's own (6.x) and a 5.x
 * installed once into .cache/ (gitignored) with npm. Without the registry the 5.x one is skipped, saying why.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Compiler {
  readonly label: string;
  /** The path of its tsc script, or undefined with the reason it is missing. */
  readonly tsc: string | undefined;
  readonly skipped?: string;
}

const ROOT = process.cwd();
const TS5_DIR = join(ROOT, ".cache", "typescript-5");
const TS5_TSC = join(TS5_DIR, "node_modules", "typescript", "bin", "tsc");

let ts5: Compiler | undefined;

/** TypeScript 5.x, installed on first use. */
export function typescript5(): Compiler {
  if (ts5) return ts5;
  if (!existsSync(TS5_TSC)) {
    mkdirSync(TS5_DIR, { recursive: true });
    writeFileSync(join(TS5_DIR, "package.json"), `{ "private": true, "description": "TypeScript 5.x for errcat's compile tests" }\n`);
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--no-package-lock", "typescript@5"], { cwd: TS5_DIR, encoding: "utf8", timeout: 180_000 });
    if (r.status !== 0 || !existsSync(TS5_TSC)) {
      ts5 = { label: "TypeScript 5.x", tsc: undefined, skipped: `npm could not install typescript@5 (${(r.stderr || r.error?.message || "").trim().split("\n").at(-1) ?? "no output"})` };
      return ts5;
    }
  }
  const version = spawnSync(process.execPath, [TS5_TSC, "--version"], { encoding: "utf8" }).stdout.trim();
  ts5 = { label: `TypeScript 5.x (${version})`, tsc: TS5_TSC };
  return ts5;
}

/** The project's TypeScript (6.x). */
export function typescript6(): Compiler {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim();
  return { label: `TypeScript 6.x (${version})`, tsc };
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
  const r = spawnSync(process.execPath, [compiler.tsc!, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", timeout: 300_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
