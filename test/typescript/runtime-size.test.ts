/**
 * The KMS TypeScript output, bundled and minified as a user's bundler would (esbuild) and gzipped
 * (level 9, as bench/runtime.mjs measures it), stays within 8 KB: a browser app pays for every byte.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const LIMIT = 8 * 1024;

describe("the KMS TypeScript runtime's size", () => {
  it(`is at most ${LIMIT} bytes minified and gzipped`, async () => {
    const result = await build({ entryPoints: ["out/kms/index.ts"], bundle: true, minify: true, write: false, format: "esm", logLevel: "silent" });
    const minified = result.outputFiles[0]!.contents;
    // The bundle is the whole runtime: its public names are exported from it.
    const text = new TextDecoder().decode(minified);
    for (const name of ["fromResponse", "KmsError", "isKmsError", "formatMessage", "parseMessage"]) expect(text, name).toMatch(new RegExp(`\\b${name}\\b`));
    const gzipped = gzipSync(minified, { level: 9 }).length;
    expect(gzipped, `${minified.length} B minified, ${gzipped} B gzipped`).toBeLessThanOrEqual(LIMIT);
  });
});
