/**
 * The language targets' "handling" sections skip the Markdown parser when they are paragraphs of text
 * and code spans and backtick-fenced code: that shortcut must give exactly what the parser gives for any
 * Markdown it accepts, and it must accept the sections the built-in targets write (else every generate
 * loads and runs the parser again).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../generators/catalog/index.js";
import { defaultOutputs } from "../../generators/pipeline.js";
import { createTargetContext } from "../../generators/target/define-target.js";
import { loadMarkdownParser, markdownToHtml, parsedBlockHtml, plainBlockHtml, withMarkdownParser } from "../../generators/html/markdown-html.js";

await loadMarkdownParser();

const word = fc.constantFrom("a", "Go", "x.y", "é", "say", "(note)", "'q'", '"q"', "1.", "2)", "#", "-", "*", "+", ">", "<b>", "&amp;", "|", "~", "\\", "_", "=", "[l](x)");
const span = fc.constantFrom("`code`", "`` a`b ``", "` `", "`", "``", "```", "`x` `y`");
const lineOf = fc.array(fc.oneof(word, span, fc.constantFrom(" ", "  ", "\t")), { minLength: 1, maxLength: 6 }).map((p) => p.join(""));
const fenceOf = fc.tuple(fc.constantFrom("```", "````", "```go", "```python", "``` go", "~~~", "```x y"), fc.array(fc.oneof(lineOf, fc.constantFrom("", "  indented", "```", "````", "~~~", "\tx <&>")), { maxLength: 4 }), fc.constantFrom("```", "````", "", "~~~", "``` "))
  .map(([open, body, close]) => [open, ...body, close].join("\n"));
const markdown = fc.array(fc.oneof(lineOf, fenceOf, fc.constant(""), fc.constant("   "), fc.constant("===")), { maxLength: 8 }).map((blocks) => blocks.join("\n"));

describe("plainBlockHtml", () => {
  it("gives what the CommonMark parser gives, whenever it takes the Markdown", () => {
    let taken = 0;
    fc.assert(
      fc.property(markdown, (text) => {
        const plain = plainBlockHtml(text);
        if (plain === undefined) return;
        taken++;
        expect(plain).toBe(parsedBlockHtml(text));
      }),
      { numRuns: 3000 },
    );
    expect(taken, "the generator reaches the shortcut often enough to test it").toBeGreaterThan(300);
  });

  it.each([
    ["Two lines\nof `code` text.", "<p>Two lines\nof <code>code</code> text.</p>"],
    ["Para.\n```go\nx := <1> & 2\n\n\ty\n```\nAfter.", '<p>Para.</p>\n\n<pre><code class="language-go">x := &#60;1&#62; &#38; 2\n\n\ty</code></pre>\n\n<p>After.</p>'],
    ["```\n```", "<pre><code></code></pre>"],
  ])("%j is as the parser renders it", (text, html) => {
    expect(plainBlockHtml(text)).toBe(html);
    expect(parsedBlockHtml(text)).toBe(html);
  });

  it.each(["# Heading", "A\n===", "A\n- item", "A\n1. item", "* x", "> quote", "    indented", "A  \nhard break", "```\nnot closed", "```\n````\n```", "A `span\nacross` lines", "A | table"])("leaves %j to the parser", (text) => {
    expect(plainBlockHtml(text)).toBeUndefined();
  });

  it("takes every handling section the built-in targets write for catalog/kms.yaml", async () => {
    const model = await loadCatalog("catalog/kms.yaml");
    const sections = (await defaultOutputs()).flatMap((o) => {
      const section = o.target.docs?.(createTargetContext(model, o.options, "", "0.1.0", []));
      return section === undefined ? [] : [section];
    });
    expect(sections.length).toBeGreaterThanOrEqual(4);
    expect(sections.filter((s) => plainBlockHtml(s.markdown) === undefined).map((s) => s.title)).toEqual([]);
  });

  it("withMarkdownParser renders once when no Markdown needs the parser, and again with it when one does", async () => {
    let renders = 0;
    expect(await withMarkdownParser(() => (renders++, markdownToHtml("Plain `text`.")))).toBe("<p>Plain <code>text</code>.</p>");
    expect(renders).toBe(1);
    expect(await withMarkdownParser(() => markdownToHtml("*emphasis*"))).toBe("<p><em>emphasis</em></p>");
  });
});
