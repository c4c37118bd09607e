/**
 * Every fixture body, decoded by an implementation that is not ours: `buf convert` against the
 * generated .proto (and `protoc --decode` where protoc is installed).
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { findBuf } from "../../generators/proto/breaking.js";

const run = promisify(execFile);
const folder = "out/kms/fixtures";
const protoRoot = "out/kms/proto";
const protoFile = "errcat/kms/v1/errors.proto";
const messageType = "errcat.kms.v1.Error";

interface FixtureJson {
  id: string;
  bodyBase64: string;
  bodyStatusCode: number | null;
  code: string | null;
  message: string | null;
  requestId: string | null;
}
const fixtures = (JSON.parse(readFileSync(join(folder, "index.json"), "utf8")) as { fixtures: FixtureJson[] }).fixtures;
const decodable = fixtures.filter((f) => f.code !== null);
const undecodable = ["negative.truncated-body"];

// index.json holds each body in base64; the tools read bytes from a file, so each body is written out once.
const bodies = mkdtempSync(join(tmpdir(), "errcat-bodies-"));
for (const f of fixtures) writeFileSync(join(bodies, `${f.id}.bin`), Buffer.from(f.bodyBase64, "base64"));
const bodyPath = (f: FixtureJson) => join(bodies, `${f.id}.bin`);

/** Runs `task` over items, `width` at a time. */
async function pool<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  }));
  return results;
}

const expected = (f: FixtureJson) => ({
  // proto3 JSON leaves out fields that hold their default value.
  ...(f.bodyStatusCode ? { StatusCode: f.bodyStatusCode } : {}),
  ...(f.code ? { ErrorCode: f.code } : {}),
  ...(f.message ? { ErrorMessage: f.message } : {}),
  ...(f.requestId ? { RequestId: f.requestId } : {}),
});

describe("fixture bodies decoded with buf convert", () => {
  const buf = findBuf();
  const image = join(mkdtempSync(join(tmpdir(), "errcat-buf-")), "image.binpb");
  beforeAll(() => {
    if (!buf) return;
    const r = spawnSync(buf.command, [...buf.args, "build", protoRoot, "-o", image], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(!buf)(`decode to the fixture's fields (${decodable.length} bodies)`, async () => {
    const decoded = await pool(decodable, 4, async (f) => {
      const { stdout } = await run(buf!.command, [...buf!.args, "convert", `${image}#format=binpb`, "--type", messageType, "--from", `${bodyPath(f)}#format=binpb`, "--to", "-#format=json"]);
      return [f, JSON.parse(stdout)] as const;
    });
    for (const [f, json] of decoded) expect(json, f.id).toEqual(expected(f));
  });

  it.skipIf(!buf)("reject the truncated body", async () => {
    for (const id of undecodable) {
      const f = fixtures.find((x) => x.id === id)!;
      await expect(run(buf!.command, [...buf!.args, "convert", `${image}#format=binpb`, "--type", messageType, "--from", `${bodyPath(f)}#format=binpb`, "--to", "-#format=json"])).rejects.toThrow();
    }
  });
});

const protoc = spawnSync("protoc", ["--version"], { encoding: "utf8" }).status === 0;
describe.skipIf(!protoc)("fixture bodies decoded with protoc --decode (skipped: protoc is not installed)", () => {
  it("decode to the fixture's fields", async () => {
    const include = ["/usr/include", "/usr/local/include"];
    for (const f of decodable.slice(0, 20)) {
      const r = spawnSync("protoc", [`-I${protoRoot}`, ...include.map((i) => `-I${i}`), `--decode=${messageType}`, protoFile], { input: readFileSync(bodyPath(f)), encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      if (f.code) expect(r.stdout, f.id).toContain(`ErrorCode: ${JSON.stringify(f.code)}`);
      if (f.requestId) expect(r.stdout, f.id).toContain(`RequestId: "${f.requestId}"`);
    }
  });
});
