/**
 * Every generated regex, in every dialect, is free of catastrophic backtracking according to
 * recheck. recheck reads ECMAScript syntax, so the other dialects are translated token for token
 * (anchors, group syntax, escapes) before the check; the structure checked is the structure emitted.
 */
import { describe, expect, it } from "vitest";
import { check } from "recheck";
import type { MessageSegment } from "../../generators/catalog/model.js";
import { compileRegex, DIALECTS, type Dialect } from "../../generators/regex/dialects.js";
import { kmsModel, SYNTHETIC } from "./cases.js";

/** A dialect's source in ECMAScript syntax (u flag). Throws on anything it does not know. */
export function asEcmascript(source: string, dialect: Dialect): string {
  if (dialect === "ecmascript") return source;
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch !== "\\") {
      if (ch === "(" && source.startsWith("(?P<", i)) {
        out += "(?<";
        i += 3;
      } else out += ch;
      continue;
    }
    const next = source[i + 1]!;
    i += 1;
    if (next === "A") out += "^";
    else if (next === "z" || (next === "Z" && dialect === "python")) out += "$";
    else if (next === "#") out += "#";
    else if (next === "x" && source[i + 1] === "{") {
      const end = source.indexOf("}", i);
      out += `\\u{${source.slice(i + 2, end)}}`;
      i = end;
    } else if (next === "U") {
      out += `\\u{${source.slice(i + 1, i + 9).replace(/^0+/, "")}}`;
      i += 8;
    } else if ("\\^$.|?*+()[]{}/-sSnrtxu".includes(next)) out += `\\${next}`;
    else if (next === "&") out += "&";
    else throw new Error(`no translation for \\${next} in ${source}`);
  }
  return out;
}

const all: { id: string; segments: readonly MessageSegment[] }[] = [
  ...kmsModel().entries.filter((e) => e.message !== undefined).map((e) => ({ id: e.id, segments: e.segments })),
  ...SYNTHETIC,
];

describe("recheck finds every generated regex safe", () => {
  for (const dialect of DIALECTS) {
    it(dialect, async () => {
      for (const { id, segments } of all) {
        const source = asEcmascript(compileRegex(segments, dialect), dialect);
        expect(() => new RegExp(source, "u"), `${id}: ${source}`).not.toThrow();
        const result = await check(source, "u");
        expect({ id, source, status: result.status }).toEqual({ id, source, status: "safe" });
      }
    });
  }

  it("and would flag the naive form of a multi-placeholder pattern (so the check has teeth)", async () => {
    const naive = String.raw`^Key "(?<keyId>[\s\S]*)" in store "(?<store>[\s\S]*)": (?<reason>[\s\S]*)\.$`;
    const result = await check(naive, "u");
    expect(result.status).toBe("vulnerable");
    const emitted = compileRegex(SYNTHETIC[0]!.segments, "ecmascript");
    expect(emitted).toBe(String.raw`^Key "(?<keyId>[^"]*)" in store "(?<store>[^"]*)": (?<reason>[\s\S]*)\.$`);
  });
});
