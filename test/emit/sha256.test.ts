import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../generators/sha256.js";

describe("sha256Hex", () => {
  const reference = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

  it("gives the standard digest of text, as UTF-8, and of bytes", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const text of ["", "errcat fixture key-create-failed-0-v0", "ключ-鍵-🔑-é", "lone \ud800 surrogate"]) {
      expect(sha256Hex(text), text).toBe(reference(text));
      expect(sha256Hex(Buffer.from(text, "utf8")), text).toBe(reference(text));
    }
  });

  it("hashes only the bytes a view shows, not the rest of its buffer", () => {
    const whole = Uint8Array.from({ length: 4096 }, (_, i) => i % 251);
    const view = whole.subarray(1000, 3000);
    expect(sha256Hex(view)).toBe(reference(Uint8Array.from(view)));
    expect(sha256Hex(view)).not.toBe(reference(whole));
  });
});
