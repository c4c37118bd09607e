/**
 * catalog/errcat.schema.json is what editors check kms.yaml with: it must be the schema errcat computes
 * today, and it must accept the real catalog and reject what the loader rejects structurally.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { catalogJsonSchema, catalogJsonSchemaText, layerJsonSchemaText } from "../../generators/catalog/schema.js";

const root = new URL("../../", import.meta.url);
const committed = readFileSync(new URL("catalog/errcat.schema.json", root), "utf8");
const kmsText = readFileSync(new URL("catalog/kms.yaml", root), "utf8");

type JsonSchema = Record<string, unknown>;

/**
 * A JSON Schema checker for exactly the keywords the emitted schema uses; it throws on any other
 * keyword, so a schema that grows a new keyword cannot pass unchecked.
 */
function schemaErrors(schema: JsonSchema, value: unknown, path = "$"): string[] {
  const known = new Set([
    "$schema", "type", "properties", "const", "pattern", "minLength", "description", "minItems", "items",
    "minimum", "maximum", "enum", "required", "additionalProperties", "propertyNames", "format",
  ]);
  for (const key of Object.keys(schema)) if (!known.has(key)) throw new Error(`schema keyword ${key} at ${path} is not understood by this test`);
  const errors: string[] = [];
  const type = schema.type as string | undefined;
  const isType: Record<string, (v: unknown) => boolean> = {
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    array: Array.isArray,
    string: (v) => typeof v === "string",
    number: (v) => typeof v === "number",
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === "boolean",
  };
  if (type !== undefined) {
    if (!isType[type]) throw new Error(`type ${type} at ${path} is not understood by this test`);
    if (!isType[type]!(value)) return [`${path}: not ${type}`];
  }
  if ("const" in schema && value !== schema.const) errors.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not one of ${schema.enum.join(", ")}`);
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.format === "uri" && !URL.canParse(value)) errors.push(`${path}: not a URI`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...schemaErrors(schema.items as JsonSchema, item, `${path}[${i}]`)));
  }
  if (isType.object!(value)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${path}: missing ${key}`);
    for (const [key, v] of Object.entries(object)) {
      if (properties[key]) errors.push(...schemaErrors(properties[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unknown key ${key}`);
      else if (typeof schema.additionalProperties === "object") errors.push(...schemaErrors(schema.additionalProperties as JsonSchema, v, `${path}.${key}`));
      if (schema.propertyNames) errors.push(...schemaErrors(schema.propertyNames as JsonSchema, key, `${path}.${key} (name)`));
    }
  }
  return errors;
}

describe("catalog/errcat.schema.json", () => {
  it("is the committed output of `errcat schema` (run `errcat schema -o catalog/errcat.schema.json` after changing schema.ts)", () => {
    expect(committed).toBe(catalogJsonSchemaText());
  });

  it("is two-space JSON with a final newline, and the same text on every call", () => {
    expect(committed.endsWith("}\n")).toBe(true);
    expect(committed).toBe(`${JSON.stringify(JSON.parse(committed), null, 2)}\n`);
    expect(catalogJsonSchemaText()).toBe(catalogJsonSchemaText());
  });

  it("is a draft 2020-12 schema that requires the catalog's top-level and entry keys and rejects unknown ones", () => {
    const schema = catalogJsonSchema() as JsonSchema & { properties: Record<string, JsonSchema> };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(["errcat", "service", "statuses", "errors"]);
    expect(schema.additionalProperties).toBe(false);
    const entry = schema.properties.errors!.items as JsonSchema;
    expect(entry.required).toEqual(["id", "number", "httpStatus", "meaning", "fix", "fault", "retryable"]);
    expect(entry.additionalProperties).toBe(false);
  });

  it("is referenced from catalog/kms.yaml by the yaml-language-server comment on its first line", () => {
    expect(kmsText.split("\n")[0]).toBe("# yaml-language-server: $schema=./errcat.schema.json");
  });

  it("accepts catalog/kms.yaml", () => {
    expect(schemaErrors(JSON.parse(committed) as JsonSchema, parse(kmsText))).toEqual([]);
  });

  it("rejects the structural mistakes the loader rejects", () => {
    const schema = JSON.parse(committed) as JsonSchema;
    const mutate = (change: (doc: { errors: Record<string, unknown>[]; service: Record<string, unknown> }) => void) => {
      const doc = parse(kmsText) as { errors: Record<string, unknown>[]; service: Record<string, unknown> };
      change(doc);
      return schemaErrors(schema, doc);
    };
    expect(mutate((d) => void delete d.errors[0]!.fault)).toEqual(["$.errors[0]: missing fault"]);
    expect(mutate((d) => void (d.errors[0]!.mesage = "x"))).toEqual(["$.errors[0]: unknown key mesage"]);
    expect(mutate((d) => void (d.errors[0]!.httpStatus = "400"))).toEqual(["$.errors[0].httpStatus: not integer"]);
    expect(mutate((d) => void (d.errors[0]!.httpStatus = 600))).toEqual(["$.errors[0].httpStatus: above 599"]);
    expect(mutate((d) => void (d.errors[0]!.fault = "user"))).toEqual(["$.errors[0].fault: not one of client, server"]);
    expect(mutate((d) => void (d.errors[0]!.id = "Invalid_Api"))).toEqual(["$.errors[0].id: does not match ^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"]);
    expect(mutate((d) => void (d.service.name = "KMS"))).toEqual(["$.service.name: does not match ^[a-z][a-z0-9]*$"]);
    expect(mutate((d) => void d.errors.splice(0))).toEqual(["$.errors: fewer than 1 items"]);
  });
});

describe("catalog/errcat.layer.schema.json", () => {
  const layerCommitted = readFileSync(new URL("catalog/errcat.layer.schema.json", root), "utf8");
  const overlayText = readFileSync(new URL("catalog/kms.sdk.yaml", root), "utf8");

  it("is the committed layer schema (rewrite it from layerJsonSchemaText() after changing schema.ts)", () => {
    expect(layerCommitted).toBe(layerJsonSchemaText());
  });

  it("is referenced from catalog/kms.sdk.yaml and accepts it", () => {
    expect(overlayText.split("\n")[0]).toBe("# yaml-language-server: $schema=./errcat.layer.schema.json");
    expect(schemaErrors(JSON.parse(layerCommitted) as JsonSchema, parse(overlayText))).toEqual([]);
  });

  it("rejects a layer without a source, a service in a layer, and a patch that changes a number", () => {
    const schema = JSON.parse(layerCommitted) as JsonSchema;
    const mutate = (change: (doc: Record<string, unknown> & { patches: Record<string, unknown>[] }) => void) => {
      const doc = parse(overlayText) as Record<string, unknown> & { patches: Record<string, unknown>[] };
      change(doc);
      return schemaErrors(schema, doc);
    };
    expect(mutate((d) => void delete d.source)).toEqual(["$: missing source"]);
    expect(mutate((d) => void (d.service = {}))).toEqual(["$: unknown key service"]);
    expect(mutate((d) => void (d.patches[0]!.number = 30))).toEqual(["$.patches[0]: unknown key number"]);
    expect(mutate((d) => void ((d.source as Record<string, unknown>).kind = "rumour"))).toEqual(["$.source.kind: not one of vendor-page, vendor-sdk, observed, manual"]);
  });
});
