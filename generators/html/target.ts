/**
 * The html target: errors.html, the reference as one self-contained page (page.ts renders it). The page's
 * code, with its Markdown parser, loads only when the page is generated: `errcat validate` and the
 * rules of a run need the target, not the parser.
 */
import { defineTarget, readOptions } from "../target/define-target.js";

export const ERRORS_HTML_PATH = "errors.html";

export const htmlTarget = defineTarget({
  name: "html",
  description: "errors.html: the reference as one self-contained page with diagrams, search and print layout",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  async generate({ model, preamble, docsSections }) {
    const { renderErrorsHtml } = await import("./page.js");
    return [{ path: ERRORS_HTML_PATH, contents: renderErrorsHtml(model, preamble, docsSections) }];
  },
});
