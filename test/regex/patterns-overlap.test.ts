/** patternsOverlap: whether one message could match two patterns (placeholders match any text, empty included). */
import { describe, expect, it } from "vitest";
import { parsePattern, patternsOverlap } from "../../generators/catalog/pattern.js";

const overlap = (a: string, b: string) => patternsOverlap(parsePattern(a).segments, parsePattern(b).segments);

describe("patternsOverlap", () => {
  it.each([
    ["identical literals", "Internal Failure.", "Internal Failure."],
    ["a placeholder can take the other's text", 'The key "<k>" is gone.', 'The key "abc" is gone.'],
    ["a placeholder can be empty", 'The key "<k>" is gone.', 'The key "" is gone.'],
    ["prefix against suffix", "a<x>", "<y>b"],
    ["both all placeholder", "<x>", "<y>"],
    ["a placeholder can swallow quotes", 'Say "<x>".', 'Say "a" and "<y>".'],
    ["astral characters compare as characters", "😀<x>", "<y>😀"],
  ])("overlap: %s", (_, a, b) => {
    expect(overlap(a, b)).toBe(true);
    expect(overlap(b, a)).toBe(true);
  });

  it.each([
    ["different literals", "The Param Date is invalid.", "The Param x-kms-signaturemethod is invalid."],
    ["one is the other plus text", "The Param x is invalid.", 'The Param x is invalid. message:"<v>".'],
    ["fixed text differs around the placeholder", 'The key "<k>" is gone.', 'The key "<k>" is here.'],
    ["different first character", "a<x>", "b<y>"],
    ["different last character", "<x>a", "<y>b"],
    ["literal shorter than the other's fixed text", "ab", "a<x>bc"],
  ])("no overlap: %s", (_, a, b) => {
    expect(overlap(a, b)).toBe(false);
    expect(overlap(b, a)).toBe(false);
  });

  it("agrees with a brute-force check over short strings", () => {
    const patterns = ["a<x>", "<x>a", "a<x>b", "ab", "<x>", "b<x>a", "a<x>a<y>", "aa", "ba", "<x>b<y>"];
    const alphabet = ["a", "b"];
    const strings = [""];
    for (let n = 1; n <= 5; n++) for (const s of strings.filter((x) => x.length === n - 1)) for (const c of alphabet) strings.push(s + c);
    const toRegex = (p: string) => new RegExp(`^${parsePattern(p).segments.map((s) => (s.kind === "literal" ? s.text : "[ab]*")).join("")}$`);
    for (const a of patterns) {
      for (const b of patterns) {
        const brute = strings.some((s) => toRegex(a).test(s) && toRegex(b).test(s));
        expect(overlap(a, b), `${a} vs ${b}`).toBe(brute);
      }
    }
  });
});
