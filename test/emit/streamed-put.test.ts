/**
 * A streamed file (a built-in target's large file, made a chunk at a time): staged with the same result
 * as the whole file would be, compared with the previous one as the chunks come, and never held whole.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChunkError, openAtomicWrite, OutputWriteError } from "../../generators/emit/writer.js";

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), "errcat-streamed-"));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Bytes cut into chunks of the given sizes, each handed over in one reused buffer (as the fixtures target does). */
function* chunked(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  const reused = new Uint8Array(Math.max(1, ...sizes));
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.min(sizes[i % sizes.length]!, bytes.length - at);
    reused.set(bytes.subarray(at, at + size));
    yield reused.subarray(0, size);
    reused.fill(0xee); // a reader that kept the chunk would now see the wrong bytes
    at += size;
  }
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251);

/** Writes `previous` (or nothing) as out/big.bin, then stages `next` streamed; returns what the write says. */
async function stream(previous: Uint8Array | undefined, next: Uint8Array, sizes: readonly number[]) {
  const out = join(work, "out");
  if (previous !== undefined) {
    const first = await openAtomicWrite(out);
    first.put({ path: "big.bin", contents: previous });
    first.put({ path: "errcat.manifest.json", contents: JSON.stringify({ files: [{ path: "big.bin" }] }) });
    await first.finish();
  }
  const before = previous === undefined ? undefined : statSync(join(out, "big.bin")).ino;
  const write = await openAtomicWrite(out);
  const hash = write.putStreamed({ path: "big.bin", chunks: chunked(next, sizes) });
  const result = await write.finish();
  return { hash, result, bytes: readFileSync(join(out, "big.bin")), sameInode: before === statSync(join(out, "big.bin")).ino };
}

describe("a streamed file", () => {
  const base = bytesOf(300_000, 7);
  const cases: [string, Uint8Array | undefined, Uint8Array][] = [
    ["new", undefined, base],
    ["unchanged", base, base],
    ["changed in the middle", base, Uint8Array.from(base, (b, i) => (i === 150_001 ? b ^ 1 : b))],
    ["changed in the first byte", base, Uint8Array.from(base, (b, i) => (i === 0 ? b ^ 1 : b))],
    ["longer than before", base, Uint8Array.from([...base, 1, 2, 3])],
    ["shorter than before", base, base.subarray(0, 299_990)],
    ["empty, after a file that was not", base, new Uint8Array()],
    ["empty, as before", new Uint8Array(), new Uint8Array()],
  ];
  for (const [what, previous, next] of cases) {
    it(`is staged byte for byte and hashed as the whole file: ${what}`, async () => {
      for (const sizes of [[65_536], [1, 4_096, 100_000], [1 << 20]]) {
        await rm(join(work, "out"), { recursive: true, force: true });
        const r = await stream(previous, next, sizes);
        expect(Buffer.compare(r.bytes, Buffer.from(next)), `${what}, chunks of ${sizes.join("/")}`).toBe(0);
        expect(r.hash).toBe(sha256(next));
        const same = previous !== undefined && Buffer.compare(Buffer.from(previous), Buffer.from(next)) === 0;
        // Unchanged: the previous file itself is carried (its inode), and reported so.
        expect(r.sameInode, what).toBe(same);
        expect(r.result.unchanged.includes("big.bin"), what).toBe(same);
        expect(r.result.written.includes("big.bin"), what).toBe(!same);
      }
    });
  }

  it("that fails while its chunks are made throws the target's error, and the previous output stays", async () => {
    const out = join(work, "out");
    await mkdir(out);
    await writeFile(join(out, "big.bin"), base);
    const write = await openAtomicWrite(out);
    const failing = (function* () {
      yield base.subarray(0, 1000);
      throw new RangeError("the target broke");
    })();
    let caught: unknown;
    try {
      write.putStreamed({ path: "big.bin", chunks: failing });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ChunkError);
    expect(caught).not.toBeInstanceOf(OutputWriteError);
    expect((caught as ChunkError).cause).toBeInstanceOf(RangeError);
    await write.abort();
    expect(Buffer.compare(readFileSync(join(out, "big.bin")), Buffer.from(base))).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it("cannot be put twice, nor beside a whole file of the same path", async () => {
    const write = await openAtomicWrite(join(work, "out"));
    write.put({ path: "a.bin", contents: base });
    expect(() => write.putStreamed({ path: "a.bin", chunks: [base] })).toThrow(/written twice/);
    await write.abort();
  });
});
