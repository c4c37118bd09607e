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
import type { Target } from "./define-target.js";
import { BUILTIN_TARGETS } from "./registry.js";

export class TargetFailure extends UsageError {
  override name = "TargetFailure";
}

/** errcat's own code (its generators/ sources, or dist/ as built), whose stack frames are not the plugin's. */
const OWN_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Whether `target` is one of errcat's built-in targets (a plugin may take a built-in's name only as its own object). */
export async function isBuiltinTarget(target: Target<any>): Promise<boolean> {
  const load = BUILTIN_TARGETS[target.name];
  return load !== undefined && (await load()) === target;
}

/** What to throw for `error`, raised in `target`'s `what` (generate, docs): a TargetFailure for a plugin's, else the error itself. */
export async function targetFailure(target: Target<any>, what: string, error: unknown): Promise<unknown> {
  // What is a sentence already (a refused system call on the user's path, say) stays as it is.
  if (error instanceof CatalogError || userFailure(error) !== undefined || (await isBuiltinTarget(target))) return error;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const where = error instanceof Error ? pluginFrame(error.stack) : undefined;
  const failure = new TargetFailure(`the plugin target \`${target.name}\` failed in ${what}: ${message}${where === undefined ? "" : ` (${where})`}; fix the plugin (ERRCAT_DEBUG=1 shows its stack)`);
  if (error instanceof Error && error.stack !== undefined) failure.stack = error.stack;
  return failure;
}

/** A TargetFailure for files that break the contract, when `target` is a plugin; an Error (a bug) for a built-in. */
export async function contractFailure(target: Target<any>, problem: string): Promise<Error> {
  if (await isBuiltinTarget(target)) return new Error(`target ${target.name} ${problem}`);
  return new TargetFailure(`the plugin target \`${target.name}\` ${problem}: generate returns an array of { path, contents } (contents a string or a Uint8Array), each path relative to the target's folder and returned once`);
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
