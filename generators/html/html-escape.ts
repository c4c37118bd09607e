/**
 * Text and attribute values in HTML (and inline SVG): the characters that can start or end markup,
 * and control characters, which the HTML parser would otherwise drop or rewrite, as references.
 */
export function escapeHtml(text: string): string {
  // Most catalog text has none of them: a test is cheaper than a replace that finds nothing.
  if (!MARKUP_OR_CONTROL.test(text)) return text;
  return text.replace(MARKUP_OR_CONTROL_ALL, (c) => (c === "\u0000" ? "&#65533;" : `&#${c.charCodeAt(0)};`));
}

const MARKUP_OR_CONTROL = /[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const MARKUP_OR_CONTROL_ALL = new RegExp(MARKUP_OR_CONTROL.source, "g");
