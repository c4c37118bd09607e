import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCatalogText, loadCatalog } from "../../generators/catalog/index.js";
import { buildFixtures, fixtureCount, AWKWARD_VALUES } from "../../generators/fixtures/cases.js";
import protobuf from "protobufjs";
import { encodeWireError, wireType } from "../../generators/fixtures/wire.js";
import { fixturesIndex, fixturesIndexBytes, fixturesTarget } from "../../generators/fixtures/generator.js";
import { isStreamed, jsonText, toBytes } from "../../generators/emit/generated-file.js";
import { createTargetContext, streamedFilesOf } from "../../generators/target/define-target.js";
import { runTarget } from "../support/targets.js";

const model = await loadCatalog("catalog/kms.yaml");
const fixtures = buildFixtures(model);
const byId = new Map(fixtures.map((f) => [f.id, f]));
// The bodies are decoded with protobufjs, apart from errcat's own encoder.
const type = new protobuf.Type(model.service.wire.message);
for (const f of model.service.wire.fields) type.add(new protobuf.Field(f.name, f.number, f.type));
new protobuf.Root().define(model.service.wire.package).add(type);

describe("fixtures", () => {
  it("have unique ids", () => {
    expect(byId.size).toBe(fixtures.length);
  });

  it("give every entry a positive fixture under its own id, with the example values", () => {
    for (const entry of model.entries) {
      const f = byId.get(entry.id);
      expect(f, entry.id).toBeDefined();
      expect(f!.kind).toBe("positive");
      expect(f!.expect.id).toBe(entry.id);
      expect(f!.expect.type).toEqual(entry.code !== undefined ? { code: entry.code } : { entry: entry.id });
      expect(f!.expect.retryable).toBe(entry.retryable);
      expect(f!.params).toEqual(Object.fromEntries(entry.placeholders.map((p) => [p.name, p.example])));
    }
  });

  it("try every placeholder with quotes, a newline, unicode, an empty string and 1 KB", () => {
    const withParams = model.entries.filter((e) => e.placeholders.length > 0);
    expect(withParams.length).toBe(8);
    for (const entry of withParams) {
      for (const awkward of AWKWARD_VALUES) {
        const f = byId.get(`${entry.id}.${awkward.suffix}`)!;
        expect(f.message).toContain(awkward.value);
        expect(Object.values(f.params)).toEqual([awkward.value]);
      }
    }
    expect(AWKWARD_VALUES.find((a) => a.suffix === "1kb")!.value).toHaveLength(1024);
  });

  it("encode bodies that protobufjs decodes back to the fixture's fields", () => {
    for (const f of fixtures.filter((x) => x.code !== null && x.id !== "negative.unknown-fields")) {
      const decoded = type.toObject(type.decode(f.body), { defaults: true }) as Record<string, unknown>;
      expect(decoded, f.id).toEqual({ StatusCode: f.bodyStatusCode, ErrorCode: f.code, ErrorMessage: f.message, RequestId: f.requestId });
    }
  });

  it("keep the message the server sends, byte for byte", () => {
    expect(byId.get("missing-parameter-access-key-id")!.message).toBe("Parameter x-kms-acccesskeyid does not exist in http header or body.");
    expect(byId.get("invalid-param-signature-method-unsupported.quotes")!.message).toBe(
      `The Param x-kms-signaturemethod is invalid. message:"he said "no" and 'never'".`,
    );
  });

  it("include every odd response with its classification", () => {
    expect(byId.get("negative.unknown-code")!.expect).toMatchObject({ kind: "unknown", id: null, type: null, code: "Errcat.UnknownCode" });
    expect(byId.get("negative.unknown-message")!.expect).toMatchObject({ kind: "code", id: null, type: { code: "InvalidApiName" }, code: "InvalidApiName" });
    for (const s of model.statuses) expect(byId.get(`negative.empty-body.${s.httpStatus}`)!.body).toHaveLength(0);
    expect(byId.get("negative.empty-body.413")!.expect).toMatchObject({ kind: "codeless", id: "request-entity-too-large", type: { entry: "request-entity-too-large" } });
    expect(byId.get("negative.empty-body.400")!.expect).toMatchObject({ kind: "unknown", id: null, type: null, code: null, retryable: false, fault: "client" });
    expect(byId.get("negative.empty-body.503")!.expect).toMatchObject({ kind: "codeless", id: "service-unavailable-temporary", code: null, retryable: true, fault: "server" });
    // An empty message cannot fill a placeholder: the class is known, the entry is not.
    expect(byId.get("negative.empty-body.415")!.expect).toMatchObject({ kind: "codeless", id: null, type: { code: "InvalidContentType" }, code: null });
    expect(byId.get("negative.html-body.502")!.headers["content-type"]).toBe("text/html");
    expect(byId.get("negative.html-body.502")!.expect).toMatchObject({ kind: "undecodable", id: null, type: null, retryable: true, fault: "server" });
    expect(byId.get("negative.truncated-body")!.expect).toMatchObject({ kind: "undecodable", id: null, type: null, retryable: false });
    const truncated = byId.get("negative.truncated-body")!;
    expect(() => type.decode(truncated.body)).toThrow();
    const extra = byId.get("negative.unknown-fields")!;
    expect((type.decode(extra.body) as unknown as { ErrorCode: string }).ErrorCode).toBe(extra.code);
    const mismatch = byId.get("negative.status-mismatch")!;
    expect(mismatch.bodyStatusCode).not.toBe(mismatch.httpStatus);
    expect(mismatch.expect.httpStatus).toBe(mismatch.httpStatus);
  });

  it("are written as index.json and a README, each body once, in base64", async () => {
    const files = await runTarget(fixturesTarget, model, "@generated test. DO NOT EDIT.");
    expect(files.map((f) => f.path).sort()).toEqual(["README.md", "index.json"]);
    const text = Buffer.from(files.find((f) => f.path === "index.json")!.contents as Uint8Array).toString("utf8");
    const index = JSON.parse(text) as { "@generated": string; formatVersion: number; fixtures: { id: string; bodyBase64: string; bodyFile?: string }[] };
    expect(index["@generated"]).toBe("@generated test. DO NOT EDIT.");
    expect(index.formatVersion).toBe(3);
    expect(index.fixtures.map((f) => f.id)).toEqual(fixtures.map((f) => f.id));
    for (const f of index.fixtures) {
      expect(f.bodyBase64).toBe(Buffer.from(byId.get(f.id)!.body).toString("base64"));
      expect(f.bodyFile).toBeUndefined();
    }
    // Made one fixture at a time, the bytes are exactly the whole index as one JSON text.
    expect(text).toBe(jsonText(fixturesIndex(model, "@generated test. DO NOT EDIT.", fixtures)));
    for (const batch of [1, 7, fixtures.length - 1, fixtures.length]) {
      expect(Buffer.from(fixturesIndexBytes(model, "p", fixtures, undefined, batch)).toString("utf8"), `batches of ${batch}`).toBe(jsonText(fixturesIndex(model, "p", fixtures)));
    }
    expect(Buffer.from(fixturesIndexBytes(model, "p", [])).toString("utf8")).toBe(jsonText(fixturesIndex(model, "p", [])));
    const readme = files.find((f) => f.path === "README.md")!.contents as string;
    expect(readme.split("\n")[0]).toBe("<!-- @generated test. DO NOT EDIT. -->");
    expect(readme).not.toContain(".bin");
    for (const f of fixtures) expect(readme).toContain(`\`${f.id}\``);
    expect(files.some((f) => f.path.endsWith(".ts")), "the fixtures are language-neutral").toBe(false);
  });

  it("with bodyFiles: true also write a .bin per fixture, named in bodyFile, holding the body's bytes", async () => {
    const files = await runTarget(fixturesTarget, model, "@generated test. DO NOT EDIT.", { bodyFiles: true });
    const text = Buffer.from(files.find((f) => f.path === "index.json")!.contents as Uint8Array).toString("utf8");
    const index = JSON.parse(text) as { fixtures: { id: string; bodyBase64: string; bodyFile: string }[] };
    expect(files).toHaveLength(fixtures.length + 2);
    for (const f of index.fixtures) {
      expect(f.bodyFile).toBe(`${f.id}.bin`);
      const bin = files.find((x) => x.path === f.bodyFile)!;
      expect(Buffer.from(bin.contents as Uint8Array).toString("base64")).toBe(f.bodyBase64);
    }
    expect(Object.keys(JSON.parse(text).fixtures[0])).toEqual(["id", "kind", "description", "entry", "httpStatus", "headers", "bodyStatusCode", "code", "message", "params", "requestId", "bodyBase64", "bodyFile", "expect", "operations"]);
    expect(files.find((f) => f.path === "README.md")!.contents).toContain("`<fixture id>.bin`");
  });

  it("with awkwardValues: code give the awkward variants to the first entry with placeholders of each code only, and with none to no entry", async () => {
    // A catalog shaped like a whole cloud's: several messages with placeholders under one code.
    const { syntheticCatalog } = await import("../../bench/synthetic.mjs");
    const checked = checkCatalogText("synthetic.yaml", syntheticCatalog(60));
    const big = checked.model!;
    const withPlaceholders = big.entries.filter((e) => e.code !== undefined && e.placeholders.length > 0);
    const firstOfCode = withPlaceholders.filter((e, i) => withPlaceholders.findIndex((x) => x.code === e.code) === i);
    expect(firstOfCode.length, "some code has two entries with placeholders").toBeLessThan(withPlaceholders.length);
    const variantsOf = (list: readonly { id: string }[]) => list.filter((f) => AWKWARD_VALUES.some((a) => f.id.endsWith(`.${a.suffix}`))).map((f) => f.id.slice(0, f.id.lastIndexOf(".")));
    const all = buildFixtures(big);
    expect([...new Set(variantsOf(all))]).toEqual(withPlaceholders.map((e) => e.id));
    const perCode = buildFixtures(big, { awkwardValues: "code" });
    expect([...new Set(variantsOf(perCode))]).toEqual(firstOfCode.map((e) => e.id));
    expect(variantsOf(perCode)).toHaveLength(firstOfCode.length * AWKWARD_VALUES.length);
    const none = buildFixtures(big, { awkwardValues: "none" });
    expect(variantsOf(none)).toEqual([]);
    // Every entry keeps its fixture with the example values, and the odd responses are all there.
    for (const list of [perCode, none]) {
      for (const e of big.entries) expect(list.some((f) => f.id === e.id), e.id).toBe(true);
      expect(list.filter((f) => f.kind === "negative").map((f) => f.id)).toEqual(all.filter((f) => f.kind === "negative").map((f) => f.id));
    }
    const files = await runTarget(fixturesTarget, big, "@generated test. DO NOT EDIT.", { awkwardValues: "code" });
    const index = JSON.parse(Buffer.from(files.find((f) => f.path === "index.json")!.contents as Uint8Array).toString("utf8")) as { fixtures: { id: string }[] };
    expect(index.fixtures.map((f) => f.id)).toEqual(perCode.map((f) => f.id));
    expect(files.find((f) => f.path === "README.md")!.contents).toContain("the first entry with placeholders of each code also has one per awkward value");
    expect(() => fixturesTarget.parseOptions({ awkwardValues: "all" })).toThrow(/`entry`, `code`, `none`/);
  });

  it("streamed to the writer are the files generate makes, byte for byte, for every option", async () => {
    const { syntheticCatalog } = await import("../../bench/synthetic.mjs");
    const big = checkCatalogText("synthetic.yaml", syntheticCatalog(60)).model!;
    const streamed = streamedFilesOf(fixturesTarget)!;
    for (const m of [model, big]) {
      for (const raw of [{}, { awkwardValues: "code" }, { awkwardValues: "none" }, { bodyFiles: true }]) {
        const options = fixturesTarget.parseOptions(raw);
        const ctx = createTargetContext(m, options, "@generated test. DO NOT EDIT.", "0.0.0", []);
        const whole = (await fixturesTarget.generate(ctx)).map((f) => ({ path: f.path, bytes: Buffer.from(toBytes(f.contents)) }));
        // Each chunk is copied as it comes: the stream reuses its buffer.
        const read = Array.from(streamed(ctx), (f) => ({ path: f.path, bytes: isStreamed(f) ? Buffer.concat(Array.from(f.chunks, (c) => Buffer.from(c))) : Buffer.from(toBytes(f.contents)) }));
        expect(read.map((f) => f.path), JSON.stringify(raw)).toEqual(whole.map((f) => f.path));
        for (let i = 0; i < whole.length; i++) expect(Buffer.compare(read[i]!.bytes, whole[i]!.bytes), `${m.service.name} ${JSON.stringify(raw)} ${whole[i]!.path}`).toBe(0);
        if (raw.bodyFiles === undefined) expect(read.map((f) => f.path)).toEqual(["index.json", "README.md"]);
      }
    }
    // The README comes from what the index read: asked for first, it is refused rather than made short.
    const files = streamed(createTargetContext(model, fixturesTarget.parseOptions({}), "p", "0.0.0", []))[Symbol.iterator]();
    expect(isStreamed(files.next().value!)).toBe(true);
    expect(() => files.next()).toThrow(/README.md was asked for before index.json was read to its end/);
  });

  it("are counted before they are made, for every awkwardValues setting (the index is sized by the count)", async () => {
    const { syntheticCatalog } = await import("../../bench/synthetic.mjs");
    for (const m of [model, checkCatalogText("synthetic.yaml", syntheticCatalog(60)).model!]) {
      for (const awkwardValues of ["entry", "code", "none"] as const) {
        expect(fixtureCount(m, { awkwardValues }), `${m.service.name}, ${awkwardValues}`).toBe(buildFixtures(m, { awkwardValues }).length);
      }
    }
  });

  it("encode bodies byte for byte as protobufjs does, for negative, huge and zero StatusCodes and empty or non-ASCII strings", () => {
    const [status, code, message, request] = type.fieldsArray.map((f) => f.name);
    const cases = [
      { statusCode: 404, errorCode: "Forbidden.KeyNotFound", errorMessage: "x".repeat(300), requestId: "r" },
      { statusCode: -1, errorCode: "ключ-鍵-🔑", errorMessage: "line\nline", requestId: "" },
      { statusCode: 0, errorCode: "", errorMessage: "", requestId: "" },
      { statusCode: 2147483647, errorCode: "A", errorMessage: "", requestId: "0b1c" },
      { statusCode: -2147483648, errorCode: "B", errorMessage: "m", requestId: "r" },
    ];
    for (const c of cases) {
      const ours = encodeWireError(wireType(model), c);
      const theirs = type.encode(type.fromObject({ [status!]: c.statusCode, [code!]: c.errorCode, [message!]: c.errorMessage, [request!]: c.requestId })).finish();
      expect(Buffer.from(ours).toString("hex"), JSON.stringify(c)).toBe(Buffer.from(theirs).toString("hex"));
      expect(type.toObject(type.decode(ours), { defaults: true })).toEqual({ [status!]: c.statusCode, [code!]: c.errorCode, [message!]: c.errorMessage, [request!]: c.requestId });
    }
  });

  it("are committed in sync with the catalog", () => {
    const committed = JSON.parse(readFileSync("out/kms/fixtures/index.json", "utf8")) as { fixtures: { id: string }[] };
    expect(committed.fixtures.map((f) => f.id)).toEqual(fixtures.map((f) => f.id));
  });
});
