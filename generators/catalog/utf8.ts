/**
 * Strict UTF-8 decoding for every file errcat reads as text: a byte replaced by U+FFFD would reach the
 * output (or be written back) as something the file never said.
 */
import type { Diagnostic } from "./diagnostics.js";

/** The offset of the first byte that is not valid UTF-8, or undefined when all of it is. */
export function invalidUtf8At(bytes: Uint8Array): number | undefined {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Find the first bad sequence: decode growing prefixes by halving (rare path, only on a bad file).
    let lo = 0;
    let hi = bytes.length;
    const ok = (n: number) => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ok(mid)) lo = mid;
      else hi = mid - 1;
    }
    if (complete(bytes.subarray(0, lo))) return lo;
    // The prefix ends in an unfinished sequence, which streams fine: the bad sequence starts at its lead byte.
    let start = lo;
    while (start > 0 && lo - start < 3 && (bytes[start - 1]! & 0xc0) === 0x80) start--;
    return start > 0 && bytes[start - 1]! >= 0xc0 ? start - 1 : lo;
  }
}

function complete(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of `bytes`, or the `encoding` diagnostic at the first invalid byte (line and column count
 * characters before it). `fix` ends the message: what to save as UTF-8, and why.
 */
export function decodeUtf8Strictly(file: string, bytes: Uint8Array, fix: string): { text: string } | { diagnostic: Diagnostic } {
  try {
    // One decode that also validates; a leading BOM is kept in the text, as Buffer's decoder keeps it.
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // Located below.
  }
  const bad = invalidUtf8At(bytes) ?? 0;
  const before = Buffer.from(bytes.subarray(0, bad)).toString("utf8").split("\n");
  return { diagnostic: { file, line: before.length, column: before.at(-1)!.length + 1, rule: "encoding", message: `byte ${bad} is not valid UTF-8: ${fix}` } };
}
