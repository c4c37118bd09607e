/**
 * What the per-operation unions of out/kms/index.ts promise, checked by compiling (test/layers/
 * operations.test.ts): every `@ts-expect-error` line must fail, every other line must compile.
 * GenerateRandom's request names no key, so the catalog's KMS overlay says it cannot return the key
 * errors; Encrypt can.
 */
import {
  fromResponse, isOperationError, ForbiddenKeyNotFoundError, RejectedDisabledError, UnknownKmsError,
  type EncryptError, type GenerateRandomError, type KmsErrorVariant, type KmsOperation, type KmsOperationErrors,
} from "../../../out/kms/index.js";

declare const body: Uint8Array;
const use = (..._values: unknown[]): void => undefined;

declare const encrypt: EncryptError;
declare const random: GenerateRandomError;
declare const keyNotFound: ForbiddenKeyNotFoundError & KmsErrorVariant<"key-not-found">;
declare const disabled: RejectedDisabledError & KmsErrorVariant<"rejected-disabled">;

// Encrypt can return the key errors, with their typed params.
const fromEncrypt: EncryptError = keyNotFound;
if (encrypt.id === "key-not-found-in-key-store") use(encrypt.params.keyStore.length);
if (encrypt.id === "rejected-disabled") use(encrypt.keyState);
use(fromEncrypt, disabled satisfies EncryptError);

// GenerateRandom cannot.
// @ts-expect-error: GenerateRandom's union has no Forbidden.KeyNotFound variant
const fromRandom: GenerateRandomError = keyNotFound;
// @ts-expect-error: nor a key-state error
use(disabled satisfies GenerateRandomError);
// @ts-expect-error: no entry id of a key error is among GenerateRandom's ids
if (random.id === "rejected-disabled") use(random);
// What it can return narrows as fromResponse's union does.
if (random.id === "invalid-api-version") use(random.params.apiVersion.length);
// @ts-expect-error: a misspelt param does not compile
if (random.id === "invalid-api-version") use(random.params.apiversion);
// A code the catalog does not know can come from any operation.
declare const unknownCode: UnknownKmsError;
const unknown: GenerateRandomError = unknownCode;
use(fromRandom, unknown);

// isOperationError narrows fromResponse's union to the operation's.
const e = fromResponse({ status: 404, body });
if (isOperationError("GenerateRandom", e)) {
  const narrowed: GenerateRandomError = e;
  // @ts-expect-error: narrowed to GenerateRandom's union, which has no key errors
  if (e.id === "key-not-found") use(e);
  use(narrowed);
}
if (isOperationError("Encrypt", e) && e.id === "key-not-found") use(e.params);

// The operations and the map of unions.
const operation: KmsOperation = "GetSecretValue";
// @ts-expect-error: not an operation of the catalog
const notOne: KmsOperation = "DeleteKey";
const byName: KmsOperationErrors["Encrypt"] = encrypt;
use(operation, notOne, byName);
