/** Exact regex text per dialect: escaping, anchors, named groups, stops; and the RE2 construct check. */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { MessageSegment } from "../../generators/catalog/model.js";
import { compileRegex, formatSegments, valueStops } from "../../generators/regex/dialects.js";
import { re2Problems } from "../../generators/regex/re2-syntax.js";
import { kmsModel } from "./cases.js";
import { goEngine } from "./engines.js";

const lit = (text: string): MessageSegment => ({ kind: "literal", text });
const ph = (name: string): MessageSegment => ({ kind: "placeholder", name, text: name });

describe("compileRegex", () => {
  const apiName = kmsModel().entries.find((e) => e.id === "invalid-api-name")!;

  it("writes each dialect's anchors and group syntax", () => {
    expect(compileRegex(apiName.segments, "ecmascript")).toBe(String.raw`^The ApiName "(?<apiName>[\s\S]*)" is invalid\.$`);
    expect(compileRegex(apiName.segments, "python")).toBe(String.raw`\AThe ApiName "(?P<apiName>[\s\S]*)" is invalid\.\Z`);
    expect(compileRegex(apiName.segments, "java")).toBe(String.raw`\AThe ApiName "(?<apiName>[\s\S]*)" is invalid\.\z`);
    expect(compileRegex(apiName.segments, "re2")).toBe(String.raw`\AThe ApiName "(?P<apiName>[\s\S]*)" is invalid\.\z`);
  });

  it("escapes metacharacters, control characters and line separators", () => {
    const segments = [lit("a.b*c/d#e\n\u2028\u0000"), ph("x"), lit("$")];
    expect(compileRegex(segments, "ecmascript")).toBe(String.raw`^a\.b\*c\/d#e\x0A\u2028\x00(?<x>[\s\S]*)\$$`);
    expect(compileRegex(segments, "python")).toBe(String.raw`\Aa\.b\*c/d\#e\x0A\u2028\x00(?P<x>[\s\S]*)\$\Z`);
    expect(compileRegex(segments, "re2")).toBe(String.raw`\Aa\.b\*c/d#e\x0A\x{2028}\x00(?P<x>[\s\S]*)\$\z`);
  });

  it("stops every placeholder but the last at the first character after it, escaped for a class", () => {
    const segments = [ph("a"), lit("]x"), ph("b"), lit("&"), ph("c"), lit("😀"), ph("d"), lit(".")];
    expect(valueStops(segments)).toEqual(new Map([["a", "]"], ["b", "&"], ["c", "😀"]]));
    expect(compileRegex(segments, "java")).toBe(String.raw`\A(?<a>[^\]]*)\]x(?<b>[^\&]*)&(?<c>[^\x{1F600}]*)😀(?<d>[\s\S]*)\.\z`);
    expect(compileRegex(segments, "ecmascript")).toBe(String.raw`^(?<a>[^\]]*)\]x(?<b>[^&]*)&(?<c>[^\u{1F600}]*)😀(?<d>[\s\S]*)\.$`);
    expect(compileRegex(segments, "python")).toBe(String.raw`\A(?P<a>[^\]]*)\]x(?P<b>[^&]*)&(?P<c>[^\U0001F600]*)😀(?P<d>[\s\S]*)\.\Z`);
  });

  it("refuses placeholders with no text between them", () => {
    expect(() => compileRegex([ph("a"), ph("b")], "ecmascript")).toThrow(/followed by another placeholder/);
  });

  it("formats a message from values, quotes and newlines as they are", () => {
    expect(formatSegments(apiName.segments, { apiName: 'a"\nb' })).toBe('The ApiName "a"\nb" is invalid.');
  });
});

describe("re2Problems", () => {
  it.each([
    [String.raw`(?=a)`, "lookahead"],
    [String.raw`(?!a)`, "lookahead"],
    [String.raw`(?<=a)b`, "lookbehind"],
    [String.raw`(?<!a)b`, "lookbehind"],
    [String.raw`(a)\1`, "backreference"],
    [String.raw`(?<n>a)\k<n>`, "named backreference"],
    [String.raw`(?>a*)`, "atomic group"],
    [String.raw`a*+`, "possessive"],
    [String.raw`a{2}+`, "possessive"],
    [String.raw`\Aa\Z`, "\\Z"],
    [String.raw`\u00e9`, "\\u escape"],
  ])("rejects %s", (source, construct) => {
    const problems = re2Problems(source);
    expect(problems.map((p) => p.construct).join(", ")).toContain(construct);
  });

  it.each([
    String.raw`\A(?P<x>[\s\S]*)\z`,
    String.raw`[(?=]\(\?=\)`,
    String.raw`\\1 is an escaped backslash`,
    String.raw`a+b*?c{2,3}`,
    String.raw`\x{1F600}`,
  ])("accepts %s", (source) => {
    expect(re2Problems(source)).toEqual([]);
  });
});

describe("the re2 regexes of out/kms/patterns.json in Go's regexp", () => {
  const go = goEngine();
  afterAll(() => go.dispose());

  it.skipIf(go.unavailable !== undefined)(`match every positive fixture's message with its params, and no other entry's${go.unavailable ? `: skipped, ${go.unavailable}` : ""}`, () => {
    const patterns = JSON.parse(readFileSync("out/kms/patterns.json", "utf8")) as { entries: { id: string; code: string | null; message: string | null; regex: { re2: string } | null; placeholders: { name: string }[] }[] };
    const index = JSON.parse(readFileSync("out/kms/fixtures/index.json", "utf8")) as { fixtures: { kind: string; entry: string | null; code: string | null; message: string | null; params: Record<string, string> }[] };
    const positive = index.fixtures.filter((f) => f.kind === "positive" && f.message !== null);
    const withRegex = patterns.entries.flatMap((e) => (e.regex === null ? [] : [{ ...e, regex: e.regex }]));
    // An entry whose message is one placeholder alone matches any message by design (the overlay's
    // Rejected.Throttling: the SDKs read its code only); it is the only such entry.
    const catchAll = new Set(withRegex.filter((e) => /^<[^<>]+>$/.test(e.message ?? "")).map((e) => e.id));
    expect([...catchAll]).toEqual(["rejected-throttling"]);
    const cases = positive.flatMap((f) => withRegex.map((e) => ({ regex: e.regex.re2, input: f.message!, names: e.placeholders.map((p) => p.name), own: e.id === f.entry, sameCode: e.code === f.code, catchAll: catchAll.has(e.id), params: f.params })));
    const answers = go.run(cases);
    expect(answers).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      if (c.own) expect(answers[i], `${c.regex} on ${JSON.stringify(c.input)}`).toEqual(c.params);
    });
    // Messages of one entry that another's pattern of the same code also matches would make
    // classification ambiguous; across codes, only a catch-all pattern may match another's message.
    const crossMatches = cases.filter((c, i) => !c.own && (c.sameCode || !c.catchAll) && answers[i] !== undefined).map((c) => `${c.regex} matches ${JSON.stringify(c.input)}`);
    expect(crossMatches).toEqual([]);
    // The catch-all really does match every other message, as its entry says.
    expect(cases.filter((c, i) => c.catchAll && answers[i] === undefined).map((c) => c.input)).toEqual([]);
    expect(positive.length).toBeGreaterThan(40);
  });
});
