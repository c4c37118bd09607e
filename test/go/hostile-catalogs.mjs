// Writes the hostile catalogs of the Go tests into a folder, one YAML file per case: text and names
// that mean something in Go (comment and doc-comment syntax, escapes, directives, keywords,
// predeclared and runtime names, initialisms), in the shape of test/hostile/hostile-catalog.ts.
// Usage: node test/go/hostile-catalogs.mjs <dir>; prints one file name a line.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";

const p = (name, example, text = name, description = "A value.") => ({ text, name, description, example });

function catalog(name, entries, extra = {}) {
  return {
    errcat: 1,
    service: {
      name,
      title: extra.title ?? "Hostile API",
      introduction: extra.introduction ?? "Errors of an API whose catalog tries to break the Go generator.",
      wire: { package: "api", message: "Error", fields: [
        { name: "StatusCode", number: 1, type: "int32" }, { name: "ErrorCode", number: 2, type: "string" },
        { name: "ErrorMessage", number: 3, type: "string" }, { name: "RequestId", number: 4, type: "string" },
      ] },
      ...(extra.limits ? { limits: extra.limits } : {}),
      proto: { package: `errcat.${name}.v1` },
    },
    statuses: [400, 404, 409, 413, 500].map((httpStatus) => ({ httpStatus, title: `Status ${httpStatus}` })),
    errors: entries.map((e, i) => {
      const httpStatus = e.httpStatus ?? 400;
      return {
        id: e.id, number: i + 1, httpStatus,
        ...(e.code === null ? {} : { code: e.code ?? `Code${i + 1}`, message: e.message ?? `Message number ${i + 1}.` }),
        ...(e.placeholders ? { placeholders: e.placeholders } : {}),
        meaning: e.meaning ?? "Something went wrong.", fix: e.fix ?? "Fix it.",
        ...(e.keyState !== undefined ? { keyState: e.keyState } : {}),
        fault: httpStatus >= 500 ? "server" : "client", retryable: e.retryable ?? httpStatus >= 500,
      };
    }),
  };
}

export const CASES = {
  "go-comments": catalog("comments", [{
    id: "comment-end", code: "Comment.End", message: "Closed */ early /* and <value> // here `raw` %s %v %w.",
    placeholders: [p("value", "*/`", "value", "A */ in a description /* // `")],
    meaning: "Ends */ a comment.\n//go:generate rm -rf /\n// +build ignore\n//line x.go:1", fix: "- item\n\n  indented\n1. numbered\n# Heading\n\n\tcode block\n[link]: https://example.com",
  }], { title: "Hostile */ API", introduction: "Intro */ closes.\n\n# Not a heading\n\n  indented //go:embed x" }),
  "go-escapes": catalog("escapes", [{
    id: "quotes", code: "Quotes", message: `She said "it's <value>" \\\\ and 'left' \`tick\`.`,
    placeholders: [p("value", `"'\``)], meaning: `'single' "double" \\ backslash`, fix: "C:\\new\\table \\u0041 \\x00",
  }, {
    id: "controls", code: "Controls", message: "soh\u0001 <value> bell\u0007 esc\u001b[31m del\u007f nel\u0085 nbsp\u00a0.",
    placeholders: [p("value", "\u0001\u001f")], meaning: "A \u0008 backspace, \u000b vertical tab, \u000c form feed.", fix: "Tab\there.",
  }, {
    id: "unicode", code: "Unicode", message: "\u202eevil\u202c \u200f<value>\u200e \ud83d\udd25 \u2028line\u2029para \ufeffbom \u{e0001}tag.",
    placeholders: [p("value", "\ud83d\ude42\u05e9\u05dc\u05d5\u05dd")], meaning: "\u202aembedded\u202c \ufeffBOM\u2028separated.", fix: "Emoji \ud83d\ude42 and \u00e9.", keyState: "\u200bZero\u200dWidth",
  }, {
    id: "newlines", code: "Newlines", message: "First line\nsecond <value> line\r\nthird\r.",
    placeholders: [p("value", "a\nb")], meaning: "Line one\r\nLine two\rLine three", fix: "\n\n  leading blank lines\n\n",
  }]),
  "go-names": catalog("names", [
    ...["type.x", "func", "nil", "Error", "Kind", "Params", "Sentinel.Name", "String", "Unwrap", "go", "init", "main", "iota", "Http.Url.Api", "json-id"].map((code, i) => ({
      id: `entry-${i + 1}`, code, message: `Code ${code} says <value>.`, placeholders: [p("value", `v${i}`)],
    })),
    { id: "type", code: "A", message: "A <type> and <func> and <error>.", placeholders: [p("type", "t"), p("func", "f"), p("error", "e")] },
    { id: "func", code: "A", message: "B <rune> <nil> <entryId>.", placeholders: [p("rune", "s"), p("nil", "n"), p("entryId", "i")] },
    { id: "range", code: "A", message: "C <values> <from> <keyId> <urlHttp>.", placeholders: [p("values", "v"), p("from", "f"), p("keyId", "k"), p("urlHttp", "u")] },
    { id: "panic", code: null, httpStatus: 413 },
    { id: "goto", code: null, httpStatus: 404 },
  ], { limits: { "max body bytes": 1, "2fa-window": 2, maxIDLength: 3, "kind-code-ish": 4 } }),
  "go-greedy": catalog("greedy", [
    { id: "three", code: "Three", message: `Key "<keyId>" in store "<store>": <reason>.`, placeholders: [p("keyId", `a" in store "b`), p("store", "s"), p("reason", "r.")] },
    { id: "edges", code: "Edges", message: "<left> = <right>", placeholders: [p("left", "="), p("right", " = ")] },
    { id: "plain", code: "Three", message: "Nothing to fill." },
    { id: "transient", code: null, httpStatus: 500 },
  ]),
};

/** A catalog the go target must refuse: a limit whose Go name is a runtime name. */
export const INVALID = {
  "go-limit-collides": catalog("collide", [{ id: "one", code: "One" }], { limits: { fromBody: 1 } }),
};

const dir = process.argv[2];
if (dir) {
  mkdirSync(dir, { recursive: true });
  for (const [name, doc] of [...Object.entries(CASES), ...Object.entries(INVALID)]) {
    writeFileSync(join(dir, `${name}.yaml`), stringify(doc, { lineWidth: 0 }));
    console.log(`${name}.yaml`);
  }
}
