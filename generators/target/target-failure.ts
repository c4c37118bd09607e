/**
 * A plugin target's own failure: an exception from its generate or docs, or files that break the target
 * contract. It is its author's to fix, so the CLI reports it as the user's (exit 2, no "please report
 * it"), naming the target and the plugin's line that threw; ERRCAT_DEBUG=1 shows the plugin's stack.
 * The same failure in a built-in target stays a bug in errcat.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CatalogError } from "../catalog/diagnostics.js";
import { UsageError } from "../usage-error.js";
import { userFailure } from "../user-failure.js";
import type { CheckReport, Target } from "./define-target.js";
import { isBuiltinTarget } from "./registry.js";

export class TargetFailure extends UsageError {
  override name = "TargetFailure";
}

/** errcat's own code (its generators/ sources, or dist/ as built), whose stack frames are not the plugin's. */
const OWN_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** What to throw for `error`, raised in `target`'s `what` (generate, docs, check, a rule): a TargetFailure for a plugin's, else the error itself. */
export function targetFailure(target: Target<any>, what: string, error: unknown): unknown {
  // What is a sentence already (a refused system call on the user's path, say) stays as it is.
  if (error instanceof CatalogError || userFailure(error) !== undefined || isBuiltinTarget(target)) return error;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const where = error instanceof Error ? pluginFrame(error.stack) : undefined;
  const failure = new TargetFailure(`the plugin target \`${target.name}\` failed in ${what}: ${message}${where === undefined ? "" : ` (${where})`}; fix the plugin (ERRCAT_DEBUG=1 shows its stack)`);
  if (error instanceof Error && error.stack !== undefined) failure.stack = error.stack;
  return failure;
}

/** A TargetFailure for files that break the contract, when `target` is a plugin; an Error (a bug) for a built-in. */
export function contractFailure(target: Target<any>, problem: string): Error {
  if (isBuiltinTarget(target)) return new Error(`target ${target.name} ${problem}`);
  return new TargetFailure(`the plugin target \`${target.name}\` ${problem}: generate returns an array of { path, contents } (contents a string or a Uint8Array), each path relative to the target's folder and returned once`);
}

/** The report a target's check returned, or a TargetFailure (a bug, for a built-in) when it is not one. */
export function checkedReport(target: Target<any>, report: unknown): CheckReport {
  const r = report as { kind?: unknown; problems?: unknown; reason?: unknown } | null;
  const problem = (p: unknown) => {
    const q = p as { path?: unknown; message?: unknown; rule?: unknown } | null;
    return typeof q === "object" && q !== null && typeof q.path === "string" && typeof q.message === "string" && typeof q.rule === "string";
  };
  if (typeof r === "object" && r !== null && ((r.kind === "checked" && Array.isArray(r.problems) && r.problems.every(problem)) || (r.kind === "skipped" && typeof r.reason === "string"))) return r as CheckReport;
  const what = `returned ${preview(report)} from check`;
  if (isBuiltinTarget(target)) throw new Error(`target ${target.name} ${what}`);
  throw new TargetFailure(`the plugin target \`${target.name}\` ${what}: check returns { kind: "checked", problems: [{ path, message, rule, line?, column? }] } or { kind: "skipped", reason }`);
}

/** The first frame of a stack outside errcat's own files, as `file:line:col` relative to the working folder. */
function pluginFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? "").split("\n").slice(1)) {
    const at = /\(?((?:file:\/\/)?\/[^():]+?)(?:\?[^:)]*)?:(\d+):(\d+)\)?$/.exec(line.trim());
    if (at === null) continue;
    const path = at[1]!.startsWith("file://") ? fileURLToPath(at[1]!) : at[1]!;
    if (path.startsWith(OWN_ROOT) || path.startsWith("node:")) continue;
    return `${(relative(process.cwd(), path) || path).split("\\").join("/")}:${at[2]}:${at[3]}`;
  }
  return undefined;
}

/** A value as JSON, cut to its first 80 characters (a file's contents may be megabytes). */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 80 ? text : `${text.slice(0, 80)}…`;
}
