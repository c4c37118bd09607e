/**
 * An entry's links, said once. A link whose title the entry's text already names ("For details, see
 * Contact us.") becomes a link at that place when the catalog gives its URL, and stays plain text when
 * it does not; only links the text does not name are listed under "See also", and a link without a
 * URL is never written as if it went somewhere.
 */
import type { CatalogEntry, Link } from "../catalog/model.js";

/** A URL a reader can follow (http, https or mailto), normalized; undefined for anything else. */
export function followableUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!["http:", "https:", "mailto:"].includes(parsed.protocol)) return undefined;
  // The WHATWG serializer leaves `\`, `<`, `>` and parentheses in some parts; none may end a Markdown or HTML destination.
  return parsed.href.replace(/[\\<>()"'\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

export interface TextPiece {
  readonly text: string;
  /** Set on the piece that is a link's title, when the link has a followable URL. */
  readonly url?: string;
}

export interface EntryLinks {
  /** The meaning, split so each named link with a URL is its own piece. */
  readonly meaning: readonly TextPiece[];
  readonly fix: readonly TextPiece[];
  /** The links the text does not name, in catalog order. */
  readonly seeAlso: readonly Link[];
}

/** Where an entry's links go: inline at the first place its meaning or fix names them, or under "See also". */
export function entryLinks(entry: CatalogEntry): EntryLinks {
  const meaning: TextPiece[] = [{ text: entry.meaning }];
  const fix: TextPiece[] = [{ text: entry.fix }];
  const seeAlso: Link[] = [];
  for (const link of entry.links) {
    const named = link.title.length > 0 && (entry.meaning.includes(link.title) || entry.fix.includes(link.title));
    if (!named) {
      seeAlso.push(link);
      continue;
    }
    const url = followableUrl(link.url);
    if (url !== undefined) linkFirst(entry.meaning.includes(link.title) ? meaning : fix, link.title, url);
  }
  return { meaning, fix, seeAlso };
}

/** Splits the first plain piece that contains `title` around it, the title becoming a linked piece. */
function linkFirst(pieces: TextPiece[], title: string, url: string): void {
  const i = pieces.findIndex((p) => p.url === undefined && p.text.includes(title));
  if (i < 0) return;
  const piece = pieces[i]!;
  const at = piece.text.indexOf(title);
  const parts: TextPiece[] = [{ text: piece.text.slice(0, at) }, { text: title, url }, { text: piece.text.slice(at + title.length) }];
  pieces.splice(i, 1, ...parts.filter((p) => p.text.length > 0));
}

/** Splits pieces at their line breaks: one list of pieces per line (a paragraph on the page). */
export function pieceLines(pieces: readonly TextPiece[]): TextPiece[][] {
  const lines: TextPiece[][] = [[]];
  for (const piece of pieces) {
    const parts = piece.text.split(/\r\n|\r|\n/);
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part.length > 0) lines.at(-1)!.push(piece.url !== undefined ? { text: part, url: piece.url } : { text: part });
    });
  }
  return lines.filter((l) => l.some((p) => p.text.trim().length > 0));
}
