/** Checks a TypeScript runtime error against a fixture's language-neutral expectation. */
import { expect } from "vitest";
import type { Expectation } from "../../generators/fixtures/cases.js";
import { pascalCase } from "../../generators/catalog/names.js";

interface RuntimeError {
  name: string;
  code: string | undefined;
  id: string | undefined;
  errorMessage: string;
  requestId: string | undefined;
  httpStatus: number;
  retryable: boolean;
  fault: string;
  keyState: string | undefined;
  params: Readonly<Record<string, string>>;
  body?: Uint8Array | undefined;
}

/** The TypeScript class a catalog type maps to: the TS target's naming, written out independently here. */
export function typescriptClassOf(expectation: Expectation, service: string): string {
  const t = expectation.type;
  if (t === null) return `Unknown${pascalCase(service)}Error`;
  return `${pascalCase("code" in t ? t.code : t.entry)}Error`;
}

export function expectConclusion(error: RuntimeError, e: Expectation, service: string, label: string): void {
  expect({
    name: error.name, code: error.code ?? null, id: error.id ?? null, message: error.errorMessage, requestId: error.requestId ?? null,
    httpStatus: error.httpStatus, retryable: error.retryable, fault: error.fault, keyState: error.keyState ?? null,
    params: e.id === null ? {} : { ...error.params },
  }, label).toEqual({
    name: typescriptClassOf(e, service), code: e.code, id: e.id, message: e.message, requestId: e.requestId,
    httpStatus: e.httpStatus, retryable: e.retryable, fault: e.fault, keyState: e.keyState, params: e.params,
  });
  if (e.kind === "undecodable") expect(error.body?.length ?? 0, `${label}: the raw body is kept`).toBeGreaterThan(0);
}
