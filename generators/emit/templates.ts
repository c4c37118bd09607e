/**
 * Where the text targets' Handlebars templates come from: the package's templates/ folder, or, for a
 * template of the same name in the config's `templates` folder, the user's override. Targets read
 * through templateText() and recompile when templateGeneration() changes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BUILTIN_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

let overrideDir: string | undefined;
let generation = 0;

/** The built-in templates' names, relative to templates/ (`errors.md.hbs`, `fixtures/README.md.hbs`). */
export function builtinTemplateNames(): string[] {
  return filesUnder(BUILTIN_DIR).sort();
}

function filesUnder(root: string, prefix = ""): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((d) => {
    const name = prefix === "" ? d.name : `${prefix}/${d.name}`;
    return d.isDirectory() ? filesUnder(root, name) : d.name.startsWith(".") ? [] : [name];
  });
}

/** Uses a folder of overrides (or none); returns the names in it that override no built-in template. */
export function useTemplateOverrides(dir: string | undefined): string[] {
  if (dir === overrideDir) return dir === undefined ? [] : unknownOverrides(dir);
  overrideDir = dir;
  generation += 1;
  return dir === undefined ? [] : unknownOverrides(dir);
}

function unknownOverrides(dir: string): string[] {
  const builtin = new Set(builtinTemplateNames());
  return filesUnder(dir).filter((name) => !builtin.has(name)).sort();
}

/** A template's text: the override when the folder has one of that name, else the built-in one. */
export function templateText(name: string): string {
  if (overrideDir !== undefined) {
    const path = join(overrideDir, name);
    if (existsSync(path) && statSync(path).isFile()) return readFileSync(path, "utf8");
  }
  return readFileSync(join(BUILTIN_DIR, name), "utf8");
}

/** Changes whenever the overrides do, so a target can keep compiled templates until then. */
export function templateGeneration(): number {
  return generation;
}
