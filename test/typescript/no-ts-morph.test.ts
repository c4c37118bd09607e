/** A plain generate (emit: "ts") never loads ts-morph: it costs about half a second to load. */
import { describe, expect, it, vi } from "vitest";
import { generateTypescript, loadKms } from "./generated-module.js";

vi.mock("ts-morph", () => {
  throw new Error("ts-morph was loaded");
});

describe("emit: ts", () => {
  it("generates without loading ts-morph", async () => {
    const files = await generateTypescript(await loadKms());
    expect(files.map((f) => f.path)).toEqual(["index.ts", "patterns.ts", "runtime.ts"]);
  });

  it("loads it for js+dts (so the mock above does catch a load)", async () => {
    await expect(generateTypescript(await loadKms(), { emit: "js+dts" })).rejects.toThrow(/ts-morph was loaded|error when mocking a module/);
  });
});
