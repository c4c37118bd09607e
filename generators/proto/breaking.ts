/**
 * `errcat check`'s wire check: `buf breaking` of the freshly generated .proto against the one in
 * out/<service>/proto/, with the rules of the generated buf.yaml (WIRE_JSON). A removed value
 * whose number and name are not reserved, or a renumbered field, is a breaking change.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { sameBytes, toBytes, type GeneratedFile } from "../emit/generated-file.js";
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { ERROR_CODE_ENUM, enumValueName } from "../catalog/names.js";

export interface BreakingChange {
  /** The file, relative to out/<service>/, e.g. `proto/errcat/kms/v1/errors.proto`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** The buf rule, e.g. `ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED`. */
  readonly rule: string;
  readonly message: string;
}

export type BreakingReport =
  | { readonly kind: "checked"; readonly changes: readonly BreakingChange[] }
  | { readonly kind: "skipped"; readonly reason: string };

/** How to run buf: the `@bufbuild/buf` package's binary, else `buf` on PATH; undefined when neither works. */
export function findBuf(): { command: string; args: string[] } | undefined {
  const candidates: { command: string; args: string[] }[] = [];
  const require = createRequire(import.meta.url);
  // The platform package's native binary first: it saves starting a node wrapper on every call.
  const arch = process.arch === "x64" ? "x64" : process.arch === "arm64" ? "aarch64" : process.arch;
  for (const [kind, name] of [["native", `@bufbuild/buf-${process.platform}-${arch}/bin/buf`], ["script", "@bufbuild/buf/bin/buf"]] as const) {
    try {
      const resolved = require.resolve(name);
      candidates.push(kind === "native" ? { command: resolved, args: [] } : { command: process.execPath, args: [resolved] });
    } catch {
      // Not installed next to errcat: try the next candidate, then PATH.
    }
  }
  candidates.push({ command: "buf", args: [] });
  return candidates.find((c) => spawnSync(c.command, [...c.args, "--version"], { encoding: "utf8" }).status === 0);
}

/** Runs buf with arguments in a directory; returns its exit status and output. */
export function runBuf(args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const buf = findBuf();
  if (!buf) throw new Error("buf is not installed: install @bufbuild/buf");
  const r = spawnSync(buf.command, [...buf.args, ...args], { cwd, encoding: "utf8" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Compares the generated proto module (`module`: the proto target's files, paths relative to the buf
 * module root) with the one committed at `committed`. Skips, saying why, when nothing is committed yet;
 * a missing buf (`locateBuf` finds none) is a BUF_MISSING change, never a pass.
 */
export async function findBreakingChanges(committed: string, module: readonly GeneratedFile[], released?: readonly GeneratedFile[], locateBuf: () => ReturnType<typeof findBuf> = findBuf): Promise<BreakingReport> {
  if (released === undefined && !existsSync(join(committed, "buf.yaml"))) return { kind: "skipped", reason: `${committed}/buf.yaml does not exist yet (nothing to compare with)` };
  if (module.length === 0) return { kind: "skipped", reason: "no .proto target is generated" };
  // The same .proto files, byte for byte, cannot break each other under any rule: no need to start buf.
  if (sameProtoFiles(module, released ?? protoFilesIn(committed))) return { kind: "checked", changes: [] };
  const buf = locateBuf();
  // buf comes with errcat (@bufbuild/buf): without it the wire check cannot run, which is not a pass.
  if (!buf) return { kind: "checked", changes: [{ path: "buf.yaml", line: 1, column: 1, rule: "BUF_MISSING", message: "buf is not installed, so wire compatibility cannot be checked: reinstall errcat (it depends on @bufbuild/buf), or put buf on PATH" }] };

  const fresh = await mkdtemp(join(tmpdir(), "errcat-breaking-"));
  try {
    const put = async (root: string, files: readonly GeneratedFile[]) => {
      for (const f of files) {
        await mkdir(dirname(join(root, f.path)), { recursive: true });
        await writeFile(join(root, f.path), f.contents);
      }
    };
    await put(join(fresh, "new"), module);
    if (released !== undefined) await put(join(fresh, "old"), released);
    const against = released !== undefined ? join(fresh, "old") : resolve(committed);
    // Run inside the fresh module so buf reports paths relative to its root.
    const r = spawnSync(buf.command, [...buf.args, "breaking", ".", "--against", against, "--error-format", "json"], { cwd: join(fresh, "new"), encoding: "utf8" });
    if (r.status === 0) return { kind: "checked", changes: [] };
    const changes = r.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { path?: string; start_line?: number; start_column?: number; type?: string; message?: string })
      .map((j) => ({
        path: j.path ?? "",
        line: j.start_line ?? 0,
        column: j.start_column ?? 0,
        rule: j.type ?? "",
        message: j.message ?? "",
      }));
    if (changes.length === 0) throw new Error(`buf breaking failed: ${r.stderr || r.stdout}`);
    return { kind: "checked", changes };
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/** The .proto files below a buf module's root, paths relative to it; undefined when it cannot be read. */
function protoFilesIn(root: string): GeneratedFile[] | undefined {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".proto"))
      .map((e) => {
        const path = relative(root, join(e.parentPath, e.name)).split("\\").join("/");
        return { path, contents: readFileSync(join(root, path)) };
      });
  } catch {
    return undefined;
  }
}

/** Whether both sides hold the same .proto files with the same bytes (other files, such as buf.yaml, aside). */
function sameProtoFiles(a: readonly GeneratedFile[], b: readonly GeneratedFile[] | undefined): boolean {
  if (b === undefined) return false;
  const protos = (files: readonly GeneratedFile[]) => new Map(files.filter((f) => f.path.endsWith(".proto")).map((f) => [f.path, toBytes(f.contents)]));
  const left = protos(a);
  const right = protos(b);
  if (left.size !== right.size || left.size === 0) return false;
  for (const [path, bytes] of left) {
    const other = right.get(path);
    if (other === undefined || !sameBytes(bytes, other)) return false;
  }
  return true;
}

/** What `errcat check` says about a finding: a breaking change with how to avoid it, or why the check could not run. */
export function wireProblemMessage(change: BreakingChange): string {
  if (change.rule === "BUF_MISSING") return change.message;
  return `breaking change: ${change.message}: reserve removed numbers and ids in the catalog, never renumber`;
}


/**
 * The entries a buf finding is about, by the enum value numbers and names it quotes (`enum value "2"`,
 * `the name "ERROR_CODE_SERVICE_UNAVAILABLE"`), each named by its id in `after` where it still has one
 * (an entry whose id changed is named by its new id, as the catalog change is). Empty when the finding
 * is not about the ErrorCode enum (a change to the wire message) or quotes no entry's value.
 */
export function entriesOfFinding(message: string, before: CatalogModel, after: CatalogModel): Set<string> {
  // Only the ErrorCode enum's values are entries: a wire field's number may equal an entry's.
  if (!message.includes(`enum "${ERROR_CODE_ENUM}"`)) return new Set();
  const afterIds = new Set(after.entries.map((e) => e.id));
  const afterByNumber = new Map(after.entries.map((e) => [e.number, e.id]));
  // An entry of the released catalog, named as the catalog diff names it.
  const current = (e: CatalogEntry) => (afterIds.has(e.id) ? e.id : afterByNumber.get(e.number) ?? e.id);
  const byToken = new Map<string, Set<string>>();
  const note = (token: string, id: string) => byToken.set(token, (byToken.get(token) ?? new Set()).add(id));
  for (const e of before.entries) {
    note(String(e.number), current(e));
    note(enumValueName(ERROR_CODE_ENUM, e.id), current(e));
  }
  for (const e of after.entries) {
    note(String(e.number), e.id);
    note(enumValueName(ERROR_CODE_ENUM, e.id), e.id);
  }
  const found = new Set<string>();
  for (const [, token] of message.matchAll(/"([^"]*)"/g)) for (const id of byToken.get(token!) ?? []) found.add(id);
  return found;
}
