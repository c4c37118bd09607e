/**
 * The shape of a catalog file. Structural rules live here (zod, and from it the JSON Schema that
 * editors use); rules that look across entries live in validate.ts.
 */
import * as z from "zod";

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const CODE = /^[A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*$/;
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;
const SERVICE = /^[a-z][a-z0-9]*$/;
const PROTO_PACKAGE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;

/**
 * What one catalog may hold, so that a catalog \`validate\` passes also generates (validate.ts checks them,
 * each as a positioned diagnostic): names within the file system's 255 bytes per file name, and no
 * generated file longer than the longest string JavaScript builds (2^29 - 24 characters, with margin).
 */
export const CATALOG_LIMITS = {
  /** An id names files (\`<id>.unicode.bin\`) and enum values. */
  idLength: 128,
  /** A code names classes and their files (\`<Code>Exception.java\`). */
  codeLength: 128,
  /** Longer than any message a server sends; it also bounds the pairwise overlap check of one code's messages. */
  messageLength: 4_096,
  /** Each placeholder adds parameters, regex groups and awkward-value fixtures. */
  placeholdersPerMessage: 64,
  /** The benchmark generates 25,000; beyond this the in-memory output outgrows what one process holds. */
  entries: 30_000,
  /** The estimated size of the largest generated file, in bytes: one string holds at most 512 MiB. */
  fileBytes: 480_000_000,
  /**
   * The estimated bytes of every file of a run but fixtures/index.json: generate holds about six times
   * as much at its peak, which stays under Node's default heap of about 4 GB on a machine with 24 GB.
   */
  printedBytes: 500_000_000,
} as const;

/** NUL cannot be written in Markdown (parsers turn it into U+FFFD), so no catalog text may hold one. */
const NO_NUL = [(s: string) => !s.includes("\u0000"), { error: "this text holds a NUL character (U+0000, `\\0`), which the generated docs cannot show: remove it" }] as const;

const text = (what: string) =>
  z
    .string({ error: `${what} must be a string: quote it if YAML reads it as something else` })
    .min(1, { error: `${what} is empty: write ${what}, or remove the key if it is optional` })
    .refine(...NO_NUL);

/** Where a fact comes from (layers.ts keeps it per entry and per field an overlay adds or changes). */
export const SOURCE_KINDS = ["vendor-page", "vendor-sdk", "observed", "manual"] as const;

export const sourceSchema = z.strictObject({
  kind: z
    .enum(SOURCE_KINDS, { error: "source.kind is `vendor-page`, `vendor-sdk`, `observed` (a response seen from the server) or `manual`" })
    .describe("What the fact comes from: the vendor's error page, the vendor's SDK sources, a response observed from the server, or a person's judgement."),
  ref: text("source.ref").describe("Where to check it: the page's address or title; the SDK's package, version and source file; the request id of an observed response."),
  note: text("source.note").optional().describe("What the reference shows, or what was inferred from it."),
});

const OPERATION = /^[A-Z][A-Za-z0-9]*$/;
const operationName = z
  .string({ error: "an operation name must be a string" })
  .regex(OPERATION, { error: "an operation name is PascalCase, as the vendor's SDKs send it in x-kms-apiname, such as `Encrypt` or `GetSecretValue`" });

export const operationsSchema = z.strictObject({
  source: sourceSchema.optional().describe("Where the names come from (default: the file's source)."),
  names: z.array(operationName).min(1, { error: "names is empty: list the operations, or remove operations" }).describe("The operations, as the service names them."),
});

/** A list of layer files, each relative to the catalog that lists it. */
const layerList = (what: string) => z.array(text(`${what} path`)).min(1, { error: `${what} is empty: list layer files, or remove the key` });

export const placeholderSchema = z.strictObject({
  text: text("the placeholder's text (as written between < and > in the message)"),
  name: z
    .string()
    .regex(IDENTIFIER, {
      error: "a placeholder name is a lowerCamelCase identifier such as `apiVersion` (letters and digits, starting with a lower-case letter)",
    })
    .describe("The identifier generated code uses for this placeholder, e.g. apiVersion."),
  description: text("the placeholder's description"),
  example: z
    .string({ error: "the example value must be a string: quote it" })
    .refine(...NO_NUL)
    .describe("A realistic value, used in docs, fixtures and tests."),
});

export const linkSchema = z.strictObject({
  title: text("the link title"),
  url: z.url({ error: "a link url is an absolute address such as `https://example.com/faq`: write it in full, or leave url out" }).optional(),
});

export const faultSchema = z.enum(["client", "server"], {
  error: "fault is `client` (4xx: the caller must change the request) or `server` (5xx)",
});

const httpStatus = z
  .number({ error: "httpStatus must be a number such as 404, not a string" })
  .int({ error: "httpStatus must be a whole number such as 404" })
  .min(100, { error: "httpStatus must be an HTTP status from 100 to 599" })
  .max(599, { error: "httpStatus must be an HTTP status from 100 to 599" });

/** A request condition: what in a request makes the server answer with the entry (request-conditions.ts checks the rest). */
export const requestConditionSchema = z.strictObject({
  header: text("the header name").optional().describe("The request header the condition reads, as listed under service.requestHeaders (any case)."),
  missing: z.literal(true, { error: "missing is `true`: the header is absent or empty (remove the key otherwise)" }).optional().describe("The header is absent or empty."),
  notOneOf: z.array(text("a header value")).min(1).optional().describe("The header is present with a value that is none of these (compared exactly)."),
  notOperation: z.literal(true, { error: "notOperation is `true`: the header is absent, empty, or none of the catalog's operations (remove the key otherwise)" }).optional().describe("The header is absent, empty, or none of the catalog's operations (compared exactly)."),
  notFormat: z.enum(["rfc1123"], { error: "notFormat is `rfc1123` (an HTTP date such as `Sun, 06 Nov 1994 08:49:37 GMT`)" }).optional().describe("The header is present with a value not in this format."),
  skewOverSeconds: z.number().int().min(1).optional().describe("The header is an RFC 1123 date more than this many seconds before or after the server clock."),
  bodyOverLimit: text("the limit name").optional().describe("The request body is longer than this service.limits value (bytes)."),
  fills: z.string().regex(IDENTIFIER, { error: "fills names a placeholder of this entry, such as `apiVersion`" }).optional().describe("The placeholder that the header's value (empty when absent) fills in the message."),
});

export const entrySchema = z.strictObject({
  id: z
    .string({ error: "id must be a string" })
    .regex(ID, { error: "an id is kebab-case, as in `key-not-found-in-key-store`: lower-case letters, digits and single dashes" })
    .describe("Stable, readable id of this (code, message) pair. Never reuse one."),
  number: z
    .number({ error: "number must be a whole number from 1" })
    .int({ error: "number must be a whole number from 1" })
    .min(1, { error: "number must be a whole number from 1 (0 is the proto enum's UNSPECIFIED value)" })
    .max(536870911, { error: "number must be at most 536870911 (the largest proto enum value)" })
    .describe("The entry's proto enum number. Never change it; never reuse one (list removed ones under `reserved`)."),
  httpStatus: httpStatus.describe("The HTTP status the server answers with."),
  code: z
    .string({ error: "code must be a string" })
    .regex(CODE, { error: "an error code is letters and digits, in parts joined by `.`, `_` or `-`, as in `Forbidden.KeyNotFound`" })
    .optional()
    .describe("The ErrorCode the server sends. Omit it for a status that carries no code (like 413)."),
  message: z
    .string({ error: "message must be a string: quote it if YAML reads it as something else" })
    .min(1, { error: "message is empty: write the message the server sends, or omit it for a codeless status" })
    .refine(...NO_NUL)
    .optional()
    .describe("The ErrorMessage the server sends, byte for byte, with <placeholders>. `\\<`, `\\>`, `\\\\` are literal."),
  placeholders: z.array(placeholderSchema).optional(),
  meaning: text("meaning").describe("What the error means."),
  fix: text("fix").describe("How to fix it."),
  keyState: text("keyState").optional().describe("The key state that causes this error (409 rows)."),
  links: z.array(linkSchema).optional().describe("Documents that meaning or fix name."),
  fault: faultSchema.describe("Who must act: `client` for a 4xx status, `server` for a 5xx status."),
  retryable: z
    .boolean({ error: "retryable must be true or false (unquoted)" })
    .describe("Whether sending the same request again may succeed: true or false."),
  retryableReason: text("retryableReason").optional().describe("Why this entry is (or is not) retryable, where it departs from the default."),
  matchBefore: z
    .array(z.string().regex(ID, { error: "matchBefore lists entry ids" }))
    .optional()
    .describe("Ids of entries under the same code that this entry's pattern is tried before, where the two patterns can match one message."),
  request: z
    .array(requestConditionSchema)
    .min(1)
    .optional()
    .describe("The request conditions that make the server send this entry, as the vendor states them; `errcat serve` answers such a request with it."),
  operations: z
    .array(operationName)
    .min(1, { error: "operations is empty: list the operations that return this entry, or remove the key (default: all)" })
    .optional()
    .describe("The operations that return this entry, from the catalog's operations (default: all of them)."),
  source: sourceSchema.optional().describe("Where this entry comes from (default: the file's source)."),
});

export const statusSchema = z.strictObject({
  httpStatus,
  title: text("title").describe("The status's title as the vendor's page writes it, e.g. Not found."),
  text: text("text").optional().describe("The page's text under this status, where it has one."),
  source: sourceSchema.optional().describe("Where this section comes from (default: the file's source)."),
});

const wireField = z.strictObject({
  name: text("the field name"),
  number: z.number().int().min(1),
  type: z.enum(["int32", "string"], { error: "a wire field's type is int32 or string" }),
});

export const serviceSchema = z.strictObject({
  name: z
    .string({ error: "service.name must be a string" })
    .regex(SERVICE, { error: "service.name is lower-case letters and digits, as in `kms`; it names out/<name>/ and the generated classes" }),
  title: text("service.title"),
  vendor: text("service.vendor").optional(),
  introduction: text("service.introduction"),
  scope: text("service.scope").optional(),
  wire: z.strictObject({
    package: text("service.wire.package").describe("The proto package the vendor's SDKs declare the wire message in."),
    message: text("service.wire.message"),
    fields: z.array(wireField).min(1),
  }),
  requestHeaders: z
    .array(z.strictObject({ name: text("the header name"), description: text("the header description") }))
    .optional(),
  limits: z.record(z.string(), z.number().int().nonnegative()).optional(),
  proto: z.strictObject({
    package: z.string().regex(PROTO_PACKAGE, {
      error: "service.proto.package is dot-separated lower_snake parts, as in `errcat.kms.v1`",
    }),
    goPackage: text("service.proto.goPackage").optional(),
    javaPackage: text("service.proto.javaPackage").optional(),
    javaMultipleFiles: z.boolean().optional(),
    csharpNamespace: text("service.proto.csharpNamespace").optional(),
    phpNamespace: text("service.proto.phpNamespace").optional(),
  }),
  docs: z
    .strictObject({
      sync: z
        .array(text("a docs.sync path"))
        .optional()
        .describe("Markdown files (relative to the catalog file) whose `<!-- errcat:begin … -->` regions errcat rewrites."),
    })
    .optional(),
});

export const reservedSchema = z.strictObject({
  number: z.number().int().min(1),
  id: z.string().regex(ID).optional(),
  reason: text("reason").describe("Why the entry was removed, e.g. the server no longer sends this message."),
});

export const catalogSchema = z.strictObject({
  errcat: z
    .literal(1, { error: "the catalog format version is 1: write `errcat: 1`" })
    .describe("The catalog format version: write `errcat: 1`."),
  service: serviceSchema.describe("The service: its name, the wire message of its errors, and the proto options."),
  statuses: z
    .array(statusSchema)
    .describe("One section per HTTP status the errors answer with: its httpStatus, title, and the page's text."),
  errors: z
    .array(entrySchema)
    .min(1, { error: "errors is empty: list at least one error entry under errors" })
    .describe("One entry per (code, message) the server sends."),
  reserved: z.array(reservedSchema).optional().describe("Enum numbers (and ids) of removed entries, never to be reused."),
  source: sourceSchema.optional().describe("Where this file's entries and sections come from, unless one names its own source."),
  operations: operationsSchema.optional().describe("The service's operations; an entry's `operations` names those that return it."),
  extends: layerList("extends").optional().describe("Layer files below this catalog (such as gateway errors shared by several services), relative to it; its entries may use their statuses."),
  overlays: layerList("overlays").optional().describe("Layer files above this catalog that complete it, applied in order, relative to it: new entries, statuses and operations, and patches to entries below."),
});

/** A change to an entry of a lower layer, by id: any field but id and number, with where the change comes from. */
export const patchSchema = entrySchema
  .omit({ id: true, number: true, source: true })
  .partial()
  .extend({
    id: entrySchema.shape.id.describe("The id of the entry, in a layer below, that this patch changes."),
    source: sourceSchema.optional().describe("Where the changed fields come from (default: the file's source)."),
  });

/** A layer file, listed under a catalog's `extends` or `overlays`: no service, and a source for everything in it. */
export const layerSchema = z.strictObject({
  errcat: z.literal(1, { error: "the catalog format version is 1: write `errcat: 1`" }).describe("The catalog format version: write `errcat: 1`."),
  source: sourceSchema.describe("Where this file's facts come from, unless an item names its own source."),
  operations: operationsSchema.optional().describe("Operations this layer adds."),
  statuses: z.array(statusSchema).optional().describe("Status sections this layer adds."),
  errors: z.array(entrySchema).optional().describe("Entries this layer adds."),
  patches: z.array(patchSchema).optional().describe("Changes to entries of the layers below, by id; a vendor page's code, message and status cannot be changed."),
  reserved: z.array(reservedSchema).optional().describe("Enum numbers (and ids) of removed entries of this layer."),
});

export type CatalogDocument = z.infer<typeof catalogSchema>;
export type LayerDocument = z.infer<typeof layerSchema>;
export type SourceDocument = z.infer<typeof sourceSchema>;
export type EntryDocument = z.infer<typeof entrySchema>;

/** The JSON Schema that editors read (catalog/errcat.schema.json). */
export function catalogJsonSchema(): unknown {
  return z.toJSONSchema(catalogSchema, { target: "draft-2020-12", io: "input" });
}

/** catalog/errcat.schema.json as written: two-space JSON with a final newline, the same on every run. */
export function catalogJsonSchemaText(): string {
  return `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
}

/** The JSON Schema of layer files (catalog/errcat.layer.schema.json). */
export function layerJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(layerSchema, { target: "draft-2020-12", io: "input" }), null, 2)}\n`;
}
