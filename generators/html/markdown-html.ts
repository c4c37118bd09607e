/**
 * The Markdown that language targets contribute (their "handling" sections and entry notes) as HTML,
 * read with the same CommonMark + GFM parser that `errcat import` uses. Raw HTML in that Markdown is
 * shown as text, and a link is kept only when it goes somewhere from a standalone page: an anchor of
 * the page, a relative path, or an http, https or mailto URL.
 *
 * What the built-in targets write (paragraphs of text and code spans, fenced code) is rendered without
 * the parser, exactly as the parser would render it; the parser is loaded only for anything else
 * (`withMarkdownParser`), which keeps it out of an ordinary generate.
 */
import type { Nodes, Root } from "mdast";
import { followableUrl } from "../markdown/links.js";
import { escapeHtml } from "./html-escape.js";

let parser: ((markdown: string) => Root) | undefined;

/** Thrown by a render that needs the parser before it is loaded; withMarkdownParser loads it and renders again. */
class ParserNeeded extends Error {}

/** Loads the CommonMark parser (once). */
export async function loadMarkdownParser(): Promise<void> {
  parser ??= (await import("./markdown-parser.js")).parseMarkdown;
}

/** Runs render, and once more with the parser loaded if some Markdown needed it. */
export async function withMarkdownParser<T>(render: () => T): Promise<T> {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof ParserNeeded)) throw error;
    await loadMarkdownParser();
    return render();
  }
}

/** Block Markdown as HTML; headings keep their level (a section's own headings start at 3). */
export function markdownToHtml(markdown: string): string {
  return plainBlockHtml(markdown) ?? parsedBlockHtml(markdown);
}

/** The same through the CommonMark parser, for any Markdown. */
export function parsedBlockHtml(markdown: string): string {
  return render(parse(markdown)).trim();
}

/** One line of inline Markdown (an entry note) as inline HTML. */
export function inlineMarkdownToHtml(markdown: string): string {
  // Entry notes are one per entry and target: most are plain text with code spans, which need no parser.
  return plainInlineHtml(markdown) ?? parsedInlineHtml(markdown);
}

/** The same through the CommonMark parser, for any note. */
export function parsedInlineHtml(markdown: string): string {
  const tree = parse(markdown);
  const first = tree.type === "root" && tree.children.length === 1 && tree.children[0]!.type === "paragraph" ? tree.children[0] : undefined;
  return first ? children(first) : render(tree);
}

/** Outside code spans, anything that could start other Markdown sends a note to the parser. */
const NOT_PLAIN = /[\\*_[\]<>&!~|\t\n\r\u0000-\u001f\u007f-\u009f]/;

/**
 * The HTML of a one-line note made of plain text and code spans only (what the parser would give),
 * or undefined when the note holds anything else. Code spans follow CommonMark: a run of n backticks
 * closes at the next run of exactly n; an unmatched run is literal; one space is stripped from each
 * end of content that starts and ends with one and is not all spaces.
 */
export function plainInlineHtml(markdown: string): string | undefined {
  if (!/^[A-Za-z]/.test(markdown) || /\s$/.test(markdown)) return undefined;
  return inlineHtml(markdown, false);
}

/**
 * Text and code spans as HTML, or undefined for anything else. With `closedSpans`, an unmatched backtick
 * run is refused too: in a paragraph of several lines it could pair with a run on another line.
 */
function inlineHtml(markdown: string, closedSpans: boolean): string | undefined {
  let html = "";
  let i = 0;
  while (i < markdown.length) {
    const tick = markdown.indexOf("`", i);
    const text = markdown.slice(i, tick < 0 ? markdown.length : tick);
    if (NOT_PLAIN.test(text)) return undefined;
    html += escapeHtml(text);
    if (tick < 0) break;
    let end = tick;
    while (markdown[end] === "`") end++;
    const run = end - tick;
    let close = -1;
    for (let j = markdown.indexOf("`", end); j >= 0; j = markdown.indexOf("`", j)) {
      let k = j;
      while (markdown[k] === "`") k++;
      if (k - j === run) {
        close = j;
        break;
      }
      j = k;
    }
    if (close < 0) {
      if (closedSpans) return undefined;
      // An unmatched run is literal text; a later run may still open a span.
      html += "`".repeat(run);
      i = end;
      continue;
    }
    let code = markdown.slice(end, close);
    if (/[\u0000-\u001f\u007f-\u009f]/.test(code)) return undefined;
    if (code.length > 1 && code.startsWith(" ") && code.endsWith(" ") && /[^ ]/.test(code)) code = code.slice(1, -1);
    html += `<code>${escapeHtml(code)}</code>`;
    i = close + run;
  }
  return html;
}

/** A fence line: three or more backticks and an optional info word (the language). */
const FENCE = /^(`{3,})([A-Za-z0-9_+-]*)$/;
/** A paragraph line that starts nothing else in CommonMark (a heading, a list, a quote, a break, HTML, a fence). */
const PARAGRAPH_LINE = /^(?:[A-Za-z("']|`{1,2}(?!`))/;

/**
 * The HTML of block Markdown made only of paragraphs (lines of text and code spans) and backtick-fenced
 * code, as the parser renders it; undefined for anything else.
 */
export function plainBlockHtml(markdown: string): string | undefined {
  if (/[\r\u0000]/.test(markdown)) return undefined;
  const lines = markdown.split("\n");
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence !== null) {
      const close = lines.indexOf(fence[1]!, i + 1);
      if (close < 0) return undefined;
      const code = lines.slice(i + 1, close);
      // A line inside that a parser could take for a fence (longer, indented, or with spaces) is its to judge.
      if (code.some((l) => /^ {0,3}(?:`{3,}|~{3,})/.test(l))) return undefined;
      const lang = fence[2] ? ` class="language-${fence[2]}"` : "";
      blocks.push(`<pre><code${lang}>${escapeHtml(code.join("\n"))}</code></pre>\n`);
      i = close + 1;
      continue;
    }
    const html: string[] = [];
    for (; i < lines.length && lines[i] !== "" && !FENCE.test(lines[i]!); i++) {
      const text = lines[i]!;
      if (!PARAGRAPH_LINE.test(text) || /\s$/.test(text)) return undefined;
      const inline = inlineHtml(text, true);
      if (inline === undefined) return undefined;
      html.push(inline);
    }
    blocks.push(`<p>${html.join("\n")}</p>\n`);
  }
  return blocks.join("\n").trim();
}

function parse(markdown: string): Root {
  if (parser === undefined) throw new ParserNeeded("the Markdown parser is not loaded: call loadMarkdownParser() first");
  return parser(markdown);
}

function children(node: Nodes): string {
  return "children" in node ? node.children.map((c) => render(c as Nodes)).join("") : "";
}

/** Where a link may point from the page, or undefined for a link shown as its text. */
function linkTarget(url: string): string | undefined {
  if (/^#[A-Za-z][A-Za-z0-9_-]*$/.test(url)) return url;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && !url.startsWith("//") && url.length > 0) return url;
  return followableUrl(url);
}

function render(node: Nodes): string {
  switch (node.type) {
    case "root":
      return node.children.map((c) => render(c)).join("\n");
    case "paragraph":
      return `<p>${children(node)}</p>\n`;
    case "heading":
      return `<h${node.depth}>${children(node)}</h${node.depth}>\n`;
    case "text":
      return escapeHtml(node.value);
    case "inlineCode":
      return `<code>${escapeHtml(node.value)}</code>`;
    case "code": {
      const lang = node.lang && /^[A-Za-z0-9_+-]+$/.test(node.lang) ? ` class="language-${node.lang}"` : "";
      return `<pre><code${lang}>${escapeHtml(node.value)}</code></pre>\n`;
    }
    case "emphasis":
      return `<em>${children(node)}</em>`;
    case "strong":
      return `<strong>${children(node)}</strong>`;
    case "delete":
      return `<del>${children(node)}</del>`;
    case "break":
      return "<br>";
    case "link": {
      const target = linkTarget(node.url);
      return target === undefined ? children(node) : `<a href="${escapeHtml(target)}">${children(node)}</a>`;
    }
    case "image":
      return escapeHtml(node.alt ?? "");
    case "list": {
      const tag = node.ordered ? "ol" : "ul";
      return `<${tag}>\n${node.children.map((item) => render(item)).join("")}</${tag}>\n`;
    }
    case "listItem": {
      // A tight list item's paragraphs are shown without <p>, as Markdown renderers do.
      const inner = node.children.map((c) => (c.type === "paragraph" && !node.spread ? children(c) : render(c))).join("");
      return `<li>${inner.trim()}</li>\n`;
    }
    case "blockquote":
      return `<blockquote>\n${children(node)}</blockquote>\n`;
    case "thematicBreak":
      return "<hr>\n";
    case "html":
      return escapeHtml(node.value);
    case "table": {
      const [head, ...rows] = node.children;
      const cells = (row: (typeof node.children)[number], tag: "th" | "td") => row.children.map((c) => `<${tag}>${children(c)}</${tag}>`).join("");
      return `<table>\n<thead><tr>${head ? cells(head, "th") : ""}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${cells(r, "td")}</tr>`).join("\n")}\n</tbody>\n</table>\n`;
    }
    default:
      // Definitions, footnotes and the like carry nothing a reader of the page needs.
      return "";
  }
}
