/** Two installed copies of the generated module recognise each other's errors through the Symbol.for brand. */
import { describe, expect, it } from "vitest";
import { importFreshCopy, loadKms } from "./generated-module.js";

type Kms = typeof import("../../out/kms/index.js");

describe("two copies of the module", () => {
  it("recognise each other's errors, where instanceof does not", async () => {
    const model = await loadKms();
    const a = (await importFreshCopy<Kms>(model)).module;
    const b = (await importFreshCopy<Kms>(model)).module;
    expect(a.KmsError).not.toBe(b.KmsError);
    const body = a.encodeError({ errorCode: "Forbidden.KeyNotFound", errorMessage: 'The Key ID or Alias does not exist in the key store "k1".' });
    const fromA = a.fromResponse({ status: 404, body });
    expect(fromA instanceof b.KmsError).toBe(false);
    expect(b.isKmsError(fromA)).toBe(true);
    expect(b.isForbiddenKeyNotFoundError(fromA)).toBe(true);
    expect(b.isForbiddenNoPermissionError(fromA)).toBe(false);
    expect(b.isRequestEntityTooLargeError(a.fromResponse({ status: 413 }))).toBe(true);
    expect(a.isKmsError(b.fromResponse({ status: 418 }))).toBe(true);
    expect(b.isKmsError(new Error("plain"))).toBe(false);
    expect(b.isKmsError({ name: "KmsError" })).toBe(false);
    expect(b.isKmsError(null)).toBe(false);
    if (b.isForbiddenKeyNotFoundError(fromA) && fromA.id === "key-not-found-in-key-store") expect(fromA.params.keyStore).toBe("k1");
    else throw new Error("not narrowed");
  });
});
