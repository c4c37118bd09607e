/**
 * Word splitting and casing of catalog names, shared by the targets (each derives its own names with
 * these), and the proto enum's value names, which the catalog's numbers are the values of.
 */

/**
 * Splits "Forbidden.KeyNotFound", "key-not-found", "apiversion value" into words: runs of ASCII letters
 * and digits, each also split before a capital that follows a lower-case letter or a digit. One scan
 * over the characters, since every target derives several names per entry with it.
 */
export function words(text: string): string[] {
  const found: string[] = [];
  let start = -1;
  let previous = WORD_BREAK;
  for (let i = 0; i < text.length; i++) {
    const kind = charKind(text.charCodeAt(i));
    if (kind === WORD_BREAK) {
      if (start >= 0) found.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    } else if (kind === UPPER && previous === LOWER_OR_DIGIT) {
      found.push(text.slice(start, i));
      start = i;
    }
    previous = kind;
  }
  if (start >= 0) found.push(text.slice(start));
  return found;
}

const WORD_BREAK = 0;
const UPPER = 1;
const LOWER_OR_DIGIT = 2;

function charKind(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return UPPER; // A-Z
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return LOWER_OR_DIGIT; // a-z, 0-9
  return WORD_BREAK;
}

/**
 * One derivation per distinct text: each target derives the same entry's names again (and some several
 * times), 25,000 entries at a time. Cleared when large, so a long watch session cannot grow it without end.
 */
export function memoName(derive: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let name = cache.get(text);
    if (name === undefined) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      name = derive(text);
      cache.set(text, name);
    }
    return name;
  };
}

const MEMO_LIMIT = 200_000;

/** "Forbidden.KeyNotFound" → "ForbiddenKeyNotFound"; keeps inner capitals. */
export const pascalCase = memoName((text) => text
  .split(/[^A-Za-z0-9]+/)
  .filter((p) => p.length > 0)
  .map((p) => p[0]!.toUpperCase() + p.slice(1))
  .join(""));

/** "apiversion value" → "apiversionValue"; "accessKeyId" stays. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.length === 0 ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** "key-not-found-in-key-store" → "KEY_NOT_FOUND_IN_KEY_STORE". */
export const constantCase = memoName((text) => words(text)
  .map((w) => w.toUpperCase())
  .join("_"));

/** The proto enum that holds one value per catalog entry; the .proto declares it and the docs show its values. */
export const ERROR_CODE_ENUM = "ErrorCode";

/** The proto enum value of an entry: ("ErrorCode", "key-not-found") → "ERROR_CODE_KEY_NOT_FOUND". */
export function enumValueName(enumName: string, id: string): string {
  return `${constantCase(enumName)}_${constantCase(id)}`;
}
