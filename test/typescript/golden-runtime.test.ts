/**
 * The golden catalog's runtime, as TypeScript and as the emitted JavaScript: several placeholders in
 * one message, a code with two messages, a codeless status.
 */
import { describe, expect, it } from "vitest";
import * as ts from "./golden/ts/index.js";
import * as js from "./golden/js+dts/index.js";

describe.each([["ts", ts], ["js+dts", js as unknown as typeof ts]] as const)("golden runtime (%s)", (_label, vault) => {
  it("matches a message with two placeholders, values holding the literal text between them", () => {
    const params = { secretName: 'a" not found in "b', path: "/p" };
    const message = vault.formatMessage("secret-not-found", params);
    expect(message).toBe('Secret "a" not found in "b" not found in "/p".');
    // Greedy, as the regex `^Secret "(.*)" not found in "(.*)"\.$` would match.
    expect(vault.parseMessage("NotFound.Secret", message)).toEqual({ id: "secret-not-found", params: { secretName: 'a" not found in "b', path: "/p" } });
    expect(vault.parseMessage("NotFound.Secret", 'Secret "x" not found in "".')).toEqual({ id: "secret-not-found", params: { secretName: "x", path: "" } });
    expect(vault.parseMessage("NotFound.Secret", 'Secret "x" is missing.')).toBeUndefined();
    expect(vault.parseMessage("NotFound.Secret", "The vault does not exist.")).toEqual({ id: "vault-not-found", params: {} });
  });

  it("a code whose entries disagree on keyState answers undefined for an unmatched message", () => {
    const e = vault.fromResponse({ status: 404, body: vault.encodeError({ errorCode: "NotFound.Secret", errorMessage: "?" }) });
    expect(e).toBeInstanceOf(vault.NotFoundSecretError);
    expect(e.keyState).toBeUndefined();
    const v = vault.fromResponse({ status: 404, body: vault.encodeError({ errorCode: "NotFound.Secret", errorMessage: "The vault does not exist." }) });
    expect(v.keyState).toBe("Deleted");
  });

  it("narrows params by id through the per-code guard", () => {
    const e: unknown = vault.fromResponse({ status: 503, body: vault.encodeError({ errorCode: "Busy", errorMessage: "Busy, retry after 5 seconds." }) });
    if (!vault.isBusyError(e) || e.id !== "vault-busy") throw new Error("not narrowed");
    const seconds: string = e.params.seconds;
    expect(seconds).toBe("5");
    expect(e.retryable).toBe(true);
    expect(e.fault).toBe("server");
  });
});
