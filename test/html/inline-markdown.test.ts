/**
 * Entry notes skip the Markdown parser when they are plain text and code spans: that shortcut must give
 * exactly what the parser gives, for any note it accepts, and it must accept the notes the built-in
 * targets write (else the page pays a parse per entry and target again).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import { defaultOutputs } from "../../generators/pipeline.js";
import { createTargetContext } from "../../generators/target/define-target.js";
import { loadMarkdownParser, parsedInlineHtml, plainInlineHtml } from "../../generators/html/markdown-html.js";

await loadMarkdownParser();

// Letters, spaces and backticks (code spans of every length), and each character that means Markdown.
const piece = fc.oneof(
  fc.constantFrom("a", "Z", " ", "  ", "`", "``", "```", "x.y", "é", "\u00a0", "1.", "# ", "- "),
  fc.constantFrom("*", "_", "[", "]", "(", ")", "<", ">", "&", "&amp;", "!", "~", "|", "\\", "\t", "\n", "\u0000", "\u0085", "http://x.y", ":"),
);
const note = fc.array(piece, { maxLength: 14 }).map((p) => p.join(""));

describe("plainInlineHtml", () => {
  it("gives what the CommonMark parser gives, whenever it takes a note", () => {
    fc.assert(
      fc.property(note, (text) => {
        const plain = plainInlineHtml(text);
        if (plain !== undefined) expect(plain).toBe(parsedInlineHtml(text));
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ["Go: `kmserrors.ErrX`, `kmserrors.IDX`", "Go: <code>kmserrors.ErrX</code>, <code>kmserrors.IDX</code>"],
    ["A `` ` `` tick", "A <code>`</code> tick"],
    ["Unmatched `` run `x`", "Unmatched `` run <code>x</code>"],
    ["Code ` a ` padded", "Code <code>a</code> padded"],
    ["Code `  ` spaces", "Code <code>  </code> spaces"],
    ["Inside `<b>&amp;*x*` literal", "Inside <code>&#60;b&#62;&#38;amp;*x*</code> literal"],
  ])("%j is %j, as the parser says", (text, html) => {
    expect(plainInlineHtml(text)).toBe(html);
    expect(parsedInlineHtml(text)).toBe(html);
  });

  it.each(["*emphasis*", "a [link](x)", "x <b>", "AT&amp;T", "1. list", " lead", "trail ", "two\nlines", "back\\slash"])("leaves %j to the parser", (text) => {
    expect(plainInlineHtml(text)).toBeUndefined();
  });

  it("takes every entry note the built-in targets write for catalog/kms.yaml", async () => {
    const model = await loadCatalog("catalog/kms.yaml");
    const notes = (await defaultOutputs()).flatMap((o) => Object.values(o.target.docs?.(createTargetContext(model, o.options, "", "0.1.0", []))?.entryNotes ?? {}));
    expect(notes.length).toBeGreaterThan(model.entries.length);
    expect(notes.filter((n) => plainInlineHtml(n) === undefined)).toEqual([]);
  });
});
