/**
 * The built-in targets, by name, each loaded on demand so that a run pays only for the targets it
 * selects (`errcat validate` loads none). A new built-in target is its folder plus one line here.
 */
import type { Target } from "./define-target.js";

export const BUILTIN_TARGETS: Readonly<Record<string, () => Promise<Target<any>>>> = {
  json: () => import("../json/catalog-json.js").then((m) => m.jsonTarget),
  fixtures: () => import("../fixtures/generator.js").then((m) => m.fixturesTarget),
  regex: () => import("../regex/patterns.js").then((m) => m.regexTarget),
  proto: () => import("../proto/proto-file.js").then((m) => m.protoTarget),
  markdown: () => import("../markdown/errors-md.js").then((m) => m.markdownTarget),
  typescript: () => import("../typescript/target.js").then((m) => m.typescriptTarget),
  python: () => import("../python/target.js").then((m) => m.pythonTarget),
  go: () => import("../go/target.js").then((m) => m.goTarget),
  java: () => import("../java/target.js").then((m) => m.javaTarget),
  html: () => import("../html/target.js").then((m) => m.htmlTarget),
};

/** The targets a plain `errcat generate` runs, in the order their docs sections appear. */
export const DEFAULT_TARGETS: readonly string[] = Object.keys(BUILTIN_TARGETS);
