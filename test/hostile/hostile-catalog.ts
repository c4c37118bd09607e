/**
 * Hostile catalogs: a small valid catalog (service `hostile`) whose entries a test fills with odd
 * text or names, written as YAML text; and the batch checks of what it generates (tsc --strict in
 * one program, buf build per case in parallel).
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { stringify } from "yaml";
import { findBuf } from "../../generators/proto/breaking.js";
import type { GeneratedFile } from "../../generators/emit/generated-file.js";

export interface HostilePlaceholder {
  readonly text: string;
  readonly name: string;
  readonly description?: string;
  readonly example: string;
}

export interface HostileEntry {
  readonly id: string;
  readonly number?: number;
  readonly httpStatus?: number;
  /** The code; `null` for a codeless entry. */
  readonly code?: string | null;
  readonly message?: string;
  readonly placeholders?: readonly HostilePlaceholder[];
  readonly meaning?: string;
  readonly fix?: string;
  readonly keyState?: string;
  readonly matchBefore?: readonly string[];
}

export interface HostileCatalog {
  readonly serviceName?: string;
  readonly title?: string;
  readonly introduction?: string;
  readonly statusTitle?: string;
  readonly statusText?: string;
  readonly entries: readonly HostileEntry[];
}

export const HOSTILE_STATUSES = [400, 404, 409, 413, 500] as const;

/** The catalog as YAML text: defaults for whatever the case leaves out, entries numbered in order. */
export function hostileCatalogText(catalog: HostileCatalog): string {
  const service = catalog.serviceName ?? "hostile";
  const document = {
    errcat: 1,
    service: {
      name: service,
      title: catalog.title ?? "Hostile API",
      introduction: catalog.introduction ?? "Errors of an API whose catalog tries to break the generators.",
      wire: {
        package: "api",
        message: "Error",
        fields: [
          { name: "StatusCode", number: 1, type: "int32" },
          { name: "ErrorCode", number: 2, type: "string" },
          { name: "ErrorMessage", number: 3, type: "string" },
          { name: "RequestId", number: 4, type: "string" },
        ],
      },
      proto: { package: `errcat.${service}.v1` },
    },
    statuses: HOSTILE_STATUSES.map((httpStatus) =>
      httpStatus === 400
        ? { httpStatus, title: catalog.statusTitle ?? "Bad request", ...(catalog.statusText !== undefined ? { text: catalog.statusText } : {}) }
        : { httpStatus, title: `Status ${httpStatus}` },
    ),
    errors: catalog.entries.map((e, i) => {
      const httpStatus = e.httpStatus ?? 400;
      return {
        id: e.id,
        number: e.number ?? i + 1,
        httpStatus,
        ...(e.code === null ? {} : { code: e.code ?? `Code${i + 1}` }),
        ...(e.code === null ? {} : { message: e.message ?? `Message number ${i + 1}.` }),
        ...(e.placeholders ? { placeholders: e.placeholders.map((p) => ({ text: p.text, name: p.name, description: p.description ?? "A value.", example: p.example })) } : {}),
        meaning: e.meaning ?? "Something went wrong.",
        fix: e.fix ?? "Fix it.",
        ...(e.keyState !== undefined ? { keyState: e.keyState } : {}),
        fault: httpStatus >= 500 ? "server" : "client",
        retryable: httpStatus >= 500,
        ...(e.matchBefore ? { matchBefore: e.matchBefore } : {}),
      };
    }),
  };
  return stringify(document, { lineWidth: 0 });
}

/** 1-based line and column where the value of the nth `key: value` line (value as YAML writes it) starts. */
export function valuePosition(text: string, key: string, value: string, nth = 1): { line: number; column: number } {
  const lines = text.split("\n");
  let seen = 0;
  for (const [i, line] of lines.entries()) {
    const match = new RegExp(`^(\\s*(?:- )?${key}: )(.*)$`).exec(line);
    if (match && match[2] === value && ++seen === nth) return { line: i + 1, column: match[1]!.length + 1 };
  }
  throw new Error(`no line \`${key}: ${value}\` (#${nth}) in the catalog:\n${text}`);
}

/** Writes files under dir (paths relative to it). */
export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
}

/** Strict, standalone compiler options: those patterns.ts (the regex target's) is checked under. */
const strictOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  isolatedModules: true,
  declaration: true,
  skipLibCheck: false,
};

/** The TypeScript target's promise (test/typescript/compilers.ts): strict, plus these, for index.ts and runtime.ts. */
export const strictestOptions: ts.CompilerOptions = {
  ...strictOptions,
  noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true,
  isolatedDeclarations: true,
};

/** Type-checks many files in one program (they are modules: they share nothing); returns the messages per file. */
export function typecheckStrict(files: readonly string[], options: ts.CompilerOptions = strictOptions): Map<string, string[]> {
  const program = ts.createProgram({ rootNames: [...files], options });
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const file = d.file?.fileName;
    const where = d.file && d.start !== undefined ? `${file}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "(program)";
    const list = file !== undefined && byFile.has(file) ? byFile.get(file)! : [...byFile.values()][0]!;
    list.push(`${where}: TS${d.code} ${text}`);
  }
  return byFile;
}

export const buf = findBuf();

/** `buf build` in a proto module directory; resolves with its status and output. */
export function bufBuild(moduleDir: string): Promise<{ status: number; output: string }> {
  if (!buf) return Promise.reject(new Error("buf is not installed"));
  return new Promise((resolve, reject) => {
    const child = spawn(buf.command, [...buf.args, "build", "-o", join(moduleDir, "..", "image.binpb")], { cwd: moduleDir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? -1, output }));
  });
}
