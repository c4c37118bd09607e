/**
 * Hostile catalogs, one test per case: text that means something in TypeScript, proto, regex or
 * Markdown (`*\/`, backticks, `${`, quotes, backslashes, pipes, HTML, newlines, odd unicode), and names
 * that collide with keywords or built-ins, or with each other after case conversion. Each case either
 * fails validation with a clear, positioned diagnostic, or generates output that compiles (tsc
 * --strict), parses (protobufjs, buf build), renders its text literally in Markdown (markdownlint
 * clean), and round-trips every message through the generated runtime.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import { lint } from "markdownlint/sync";
import { parse as parseYaml, stringify } from "yaml";
import { checkCatalogText } from "../../generators/catalog/index.js";
import type { CatalogEntry, CatalogModel } from "../../generators/catalog/model.js";
import type { GeneratedFile } from "../../generators/emit/generated-file.js";
import { readErrorPage } from "../../generators/import/error-page.js";
import { generateAll } from "../../generators/pipeline.js";
import { targetRuleDiagnostics } from "../../generators/target/run-rules.js";
import { typescriptTarget } from "../../generators/typescript/target.js";
import { parseProto } from "../proto/proto-tools.js";
import { buf, bufBuild, hostileCatalogText, strictestOptions, typecheckStrict, valuePosition, writeFiles, type HostileCatalog, type HostileEntry } from "./hostile-catalog.js";

const FILE = "hostile.yaml";
const lintConfig = parseYaml(readFileSync("test/markdown/markdownlint.yaml", "utf8")) as Record<string, unknown>;

/** A case that must generate working output. */
interface ValidCase {
  readonly name: string;
  readonly catalog: HostileCatalog;
}

/** A case that must fail validation: the rule, where (the nth `key: value` line of the text) and what the message says. */
interface InvalidCase {
  readonly name: string;
  readonly catalog: HostileCatalog;
  readonly diagnostics: readonly { rule: string; key: string; value: string; nth?: number; message: RegExp }[];
}

/** A string as YAML writes it as a mapping value. */
const yamlScalar = (value: string) => stringify(value).trimEnd();
const p = (name: string, example: string, text = name, description?: string) => ({ text, name, example, ...(description !== undefined ? { description } : {}) });

/** One entry per name, each its own code (or id), with a message. */
const codesNamed = (codes: readonly string[]): HostileEntry[] => codes.map((code, i) => ({ id: `entry-${i + 1}`, code, message: `Code ${code} says <value>.`, placeholders: [p("value", `v${i}`)] }));

const validCases: ValidCase[] = [
  {
    name: "comment terminators `*/` and `/*` everywhere",
    catalog: {
      title: "Hostile */ API /*",
      introduction: "Intro */ closes a comment; /* opens one; // starts a line comment.",
      statusTitle: "Bad */ request",
      entries: [{
        id: "comment-end", code: "Comment.End", message: "Closed */ early /* and <value> */ again.",
        placeholders: [p("value", "*/", "value", "A */ in a description /*")],
        meaning: "Ends a comment */ here.", fix: "/** doc */ and */", keyState: "*/",
      }],
    },
  },
  {
    name: "backticks and template substitutions",
    catalog: {
      introduction: "Use `${process.exit(1)}` and ``` fences ```.",
      entries: [{
        id: "template", code: "Template", message: "Use `${value}` or `<value>` here, not ${<other>}.",
        placeholders: [p("value", "${x}`"), p("other", "`${`")],
        meaning: "`${globalThis.alert(1)}` is text.", fix: "```\ncode\n```",
      }],
    },
  },
  {
    name: "double and single quotes",
    catalog: {
      entries: [{
        id: "quotes", code: "Quotes", message: `She said "it's <value>" and 'left'.`,
        placeholders: [p("value", `"'\``, "value", `A "quoted" 'value'`)],
        meaning: `'single' "double" \u201ccurly\u201d`, fix: `Escape \\" and \\' if you must.`,
      }],
    },
  },
  {
    name: "backslashes, literal and escaped",
    catalog: {
      entries: [{
        id: "backslashes", code: "Backslashes", message: "Path C:\\\\dir\\\\<file> and \\\\n is not a newline; \\<not a placeholder\\>.",
        placeholders: [p("file", "\\\\server\\share\\", "file", "A path with \\ and \\n.")],
        meaning: "C:\\new\\table \\u0041 \\\\ \\", fix: "Double every \\\\.",
      }],
    },
  },
  {
    name: "pipes in every cell",
    catalog: {
      statusTitle: "Bad | request",
      entries: [{
        id: "pipes", code: "Pipes", message: "a | b <value> || c |",
        placeholders: [p("value", "x|y", "value", "a | b")],
        meaning: "| leading pipe", fix: "trailing pipe |", keyState: "A|B",
      }],
    },
  },
  {
    name: "HTML and <script>",
    catalog: {
      introduction: "<script>alert('intro')</script>",
      entries: [{
        id: "script", code: "Script", message: "\\<script\\>alert(<value>)\\</script\\> \\<b\\>bold\\</b\\>",
        placeholders: [p("value", "<img src=x onerror=alert(1)>", "value", "<script>x</script>")],
        meaning: "<script>alert(1)</script> <!-- not a comment --> <b>bold</b> &amp; &lt;", fix: "</code></pre></table>", keyState: "<State>",
      }],
    },
  },
  {
    name: "newlines in messages, text and examples",
    catalog: {
      statusText: "First line.\nSecond line.\n\nA new paragraph.",
      entries: [{
        id: "newlines", code: "Newlines", message: "First line\nsecond <value> line\r\nthird.",
        placeholders: [p("value", "a\nb")],
        meaning: "Line one\nLine two", fix: "- item\n\n  indented\n1. numbered",
      }],
    },
  },
  {
    name: "line and paragraph separators U+2028 and U+2029",
    catalog: {
      title: "Hostile\u2028API",
      entries: [{
        id: "separators", code: "Separators", message: "Before\u2028after <value>\u2029end.",
        placeholders: [p("value", "\u2028\u2029", "value", "A\u2028separated\u2029description")],
        meaning: "Meaning\u2028with a separator.", fix: "Fix\u2029it.",
      }],
    },
  },
  {
    name: "bidi controls, RTL marks and emoji",
    catalog: {
      entries: [{
        id: "bidi-emoji", code: "Bidi.Emoji", message: "\u202eevil\u202c \u200f<value>\u200e \ud83d\udd25\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 done.",
        placeholders: [p("value", "\ud83d\ude42\u200f\u05e9\u05dc\u05d5\u05dd")],
        meaning: "\u200fRTL mark \u05e9\u05dc\u05d5\u05dd and \ud83d\ude42.", fix: "\u202aembedded\u202c \ufeffBOM inside.",
      }],
    },
  },
  {
    name: "control characters other than NUL",
    catalog: {
      entries: [{
        id: "controls", code: "Controls", message: "soh\u0001 <value> bell\u0007 esc\u001b[31m del\u007f.",
        placeholders: [p("value", "\u0001\u001f")],
        meaning: "A \u0008 backspace and \u007f DEL.", fix: "Tab\there\u000bvertical.",
      }],
    },
  },
  {
    name: "codes named after JavaScript built-ins and Object.prototype members",
    catalog: {
      entries: codesNamed([
        "Class", "Delete", "Error", "Object", "Symbol", "Promise", "Function", "Array", "String", "Number", "Boolean", "JSON", "Math",
        "Reflect", "Proxy", "undefined", "NaN", "Infinity", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf", "then",
        "default", "await", "yield", "let", "arguments", "eval.x", "globalThis",
      ]),
    },
  },
  {
    name: "codes named after TypeScript keywords",
    catalog: { entries: codesNamed(["any", "unknown", "never", "interface", "namespace", "declare", "keyof", "readonly", "infer", "satisfies", "as", "is", "abstract", "enum", "implements", "module", "require"]) },
  },
  {
    name: "codes and ids named after proto keywords",
    catalog: {
      entries: ["package", "option", "message", "enum", "import", "service", "rpc", "returns", "oneof", "map", "reserved", "repeated", "optional", "required", "group", "extend", "extensions", "stream", "to", "max", "weak", "public", "edition", "true", "false", "inf", "nan", "bool", "bytes", "int32"]
        .map((word) => ({ id: word, code: word, message: `The ${word} <value>.`, placeholders: [p("value", word)] })),
    },
  },
  {
    name: "ids named after JavaScript members, on coded and codeless entries",
    catalog: {
      entries: [
        { id: "constructor", code: "A", message: "A <value>.", placeholders: [p("value", "a")] },
        { id: "prototype", code: "A", message: "B <value>.", placeholders: [p("value", "b")] },
        { id: "to-string", code: "A", message: "C." },
        { id: "has-own-property", code: "B", message: "D." },
        { id: "then", code: "C", message: "E." },
        { id: "default", code: "C", message: "F." },
        { id: "class", httpStatus: 413, code: null },
        { id: "proto", httpStatus: 404, code: null },
      ],
    },
  },
  {
    name: "placeholders named then, name, message, code, id, params, length, stack, cause",
    catalog: {
      entries: [{
        id: "members", code: "Members", message: "<then>|<name>|<message>|<code>|<id>|<params>|<length>|<stack>|<cause>",
        placeholders: ["then", "name", "message", "code", "id", "params", "length", "stack", "cause"].map((n) => p(n, `${n}-value`)),
      }],
    },
  },
  {
    name: "placeholder texts with comment ends, backticks, quotes and pipes",
    catalog: {
      entries: [{
        id: "placeholder-texts", code: "Placeholder.Texts", message: "A <a */ `b` \"c\" 'd' | e> and <${f}>.",
        placeholders: [p("first", "one", "a */ `b` \"c\" 'd' | e", "The */ first"), p("second", "two", "${f}")],
      }],
    },
  },
  {
    name: "service named error (its base class is ErrorError)",
    catalog: { serviceName: "error", entries: codesNamed(["Unknown", "Decode", "Error.Error"]) },
  },
  {
    name: "service named object",
    catalog: { serviceName: "object", entries: codesNamed(["Objects", "Unknown", "Prototype"]) },
  },
];

const invalidCases: InvalidCase[] = [
  {
    name: "codes Type and syntax, whose classes TypeError and SyntaxError are JavaScript built-ins",
    catalog: { entries: codesNamed(["Type", "syntax"]) },
    diagnostics: [
      { rule: "name-collision", key: "code", value: "Type", message: /becomes the name `TypeError` in typescript, which its runtime .* defines/ },
      { rule: "name-collision", key: "code", value: "syntax", message: /becomes the name `SyntaxError` in typescript, which its runtime .* defines/ },
    ],
  },
  {
    name: "code Hostile, whose class is the service's base class",
    catalog: { entries: codesNamed(["Hostile", "Unknown.Hostile", "HostileDecode"]) },
    diagnostics: [
      { rule: "name-collision", key: "code", value: "Hostile", message: /becomes the name `HostileError` in typescript/ },
      { rule: "name-collision", key: "code", value: "Unknown.Hostile", message: /becomes the name `UnknownHostileError` in typescript/ },
      { rule: "name-collision", key: "code", value: "HostileDecode", message: /becomes the name `HostileDecodeError` in typescript/ },
    ],
  },
  {
    name: "codes Key.NotFound, KeyNotFound and key-not-found, one class after case conversion",
    catalog: { entries: codesNamed(["Key.NotFound", "KeyNotFound", "key-not-found"]) },
    diagnostics: [
      { rule: "name-collision", key: "code", value: "KeyNotFound", message: /becomes the name `KeyNotFoundError` in typescript, as code `Key.NotFound`/ },
      { rule: "name-collision", key: "code", value: "key-not-found", message: /becomes the name `KeyNotFoundError` in typescript, as code `Key.NotFound`/ },
    ],
  },
  {
    name: "codes Forbidden and forbidden",
    catalog: { entries: codesNamed(["Forbidden", "forbidden"]) },
    diagnostics: [{ rule: "name-collision", key: "code", value: "forbidden", message: /`ForbiddenError`/ }],
  },
  {
    name: "a code and a codeless id that make one class",
    catalog: { entries: [...codesNamed(["RequestEntityTooLarge"]), { id: "request-entity-too-large", httpStatus: 413, code: null }] },
    diagnostics: [{ rule: "name-collision", key: "id", value: "request-entity-too-large", message: /`RequestEntityTooLargeError`/ }],
  },
  {
    name: "ids a-b1 and a-b-1, one PascalCase name",
    catalog: { entries: [{ id: "a-b1", code: "X", message: "One." }, { id: "a-b-1", code: "X", message: "Two." }] },
    diagnostics: [{ rule: "id-name-collision", key: "id", value: "a-b-1", message: /id `a-b-1` becomes `AB1`.*as id `a-b1`/ }],
  },
  {
    name: "id __proto__",
    catalog: { entries: [{ id: "__proto__", code: "X", message: "One." }] },
    diagnostics: [{ rule: "schema", key: "id", value: "__proto__", message: /kebab-case/ }],
  },
  {
    name: "placeholders named default, class and constructor",
    catalog: {
      entries: [{ id: "reserved", code: "X", message: "<a> <b> <c>", placeholders: [p("default", "1", "a"), p("class", "2", "b"), p("constructor", "3", "c")] }],
    },
    diagnostics: [
      { rule: "reserved-name", key: "name", value: "default", message: /`default` is a reserved word in generated code: choose another name/ },
      { rule: "reserved-name", key: "name", value: "class", message: /`class` is a reserved word/ },
      { rule: "reserved-name", key: "name", value: "constructor", message: /`constructor` is a reserved word/ },
    ],
  },
  {
    // Markdown cannot hold NUL (CommonMark reads it, and &#0;, as U+FFFD), so the docs could not show it.
    name: "NUL in a message, a meaning and an example",
    catalog: { entries: [{ id: "nul", code: "Nul", message: "nul\u0000byte <value>.", placeholders: [p("value", "\u0000")], meaning: "A \u0000 NUL." }] },
    diagnostics: [
      { rule: "schema", key: "message", value: yamlScalar("nul\u0000byte <value>."), message: /holds a NUL character .*: remove it/ },
      { rule: "schema", key: "example", value: yamlScalar("\u0000"), message: /holds a NUL character/ },
      { rule: "schema", key: "meaning", value: yamlScalar("A \u0000 NUL."), message: /holds a NUL character/ },
    ],
  },
  {
    name: "id unspecified, the proto enum's zero value",
    catalog: { entries: [{ id: "unspecified", code: "X", message: "One." }] },
    diagnostics: [{ rule: "id-name-collision", key: "id", value: "unspecified", message: /zero value .*: choose another id/ }],
  },
  {
    name: "a code with */ in it",
    catalog: { entries: [{ id: "x", code: "Bad*/Code", message: "One." }] },
    diagnostics: [{ rule: "schema", key: "code", value: "Bad*/Code", message: /an error code is letters and digits/ }],
  },
];

// ---------------------------------------------------------------------------------------------

interface Generated {
  readonly model: CatalogModel;
  readonly files: readonly GeneratedFile[];
  readonly dir: string;
}

const temps: string[] = [];
const generated = new Map<string, Generated>();
let typeErrors = new Map<string, string[]>();
const bufResults = new Map<string, { status: number; output: string }>();

function modelOf(catalog: HostileCatalog): CatalogModel {
  const { diagnostics, model } = checkCatalogText(FILE, hostileCatalogText(catalog));
  if (!model) throw new Error(diagnostics.map((d) => `${d.line}:${d.column} [${d.rule}] ${d.message}`).join("\n"));
  return model;
}

const fileText = (g: Generated, path: string) => {
  const f = g.files.find((x) => x.path === path);
  if (!f) throw new Error(`nothing generated at ${path}`);
  return typeof f.contents === "string" ? f.contents : new TextDecoder().decode(f.contents);
};

beforeAll(async () => {
  // Generate every valid case, write it to a temp dir, then check all TypeScript in one program and run buf per case in parallel.
  for (const c of validCases) {
    let model: CatalogModel;
    try {
      model = modelOf(c.catalog);
    } catch {
      continue; // the case's own test reports the diagnostics
    }
    const files = await generateAll(model, "0.0.0-hostile");
    const dir = mkdtempSync(join(tmpdir(), "errcat-hostile-"));
    temps.push(dir);
    writeFiles(dir, files);
    // An ES module folder, as a package with "type": "module" holds the output.
    writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`);
    generated.set(c.name, { model, files, dir });
  }
  typeErrors = new Map([
    ...typecheckStrict([...generated.values()].map((g) => join(g.dir, "index.ts")), strictestOptions),
    ...typecheckStrict([...generated.values()].map((g) => join(g.dir, "patterns.ts"))),
  ]);
  if (buf) {
    await Promise.all([...generated].map(async ([name, g]) => bufResults.set(name, await bufBuild(join(g.dir, "proto")))));
  }
}, 300_000);

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** The example params of an entry, by placeholder name. */
const exampleParams = (entry: CatalogEntry) => Object.fromEntries(entry.placeholders.map((ph) => [ph.name, ph.example]));

/** Every text and code value of a Markdown tree, and its raw HTML nodes. */
function markdownText(markdown: string): { text: string; html: string[] } {
  const tree = fromMarkdown(markdown, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const text: string[] = [];
  const html: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === "html") html.push(node.value!);
    else if (node.value !== undefined) text.push(node.value);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree as unknown as Parameters<typeof walk>[0]);
  return { text: text.join("\n"), html };
}

interface Runtime {
  formatMessage(id: string, params: Record<string, string>): string;
  parseMessage(code: string, message: string): { id: string; params: Record<string, string> } | undefined;
  encodeError(fields: { statusCode?: number; errorCode?: string; errorMessage?: string; requestId?: string }): Uint8Array;
  fromResponse(response: { status: number; body?: Uint8Array }): { id?: string; code?: string; params: Record<string, string>; errorMessage: string };
}

async function importGenerated<T>(dir: string, file: "index.ts" | "patterns.ts"): Promise<T> {
  const out = join(dir, `${file}.mjs`);
  await build({ entryPoints: [join(dir, file)], bundle: true, format: "esm", outfile: out, logLevel: "silent" });
  return (await import(pathToFileURL(out).href)) as T;
}

describe("hostile catalogs that must generate working output", () => {
  for (const c of validCases) {
    it(c.name, async () => {
      const text = hostileCatalogText(c.catalog);
      const { diagnostics } = checkCatalogText(FILE, text);
      expect(diagnostics).toEqual([]);
      const g = generated.get(c.name)!;
      const { model } = g;

      // TypeScript: index.ts (with runtime.ts) compiles under the strictest options, patterns.ts alone under --strict.
      expect(typeErrors.get(join(g.dir, "index.ts"))).toEqual([]);
      expect(typeErrors.get(join(g.dir, "patterns.ts"))).toEqual([]);

      // Proto: protobufjs parses and resolves it, with every entry's message in its option; buf builds it.
      const protoPath = g.files.find((f) => f.path.endsWith(".proto"))!.path;
      const root = parseProto(fileText(g, protoPath));
      const values = root.lookupEnum(`${model.service.proto.package}.ErrorCode`).values;
      expect(Object.values(values).sort((a, b) => a - b)).toEqual([0, ...model.entries.map((e) => e.number)]);
      if (buf) {
        const r = bufResults.get(c.name)!;
        expect(r.output).toBe("");
        expect(r.status).toBe(0);
      }

      // Markdown: markdownlint clean; the table reads back as the catalog; every text appears literally, no raw HTML from it.
      const markdown = fileText(g, "ERRORS.md");
      const problems = lint({ strings: { "ERRORS.md": markdown }, config: lintConfig })["ERRORS.md"]!;
      expect(problems.map((r) => `${r.lineNumber}: ${r.ruleNames.join("/")} ${r.errorDetail ?? ""}`)).toEqual([]);
      const page = readErrorPage(markdown);
      const rows = page.statuses.flatMap((s) => s.rows).filter((r) => r.code !== undefined);
      const coded = model.entries.filter((e) => e.code !== undefined);
      expect(rows).toEqual(coded.map((e) => ({ code: e.code, message: e.message, ...(e.keyState !== undefined ? { state: e.keyState } : {}), meaningAndFix: `${e.meaning} ${e.fix}` })));
      const rendered = markdownText(markdown);
      const texts = [
        model.service.title, model.service.introduction, ...model.statuses.flatMap((s) => [s.title, s.text ?? ""]),
        ...model.entries.flatMap((e) => [e.meaning, e.fix, e.keyState ?? "", ...e.placeholders.flatMap((ph) => [ph.description, ph.example])]),
      ];
      for (const t of texts) for (const line of t.split(/\r?\n|\r|\u2028|\u2029/)) expect(rendered.text, JSON.stringify(line)).toContain(line.trim());
      for (const h of rendered.html) expect(h).toMatch(/^(?:<!-- @generated .* -->|<a id="[a-z0-9-]+">(?:<\/a>)?|<\/a>|<br>)$/);

      // Runtime: every message formats, parses back to its entry and params, and classifies from a response body.
      const runtime = await importGenerated<Runtime>(g.dir, "index.ts");
      const patterns = await importGenerated<{ messagePatterns: Record<string, RegExp> }>(g.dir, "patterns.ts");
      for (const entry of coded) {
        const params = exampleParams(entry);
        const message = runtime.formatMessage(entry.id, params);
        expect(message).toBe(entry.segments.map((s) => (s.kind === "literal" ? s.text : params[s.name])).join(""));
        expect(runtime.parseMessage(entry.code!, message), entry.id).toEqual({ id: entry.id, params });
        const error = runtime.fromResponse({ status: entry.httpStatus, body: runtime.encodeError({ statusCode: entry.httpStatus, errorCode: entry.code!, errorMessage: message }) });
        expect([error.id, error.code, error.errorMessage, { ...error.params }]).toEqual([entry.id, entry.code, message, params]);
        // The regexes' documented limit (generators/regex/dialects.ts): a value other than the last cannot hold the first character after it.
        const placeholders = entry.segments.flatMap((seg, i) => (seg.kind === "placeholder" ? [i] : []));
        const representable = placeholders.slice(0, -1).every((i) => {
          const next = entry.segments[i + 1];
          return next?.kind !== "literal" || !params[(entry.segments[i] as { name: string }).name]!.includes(next.text[0]!);
        });
        if (representable) {
          const match = patterns.messagePatterns[entry.id]!.exec(message);
          expect(match, entry.id).not.toBeNull();
          expect({ ...match!.groups }).toEqual(params);
        }
        if (entry.placeholders.length > 0) expect(() => runtime.formatMessage(entry.id, {})).toThrow(globalThis.TypeError);
      }
    });
  }
});

describe("hostile catalogs that must fail validation, saying where and why", () => {
  for (const c of invalidCases) {
    it(c.name, () => {
      const text = hostileCatalogText(c.catalog);
      // The core's diagnostics, or (for a catalog the core accepts) the TypeScript target's rules: these cases are about its names.
      const core = checkCatalogText(FILE, text);
      const diagnostics = core.model === undefined ? core.diagnostics : targetRuleDiagnostics(core.model, [typescriptTarget]);
      expect(diagnostics.length).toBeGreaterThan(0);
      const expected = c.diagnostics.map((d) => ({ rule: d.rule, ...valuePosition(text, d.key, d.value, d.nth) }));
      expect(diagnostics.map((d) => ({ rule: d.rule, line: d.line, column: d.column }))).toEqual(expected);
      diagnostics.forEach((d, i) => {
        expect(d.file).toBe(FILE);
        expect(d.message).toMatch(c.diagnostics[i]!.message);
        // What is wrong, then how to fix it.
        expect(d.message).toMatch(/^.{8,}: .{8,}$/s);
      });
    });
  }
});
