/**
 * An example errcat target from outside errcat: a CSV of a catalog's entries, one row per
 * (code, message), for a spreadsheet or a support team's tooling.
 *
 * List it in errcat.config.yaml by its path:
 *
 *   generate:
 *     - target: ./errcat/errors-csv.mjs
 *       options:
 *         delimiter: ";"     # "," (default), ";" or "\t"
 *
 * Without an `out`, its file goes to out/<service>/csv/ beside the built-in targets' files, in the
 * same manifest, and `errcat check` reports it stale like any other generated file.
 */
import { defineTarget, readOptions } from "errcat";

const COLUMNS = ["id", "httpStatus", "code", "message", "meaning", "fix", "fault", "retryable"];

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when it holds the delimiter, a quote or a line break (RFC 4180). */
function field(value, delimiter) {
  const text = value === undefined ? "" : String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export default defineTarget({
  name: "errors-csv",
  description: "A CSV of the catalog's entries, one row per (code, message)",
  defaultOut: "csv",

  parseOptions(raw) {
    const o = readOptions(raw);
    const delimiter = o.oneOf("delimiter", [",", ";", "\t"], ",");
    o.done();
    return { delimiter };
  },

  rules: [
    {
      id: "csv-formula-cell",
      description: "No meaning or fix starts with =, +, -, @ or a tab, which a spreadsheet opening the CSV would run as a formula.",
      fix: "Start the text with a word, or put the sign later in the sentence.",
      check(model, report) {
        for (const entry of model.entries) {
          for (const key of ["meaning", "fix"]) {
            if (FORMULA_START.test(entry[key])) {
              report({ entry: entry.id, field: key }, `the ${key} of \`${entry.id}\` starts with \`${entry[key][0]}\`, which a spreadsheet opening the CSV runs as a formula: start it with a word`);
            }
          }
        }
      },
    },
  ],

  generate({ model, options, preamble }) {
    const { delimiter } = options;
    const row = (values) => `${values.map((v) => field(v, delimiter)).join(delimiter)}\n`;
    // CSV has no comments; readers such as pandas (comment="#") skip this first line.
    let text = `# ${preamble.replace(/[\r\n]+/g, " ")}\n${row(COLUMNS)}`;
    for (const entry of model.entries) text += row(COLUMNS.map((c) => entry[c]));
    return [{ path: `${model.service.name}-errors.csv`, contents: text }];
  },
});
