// Every fixture in out/kms/fixtures/ through the committed TypeScript runtime: the conformance
// contract the Python, Go and Java runtimes run too.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Expectation } from "../../generators/fixtures/cases.js";
import { fromResponse, isKmsError } from "../../out/kms/index.js";
import { expectConclusion } from "./conclusion.js";

interface FixtureJson {
  id: string;
  httpStatus: number;
  headers: Record<string, string>;
  bodyBase64: string;
  expect: Expectation;
}

const folder = new URL("../../out/kms/fixtures/", import.meta.url);
const index = JSON.parse(readFileSync(new URL("index.json", folder), "utf8")) as { service: string; fixtures: FixtureJson[] };

describe("KMS fixtures through the TypeScript runtime", () => {
  it("has a fixture per entry and the odd responses", () => {
    expect(index.fixtures.length).toBeGreaterThan(60);
  });

  it.each(index.fixtures.map((f) => [f.id, f] as const))("%s", (_id, f) => {
    const body = new Uint8Array(Buffer.from(f.bodyBase64, "base64"));
    const error = fromResponse({ status: f.httpStatus, body, headers: f.headers });
    expect(isKmsError(error)).toBe(true);
    expectConclusion(error, f.expect, index.service, f.id);
  });
});
