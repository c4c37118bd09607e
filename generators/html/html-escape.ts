/**
 * Text and attribute values in HTML (and inline SVG): the characters that can start or end markup,
 * and control characters, which the HTML parser would otherwise drop or rewrite, as references.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => (c === "\u0000" ? "&#65533;" : `&#${c.charCodeAt(0)};`));
}
