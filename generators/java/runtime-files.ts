/**
 * The Java runtime's source files, read from generators/java/runtime/ (a Maven module of its own,
 * compiled and unit-tested there) and copied into every generated module byte for byte.
 */
import { readdirSync, readFileSync } from "node:fs";
import { RUNTIME_PACKAGE } from "./names.js";

// Two folders up from this file is the package root, from generators/java/ and from dist/java/ or dist/bundle/ alike.
const RUNTIME_DIR = new URL(`../../generators/java/runtime/src/main/java/${RUNTIME_PACKAGE.replace(/\./g, "/")}/`, import.meta.url);

export interface RuntimeFile {
  /** The file name, e.g. `CatalogTable.java`. */
  readonly name: string;
  readonly text: string;
}

let cached: readonly RuntimeFile[] | undefined;

/** The runtime's .java files, sorted by name. */
export function javaRuntimeFiles(): readonly RuntimeFile[] {
  if (cached) return cached;
  const names = readdirSync(RUNTIME_DIR).filter((n) => n.endsWith(".java")).sort();
  if (names.length === 0) throw new Error(`the Java runtime's sources are missing from ${RUNTIME_DIR.pathname}`);
  cached = names.map((name) => ({ name, text: readFileSync(new URL(name, RUNTIME_DIR), "utf8") }));
  return cached;
}
