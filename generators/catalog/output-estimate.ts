/**
 * How much a catalog makes `generate` write, estimated from its entries before anything is generated,
 * so that `validate` can refuse what one process cannot hold. The per-entry costs are measured on
 * generated output (catalogs varying one property at a time) and round up.
 */

export interface EstimatedEntry {
  readonly id: string;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly meaning?: string | undefined;
  readonly fix?: string | undefined;
  readonly placeholders?: readonly { example: string; description?: string | undefined }[] | undefined;
}

export interface OutputEstimate {
  /** The files that grow with the catalog, fixtures/index.json first; the last is every other file together. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  /** The largest generated file, by the estimate. */
  readonly largest: { readonly path: string; readonly bytes: number };
  /** Every file of a run but fixtures/index.json, which is built as one string: what the printers hold at once. */
  readonly printedBytes: number;
}

/**
 * Bytes one entry adds to a file: a fixed part, then per character of its message (more in files that
 * print a message per fixture when it has placeholders), of its other text (meaning, fix, placeholder
 * descriptions), per placeholder, per character of the placeholders' examples, of its id and of its code.
 */
interface FileCost {
  readonly path: string;
  /** The file's size without entries (for the row of other files, the runtimes copied verbatim). */
  readonly fixed: number;
  readonly base: number;
  readonly message: number;
  readonly text: number;
  readonly placeholder: number;
  readonly example: number;
  readonly id: number;
  readonly code: number;
}

const cost = (path: string, base: number, message: number, text: number, placeholder: number, example: number, id: number, code: number, fixed = 20_000): FileCost => ({ path, fixed, base, message, text, placeholder, example, id, code });

/** The files that grow with the catalog, by target; the last row is every other file together (per-entry fixtures, parameter types, …). */
const FILE_COSTS: readonly FileCost[] = [
  cost("patterns.json", 360, 5, 0, 150, 0, 3, 3),
  cost("errors.html", 1_250, 4.5, 1.2, 200, 3.5, 12, 11),
  cost("python/<service>_errors/__init__.py", 750, 3.5, 1.7, 45, 0.5, 12, 9),
  cost("ERRORS.md", 550, 3.5, 2.2, 75, 2.5, 11, 12),
  cost("java/…/ErrorCode.java", 240, 3.5, 2.2, 15, 0.5, 3, 3),
  cost("catalog.json", 660, 2.5, 1.2, 330, 1.5, 4, 3),
  cost("go/catalog.go", 430, 3.5, 1.7, 170, 0.5, 6, 13),
  cost("proto/…/errors.proto", 240, 2.5, 1.2, 10, 0.5, 2, 3),
  cost("index.ts", 910, 1.5, 1.2, 40, 0.5, 9, 16),
  cost("(the other files)", 2_150, 3.5, 0.5, 280, 1.5, 11, 9, 200_000),
];

/** Characters as the widest escape any target gives them: an HTML entity, a JSON `\u` escape, or up to 3 UTF-8 bytes. */
function printedLength(text: string | undefined): number {
  if (text === undefined) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27 || c === 0x5c || c < 0x20 ? 6 : c < 0x80 ? 1 : 3;
  }
  return n;
}

/** Estimates the largest file and the printed bytes of one run of every built-in target. */
export function estimateOutput(entries: readonly EstimatedEntry[], statusCount: number): OutputEstimate {
  const sizes = FILE_COSTS.map((f) => f.fixed + 2_000 * statusCount);
  for (const e of entries) {
    const message = printedLength(e.message);
    const placeholders = e.placeholders ?? [];
    let text = printedLength(e.meaning) + printedLength(e.fix);
    let examples = 0;
    for (const p of placeholders) {
      text += printedLength(p.description);
      examples += printedLength(p.example);
    }
    FILE_COSTS.forEach((f, i) => {
      sizes[i]! += f.base + f.message * message + f.text * text + f.placeholder * placeholders.length + f.example * examples + f.id * e.id.length + f.code * (e.code?.length ?? 0);
    });
  }
  const files = [{ path: "fixtures/index.json", bytes: fixturesIndexBytes(entries, statusCount) }, ...FILE_COSTS.map((f, i) => ({ path: f.path, bytes: Math.ceil(sizes[i]!) }))];
  // The row of other files is many files, never one large one.
  const largest = files.slice(0, -1).reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { files, largest, printedBytes: files.slice(1).reduce((n, f) => n + f.bytes, 0) };
}

/**
 * The size of fixtures/index.json: six fixtures per entry with placeholders (the example values and five
 * awkward ones, the longest 1 KB per placeholder), one otherwise; each fixture holds its message twice
 * as JSON, its body in base64, and its parameters twice.
 */
function fixturesIndexBytes(entries: readonly EstimatedEntry[], statusCount: number): number {
  let total = 40_000 + 4_000 * statusCount;
  for (const e of entries) {
    const base = 1_150 + 3 * e.id.length + 4 * (e.code?.length ?? 0);
    if (e.message === undefined) {
      total += base;
      continue;
    }
    const placeholders = e.placeholders ?? [];
    const fixtures = placeholders.length > 0 ? 6 : 1;
    // JSON text of the message twice, and its UTF-8 bytes in base64 (at most 3 bytes per UTF-16 unit).
    const messageCost = 2 * jsonLength(e.message) + 4 * e.message.length;
    total += fixtures * (base + messageCost);
    for (const p of placeholders) total += 5.4 * (AWKWARD_VALUES_LENGTH + 4 * p.example.length);
  }
  return Math.ceil(total);
}

/** The summed length of the awkward values every placeholder is tried with (fixtures/cases.ts AWKWARD_VALUES), rounded up. */
const AWKWARD_VALUES_LENGTH = 1_120;

function jsonLength(text: string): number {
  let n = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09 ? 2 : c < 0x20 ? 6 : 1;
  }
  return n;
}
