/**
 * The region kinds of docs sync and their options. A region is named by the words after
 * `errcat:begin`: a kind, its argument where it takes one, then `key=value` options:
 *
 *   table [columns=…] [status=4xx,503]   every entry (or those of some statuses), with its HTTP status
 *   status 409 [columns=…]               the table of one status
 *   code Forbidden.KeyNotFound [columns=…] the entries of one error code, in match order
 *   entry key-not-found                  one entry's details
 *   diagram handling | diagram key-states   a Mermaid diagram
 *
 * Every problem is reported at the word it is about, with what would be accepted.
 */
import type { CatalogEntry, CatalogModel } from "../catalog/model.js";
import { closestWord } from "../target/define-target.js";
import { COLUMN_NAMES, defaultColumns, renderErrorTable, tableView, type ColumnName } from "./error-table.js";
import { handlingDiagram, keyStateDiagram } from "./diagrams.js";
import { handlingMermaid, keyStateMermaid } from "./mermaid.js";
import { codeBlock } from "./templates.js";
import { entryView, renderEntryDetails } from "./errors-md.js";

/** A word of the region name with its offset in the name (0-based). */
interface Word {
  readonly text: string;
  readonly at: number;
}

export interface RegionProblem {
  /** Offset in the region name (0-based) of the word the problem is about. */
  readonly at: number;
  readonly message: string;
}

export interface RegionOptions {
  /** Where entry links point: the reference page's path relative to the synced file, e.g. `out/kms/ERRORS.md`. */
  readonly errorsPageHref: string;
}

const KINDS = ["table", "status", "code", "entry", "diagram"] as const;
type Kind = (typeof KINDS)[number];
const OPTIONS: Record<Kind, readonly string[]> = { table: ["columns", "status"], status: ["columns"], code: ["columns"], entry: [], diagram: [] };
const DIAGRAMS = ["handling", "key-states"] as const;
const ARGUMENTS: Record<Exclude<Kind, "table">, string> = {
  status: "an HTTP status",
  code: "an error code",
  entry: "an entry id",
  diagram: `the name of a diagram (${DIAGRAMS.join(" or ")})`,
};
const EXAMPLES: Record<Exclude<Kind, "table">, string> = { status: "status 404", code: "code InvalidParam", entry: "entry invalid-api-name", diagram: "diagram handling" };
const USAGE = "the regions are `table`, `status 404`, `code <error code>`, `entry <entry id>` and `diagram handling` or `diagram key-states`";

/** The Markdown of a region (without surrounding blank lines), or the problems of its name. */
export function renderRegion(name: string, model: CatalogModel, regionOptions: RegionOptions): string | { problems: RegionProblem[] } {
  const words = splitWords(name);
  const problems: RegionProblem[] = [];
  const fail = (word: Word | undefined, message: string) => {
    problems.push({ at: word?.at ?? name.length, message });
  };
  const kindWord = words[0];
  if (kindWord === undefined) return { problems: [{ at: 0, message: `the errcat region has no name: ${USAGE}` }] };
  const kind = KINDS.find((k) => k === kindWord.text);
  if (kind === undefined) {
    const guess = closestWord(kindWord.text, KINDS);
    fail(kindWord, `unknown errcat region "${kindWord.text}": ${guess ? `did you mean "${guess}"? ` : ""}${USAGE}`);
    return { problems };
  }
  const takesArgument = kind !== "table";
  const argument = takesArgument && words[1] !== undefined && !words[1].text.includes("=") ? words[1] : undefined;
  if (takesArgument && argument === undefined) fail(words[1], `the ${kind} region needs ${ARGUMENTS[kind as Exclude<Kind, "table">]}, as in <!-- errcat:begin ${EXAMPLES[kind as Exclude<Kind, "table">]} -->`);
  const options = readRegionOptions(kind, words.slice(argument ? 2 : 1), fail);
  if (problems.length > 0) return { problems };
  const link = regionOptions.errorsPageHref;
  const columns = (rows: readonly CatalogEntry[], showStatus: boolean): ColumnName[] => options.columns ?? defaultColumns(rows, showStatus);

  switch (kind) {
    case "table": {
      const rows = options.statuses === undefined ? model.entries : model.entries.filter((e) => options.statuses!.some((s) => s.test(e.httpStatus)));
      if (rows.length === 0) {
        fail(options.statusWord, `no entries have the statuses ${options.statusWord!.text.slice("status=".length)}: the catalog's statuses are ${listedStatuses(model)}`);
        return { problems };
      }
      return renderErrorTable(tableView(rows, columns(rows, true), link, true));
    }
    case "status": {
      const httpStatus = /^\d{3}$/.test(argument!.text) ? Number(argument!.text) : NaN;
      const section = model.statuses.find((s) => s.httpStatus === httpStatus);
      if (!section || section.entries.length === 0) {
        fail(argument, `the catalog has no entries with status ${argument!.text}: use one of ${listedStatuses(model)}`);
        return { problems };
      }
      return renderErrorTable(tableView(section.entries, columns(section.entries, false), link, true));
    }
    case "code": {
      const group = model.codes.find((c) => c.code === argument!.text);
      if (!group) {
        const guess = closestWord(argument!.text, model.codes.map((c) => c.code));
        fail(argument, `the catalog has no error code "${argument!.text}": ${guess ? `did you mean "${guess}"?` : `the codes are ${model.codes.map((c) => c.code).join(", ")}`}`);
        return { problems };
      }
      return renderErrorTable(tableView(group.entries, columns(group.entries, group.httpStatuses.length > 1), link, true));
    }
    case "entry": {
      const entry = model.entries.find((e) => e.id === argument!.text);
      if (!entry) {
        const guess = closestWord(argument!.text, model.entries.map((e) => e.id));
        fail(argument, `the catalog has no entry "${argument!.text}": ${guess ? `did you mean "${guess}"?` : "write the id of one of its entries"}`);
        return { problems };
      }
      const status = model.statuses.find((s) => s.httpStatus === entry.httpStatus)!;
      return renderEntryDetails(entryView(entry, status, { href: link, notes: [], proseAnchor: undefined }));
    }
    case "diagram": {
      const which = DIAGRAMS.find((d) => d === argument!.text);
      if (which === undefined) {
        const guess = closestWord(argument!.text, DIAGRAMS);
        fail(argument, `unknown diagram "${argument!.text}": ${guess ? `did you mean "${guess}"? ` : ""}the diagrams are ${DIAGRAMS.join(" and ")}`);
        return { problems };
      }
      if (which === "handling") return codeBlock("mermaid", handlingMermaid(handlingDiagram(model)));
      const states = keyStateDiagram(model);
      if (states === undefined) {
        fail(argument, "no entry of the catalog names a key state (keyState), so there is no key-state diagram: use diagram handling");
        return { problems };
      }
      return codeBlock("mermaid", keyStateMermaid(states));
    }
  }
}

interface ParsedOptions {
  readonly columns?: ColumnName[];
  readonly statuses?: StatusMatch[];
  readonly statusWord?: Word;
}

/** `4xx` or `409`. */
interface StatusMatch {
  test(httpStatus: number): boolean;
}

function readRegionOptions(kind: Kind, words: readonly Word[], fail: (word: Word | undefined, message: string) => void): ParsedOptions {
  const allowed = OPTIONS[kind];
  const seen = new Set<string>();
  let columns: ColumnName[] | undefined;
  let statuses: StatusMatch[] | undefined;
  let statusWord: Word | undefined;
  for (const word of words) {
    const eq = word.text.indexOf("=");
    const key = eq < 0 ? word.text : word.text.slice(0, eq);
    if (eq <= 0 || !allowed.includes(key)) {
      const guess = closestWord(key, allowed);
      const known = allowed.length === 0 ? `the ${kind} region takes no options` : `its options are ${allowed.map((o) => `${o}=…`).join(" and ")}`;
      const what = eq < 0 ? `"${word.text}" is not an option of the ${kind} region (options are written key=value)` : `unknown option "${key}" of the ${kind} region`;
      fail(word, `${what}: ${guess ? `did you mean "${guess}"? ` : ""}${known}`);
      continue;
    }
    if (seen.has(key)) {
      fail(word, `the option "${key}" is given twice: keep one`);
      continue;
    }
    seen.add(key);
    const items = listItems(word.text.slice(eq + 1), word.at + eq + 1);
    if (items.length === 0) {
      fail(word, `the option "${key}" has no value: ${key === "columns" ? `name columns, as in columns=code,message,fix; the columns are ${COLUMN_NAMES.join(", ")}` : "name statuses, as in status=4xx or status=404,409"}`);
      continue;
    }
    if (key === "columns") {
      columns = [];
      for (const item of items) {
        const column = COLUMN_NAMES.find((c) => c === item.text);
        if (column === undefined) {
          const guess = closestWord(item.text, COLUMN_NAMES);
          fail(item, `unknown column "${item.text}": ${guess ? `did you mean "${guess}"? ` : ""}the columns are ${COLUMN_NAMES.join(", ")}`);
        } else if (columns.includes(column)) fail(item, `the column "${column}" is listed twice: keep one`);
        else columns.push(column);
      }
    } else {
      statusWord = word;
      statuses = [];
      for (const item of items) {
        const exact = /^[1-5]\d\d$/.test(item.text);
        const klass = /^([1-5])xx$/i.exec(item.text);
        if (exact) statuses.push({ test: (s) => s === Number(item.text) });
        else if (klass) statuses.push({ test: (s) => Math.floor(s / 100) === Number(klass[1]) });
        else fail(item, `"${item.text}" is not a status: write an HTTP status such as 404, or a class such as 4xx`);
      }
    }
  }
  return { ...(columns ? { columns } : {}), ...(statuses ? { statuses } : {}), ...(statusWord ? { statusWord } : {}) };
}

/** The comma-separated items of an option's value, each with its offset. */
function listItems(value: string, at: number): Word[] {
  const items: Word[] = [];
  let offset = 0;
  for (const part of value.split(",")) {
    if (part.length > 0) items.push({ text: part, at: at + offset });
    offset += part.length + 1;
  }
  return items;
}

/** The words of a region name, split at white space, with their offsets. */
function splitWords(name: string): Word[] {
  return [...name.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: m.index }));
}

function listedStatuses(model: CatalogModel): string {
  return model.statuses.filter((s) => s.entries.length > 0).map((s) => s.httpStatus).join(", ");
}
