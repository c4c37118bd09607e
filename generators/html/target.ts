/**
 * The html target: errors.html, the reference as one self-contained page (page.ts renders it). The page's
 * code loads only when the page is generated (`errcat validate` and the rules of a run need the target,
 * not the page), and its Markdown parser only when a section or note is more than text, code spans and
 * fenced code.
 */
import { defineTarget, readOptions } from "../target/define-target.js";

export const ERRORS_HTML_PATH = "errors.html";

export const htmlTarget = defineTarget({
  name: "html",
  description: "errors.html: the reference as one self-contained page with diagrams, search and print layout",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  async generate({ model, preamble, docsSections }) {
    const [{ renderErrorsHtml }, { withMarkdownParser }] = await Promise.all([import("./page.js"), import("./markdown-html.js")]);
    return [{ path: ERRORS_HTML_PATH, contents: await withMarkdownParser(() => renderErrorsHtml(model, preamble, docsSections)) }];
  },
});
