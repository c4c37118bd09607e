/**
 * Docs sync: the regions between `<!-- errcat:begin NAME -->` and `<!-- errcat:end -->` in Markdown
 * files that people edit by hand (listed under `service.docs.sync`) are rendered from the model;
 * everything outside them stays byte for byte. This module is pure: text in, text out.
 *
 * NAME is a region kind with its argument and options (regions.ts): `table columns=code,message status=4xx`,
 * `status 404`, `code InvalidParam`, `entry invalid-api-name`, `diagram handling`, `diagram key-states`.
 */
import type { CatalogModel } from "../catalog/model.js";
import type { Diagnostic } from "../catalog/diagnostics.js";
import { renderRegion, type RegionOptions } from "./regions.js";

export { renderRegion } from "./regions.js";

const BEGIN = /^(\s{0,3})<!--\s*errcat:begin\b\s*(.*?)\s*-->\s*$/d;
const END = /^\s{0,3}<!--\s*errcat:end\s*-->\s*$/;
const ANY_MARKER = /<!--\s*errcat:/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export type SyncOptions = RegionOptions;

export interface SyncResult {
  /** The new text; equal to the input when every region is current. */
  readonly text: string;
  readonly regions: number;
  readonly diagnostics: Diagnostic[];
}

/** Rewrites every errcat region of one Markdown file. Markers inside fenced code blocks are text. */
export function syncDocument(file: string, text: string, model: CatalogModel, options: SyncOptions): SyncResult {
  const diagnostics: Diagnostic[] = [];
  const problem = (line: number, column: number, message: string) =>
    diagnostics.push({ file, line, column, rule: "docs-marker", message });
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  // Split keeping each line's ending, so the text outside regions is rejoined unchanged.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let open: { line: number; column: number; name: string; content: string | undefined } | undefined;
  let fence: string | undefined;
  let regions = 0;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\r?\n$/, "");
    if (open === undefined) {
      const f = FENCE.exec(line);
      if (fence !== undefined) {
        if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined;
        out.push(raw);
        return;
      }
      if (f) {
        fence = f[1]!;
        out.push(raw);
        return;
      }
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      const column = begin[1]!.length + 1;
      if (open !== undefined) {
        problem(lineNo, column, `an errcat region begins inside the region opened at line ${open.line}: close that one with <!-- errcat:end --> first`);
        return;
      }
      const name = begin[2]!.replace(/\s+/g, " ");
      const rendered = renderRegion(begin[2]!, model, options);
      // Each problem at the word of the name it is about.
      const nameColumn = begin.indices![2]![0] + 1;
      if (typeof rendered !== "string") for (const p of rendered.problems) problem(lineNo, nameColumn + p.at, p.message);
      open = { line: lineNo, column, name, content: typeof rendered === "string" ? rendered : undefined };
      out.push(raw);
      return;
    }
    if (END.test(line)) {
      if (open === undefined) {
        problem(lineNo, line.indexOf("<!--") + 1, "<!-- errcat:end --> without a matching <!-- errcat:begin NAME -->: add the begin marker or remove this one");
        out.push(raw);
        return;
      }
      // A blank line on each side of the table, as Markdown (and markdownlint) want around tables.
      if (open.content !== undefined) out.push(["", open.content, "", ""].join("\n").split("\n").join(newline));
      open = undefined;
      regions++;
      out.push(raw);
      return;
    }
    if (open === undefined && ANY_MARKER.test(line)) {
      problem(lineNo, line.search(ANY_MARKER) + 1, "an errcat marker must stand alone on its line, as <!-- errcat:begin table --> or <!-- errcat:end -->");
    }
    // Inside a region the old content is dropped; outside, kept as is.
    if (open === undefined) out.push(raw);
  });
  if (open !== undefined) {
    problem(open.line, open.column, `the errcat region "${open.name}" is never closed: add <!-- errcat:end --> after it`);
  }
  if (diagnostics.length > 0) return { text, regions, diagnostics };
  return { text: out.join(""), regions, diagnostics };
}
