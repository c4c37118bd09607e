/** Problems found in a catalog, each at a place in its file. */

export interface Diagnostic {
  readonly file: string;
  /** 1-based line of the offending node. */
  readonly line: number;
  /** 1-based column of the offending node. */
  readonly column: number;
  /** A short, stable name of the rule that failed, e.g. `duplicate-id`. */
  readonly rule: string;
  /** What is wrong, and how to fix it. */
  readonly message: string;
}

/** `file:line:col: message` — the form editors and CI annotators read. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}]`;
}

/** Thrown by loadCatalog when the catalog has problems; carries all of them. */
export class CatalogError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "CatalogError";
  }
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  // Plain code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return list.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message));
}
