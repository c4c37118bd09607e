/**
 * What the generated KMS types promise, checked by compiling: every `@ts-expect-error` line must fail
 * to compile (tsc reports an unused one), every other line must compile. test/typescript/compile.test.ts
 * compiles this file against out/kms/ under the strictest options, with TypeScript 5.x and 6.x.
 */
import {
  fromResponse, formatMessage, parseMessage, isForbiddenKeyNotFoundError, isKmsError,
  ForbiddenKeyNotFoundError, InvalidParamError, KmsError, RequestEntityTooLargeError, UnknownKmsError,
  type AnyKmsError, type KmsErrorCode, type KmsErrorId,
} from "../../../out/kms/index.js";

declare const body: Uint8Array;
declare const caught: unknown;
const use = (..._values: unknown[]): void => undefined;

const e: AnyKmsError = fromResponse({ status: 404, body });
const base: KmsError = e;
use(base);

// fromResponse returns a union that `switch (e.code)` narrows.
switch (e.code) {
  case "Forbidden.KeyNotFound": {
    const narrowed: ForbiddenKeyNotFoundError | UnknownKmsError = e;
    const id: "key-not-found-in-system" | "key-not-found-in-key-store" | "key-not-found" | undefined = e.id;
    // @ts-expect-error: the id of another code's entry is not among this code's ids
    if (e.id === "invalid-api-name") use(e);
    if (e.id === "key-not-found-in-key-store") {
      const keyStore: string = e.params.keyStore;
      // @ts-expect-error: a misspelt param does not compile
      use(e.params.keystore);
      use(keyStore);
    }
    use(narrowed, id);
    break;
  }
  case "InvalidParam":
    if (e.id === "invalid-param-signature-method-unsupported") use(e.params.signatureMethod.length);
    // @ts-expect-error: the param of another code's entry
    if (e.id === "invalid-param-signature-method-unsupported") use(e.params.keyStore);
    break;
  default:
    use(e);
}

// e.code is a KmsErrorCode where the code is known; a code the catalog does not know is a plain string.
if (e instanceof InvalidParamError) {
  const code: KmsErrorCode | undefined = e.code;
  // @ts-expect-error: InvalidParamError's code is "InvalidParam"
  const other: "InvalidApiName" | undefined = e.code;
  use(code, other);
}
// @ts-expect-error: the union holds UnknownKmsError, whose code is any string
const anyCode: KmsErrorCode | undefined = e.code;
use(anyCode);

// params is exact per message id, also after instanceof on a caught value.
if (caught instanceof ForbiddenKeyNotFoundError) {
  const keyStore: string | undefined = caught.params.keyStore;
  // @ts-expect-error: a misspelt param does not compile after instanceof either
  use(caught.params.keystore);
  use(keyStore);
}
if (isForbiddenKeyNotFoundError(caught) && caught.id === "key-not-found-in-key-store") {
  const keyStore: string = caught.params.keyStore;
  use(keyStore);
}
if (isForbiddenKeyNotFoundError(caught) && caught.id === "key-not-found") {
  // @ts-expect-error: key-not-found's message has no placeholder
  const keyStore: string = caught.params.keyStore;
  use(keyStore);
}

// meaning and fix are strings for catalog entries, and may be undefined where no entry matched.
if (e.id !== undefined) {
  const meaning: string = e.meaning;
  const fix: string = e.fix;
  const id: KmsErrorId = e.id;
  use(meaning, fix, id);
}
// @ts-expect-error: no entry may have matched
const meaning: string = e.meaning;
use(meaning);
if (caught instanceof RequestEntityTooLargeError) {
  const always: string = caught.meaning;
  const id: "request-entity-too-large" = caught.id;
  use(always, id);
}
if (caught instanceof UnknownKmsError) {
  // @ts-expect-error: an unknown error has no entry, so no meaning
  const nothing: string = caught.meaning;
  use(nothing);
}

// formatMessage and parseMessage are exact per id.
formatMessage("key-not-found-in-key-store", { keyStore: "kst-1" });
// @ts-expect-error: a misspelt param
formatMessage("key-not-found-in-key-store", { keystore: "kst-1" });
// @ts-expect-error: a missing param
formatMessage("key-not-found-in-key-store", {});
// @ts-expect-error: no such id
formatMessage("key-not-found-anywhere", {});
const found = parseMessage("InvalidApiName", 'The ApiName "Foo" is invalid.');
if (found?.id === "invalid-api-name") use(found.params.apiName.length);

// The guards and the knobs.
if (isKmsError(caught)) use(caught.httpStatus, caught.requestId, caught.docsUrl, caught.retryable, caught.fault);
KmsError.stackTraces = false;
KmsError.docsBaseUrl = "https://example.com/kms/ERRORS.md";
