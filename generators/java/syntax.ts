/**
 * How Java source spells string literals, Javadoc and the preamble, and how a pom spells XML text.
 * javac turns every backslash-u sequence into a character before it reads anything else, in
 * comments too, so everything printed here is plain ASCII and no catalog text can form one.
 */
import type { Syntax } from "../emit/printer.js";

/** Printable ASCII other than `"` and `\`: what a string literal holds as it is. */
const PLAIN_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A Java string literal holding exactly `value` (lone surrogates included), in ASCII. */
export function javaString(value: string): string {
  // Most values are plain: skip the per-character escape, the cost of a large module.
  if (PLAIN_STRING.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    // Octal, not \u000a-style: javac would turn a unicode escape of a line end into a real one.
    else if (c < 0x20 || c === 0x7f) out += `\\${c.toString(8).padStart(3, "0")}`;
    else if (c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += value[i];
  }
  return out + '"';
}

/** Printable ASCII, tabs and line feeds, without `&` `<` `>` `@` `\`: Javadoc text that needs no escape unless it holds `*` `/`. */
const PLAIN_JAVADOC = /^[\t\n\x20-\x25\x27-\x3b\x3d\x3f\x41-\x5b\x5d-\x7e]*$/;

/**
 * Text for a Javadoc comment: HTML-escaped (so `<`, `>`, `&` are text and `@` starts no tag), with
 * `*` `/` unable to end the comment, backslashes unable to start a unicode escape, and every
 * character outside printable ASCII as an HTML character reference.
 */
export function javadocText(text: string): string {
  if (PLAIN_JAVADOC.test(text) && !text.includes("*/")) return text;
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    const c = ch.codePointAt(0)!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === "@") out += "&#64;";
    else if (ch === "\\") out += "&#92;";
    else if (ch === "/" && out.endsWith("*")) out += "&#47;";
    else if (ch === "\n" || ch === "\t") out += ch;
    else if (c < 0x20 || c > 0x7e) out += `&#x${c.toString(16).toUpperCase()};`;
    else out += ch;
  }
  return out;
}

/** A Javadoc comment, each line indented by `indent`; no newline after it. */
export function javadoc(text: string, indent: string): string {
  const lines = javadocText(text).split("\n").map((l) => l.replace(/\s+$/, ""));
  const body = lines.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`));
  return [`${indent}/**`, ...body, `${indent} */`].join("\n");
}

/** A Javadoc comment with a `@param` tag per parameter: the tags are Javadoc, their names identifiers, their texts escaped. */
export function javadocWithParams(text: string, params: readonly { readonly name: string; readonly text: string }[], indent: string): string {
  if (params.length === 0) return javadoc(text, indent);
  const tags = params.map((p) => `${indent} * @param ${p.name} ${javadocText(p.text).replace(/\s*\n\s*/g, " ").trim()}`);
  return [javadoc(text, indent).replace(/\n[^\n]*$/, ""), `${indent} *`, ...tags, `${indent} */`].join("\n");
}

/** A line comment's text: printable ASCII, with backslashes doubled so none can start a unicode escape. */
export function lineCommentText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/[^\x20-\x7e]/g, "?");
}

export const javaSyntax: Syntax = {
  string: javaString,
  docComment: javadoc,
  // No imports(): a Java file's package line comes before its imports, so files print both themselves.
  preamble: (preamble) => `// ${lineCommentText(preamble)}`,
};

/** Text or an attribute value in XML. */
export function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    // Characters XML 1.0 cannot hold at all become a visible replacement.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd");
}

/** The text of an XML comment: "--" may not appear in one, nor a "-" at its end. */
export function xmlCommentText(text: string): string {
  return xmlText(text).replace(/-(?=-)/g, "- ").replace(/-$/, "- ").replace(/[\r\n]+/g, " ");
}

export const xmlSyntax: Syntax = {
  string: xmlText,
  docComment: (text, indent) => `${indent}<!-- ${xmlCommentText(text)} -->`,
  preamble: (preamble) => `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${xmlCommentText(preamble)} -->`,
};
