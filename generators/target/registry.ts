/**
 * The built-in targets, by name, each loaded on demand so that a run pays only for the targets it
 * selects (`errcat validate` loads none). A new built-in target is its folder plus one line here.
 */
import type { Target } from "./define-target.js";

export const BUILTIN_TARGETS: Readonly<Record<string, () => Promise<Target<any>>>> = {
  json: () => import("../json/catalog-json.js").then((m) => builtin(m.jsonTarget)),
  fixtures: () => import("../fixtures/generator.js").then((m) => builtin(m.fixturesTarget)),
  regex: () => import("../regex/patterns.js").then((m) => builtin(m.regexTarget)),
  proto: () => import("../proto/proto-file.js").then((m) => builtin(m.protoTarget)),
  markdown: () => import("../markdown/errors-md.js").then((m) => builtin(m.markdownTarget)),
  typescript: () => import("../typescript/target.js").then((m) => builtin(m.typescriptTarget)),
  python: () => import("../python/target.js").then((m) => builtin(m.pythonTarget)),
  go: () => import("../go/target.js").then((m) => builtin(m.goTarget)),
  java: () => import("../java/target.js").then((m) => builtin(m.javaTarget)),
  html: () => import("../html/target.js").then((m) => builtin(m.htmlTarget)),
};

/** The built-in targets loaded so far: a target in use is one of these, or a plugin's. */
const loaded = new WeakSet<Target<any>>();

function builtin(target: Target<any>): Target<any> {
  loaded.add(target);
  return target;
}

/** Whether `target` is one of errcat's built-in targets (a plugin may use a built-in's name, not its object). */
export function isBuiltinTarget(target: Target<any>): boolean {
  return loaded.has(target);
}

/** The targets a plain `errcat generate` runs, in the order their docs sections appear. */
export const DEFAULT_TARGETS: readonly string[] = Object.keys(BUILTIN_TARGETS);
