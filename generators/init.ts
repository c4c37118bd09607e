/**
 * `errcat init`: a starter errcat.config.yaml, a starter catalog (one commented example entry, or the
 * entries of a vendor page with --from-page) and the JSON Schemas editors check them with. It never
 * overwrites a file: an existing config or catalog stops it before anything is written.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { checkCatalogText } from "./catalog/index.js";
import { catalogJsonSchemaText } from "./catalog/schema.js";
import { CONFIG_FILE, configJsonSchemaText } from "./config/config.js";
import { BUILTIN_TARGETS } from "./target/registry.js";
import { UsageError } from "./usage-error.js";

export interface InitOptions {
  readonly dir: string;
  readonly service: string;
  readonly fromPage?: string | undefined;
}

interface InitIo {
  out(text: string): void;
  err(text: string): void;
}

export async function initProject(options: InitOptions, io: InitIo): Promise<void> {
  const { dir, service } = options;
  if (!/^[a-z][a-z0-9]*$/.test(service)) throw new UsageError(`--service ${service}: a service name is lower-case letters and digits, such as \`kms\``);
  const catalogPath = `catalog/${service}.yaml`;
  const catalogText = options.fromPage !== undefined ? await importedCatalog(options.fromPage, service) : starterCatalog(service);
  const files: { path: string; text: string; ifMissing: boolean }[] = [
    { path: CONFIG_FILE, text: starterConfig(), ifMissing: false },
    { path: "errcat.config.schema.json", text: configJsonSchemaText(), ifMissing: true },
    { path: catalogPath, text: catalogText, ifMissing: false },
    { path: "catalog/errcat.schema.json", text: catalogJsonSchemaText(), ifMissing: true },
  ];
  const existing = files.filter((f) => !f.ifMissing && existsSync(join(dir, f.path))).map((f) => f.path);
  if (existing.length > 0) throw new UsageError(`${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}: errcat init never overwrites a file; edit ${existing.length === 1 ? "it" : "them"}, or run init in another folder`);
  const { diagnostics } = checkCatalogText(catalogPath, catalogText);
  if (diagnostics.length > 0) throw new UsageError(`the imported catalog has ${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} (run \`errcat import markdown ${options.fromPage} --service ${service}\` to see them); nothing was written`);
  for (const f of files) {
    const path = join(dir, f.path);
    if (existsSync(path)) {
      io.err(`errcat: ${f.path}: exists, left as it is\n`);
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.text, { flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write ${f.path} (${error.code ?? error.message}): run init in a folder you can write to`);
    });
    io.err(`errcat: ${f.path}: written\n`);
  }
  const where = relative(process.cwd(), dir);
  io.out(`Next: ${where !== "" ? `cd ${where} && ` : ""}npx errcat generate\n`);
}

async function importedCatalog(page: string, service: string): Promise<string> {
  const text = await readFile(page, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${page} (${error.code ?? error.message}): check the path given to --from-page`);
  });
  const { readErrorPage } = await import("./import/error-page.js");
  const { pageToCatalog } = await import("./import/page-to-catalog.js");
  const { catalogYaml } = await import("./import/catalog-yaml.js");
  const parsed = readErrorPage(text);
  if (parsed.statuses.length === 0) throw new UsageError(`${page}: no status sections found: the page needs lines or headings such as "400 Bad request" followed by an error table`);
  return catalogYaml(pageToCatalog(parsed, service).catalog, page.split("\\").join("/"));
}

/** The built-in targets the starter config does not list, named in its comment. */
const OTHER_TARGETS = Object.keys(BUILTIN_TARGETS).filter((name) => name !== "typescript" && name !== "markdown");

function starterConfig(): string {
  return `# yaml-language-server: $schema=./errcat.config.schema.json
# What errcat generates, and where. Paths are relative to this file; {service} is a catalog's service name.
catalogs:
  - catalog/*.yaml
generate:
  # Error classes, fromResponse, parseMessage and formatMessage, with no dependencies.
  - target: typescript
    out: src/generated/{service}
  # The reference page of every error.
  - target: markdown
    out: docs/{service}-errors.md
  # Other targets: ${OTHER_TARGETS.join(", ")}, or a plugin module's path.
# Markdown files whose <!-- errcat:begin … --> regions generate keeps in sync:
# docs:
#   sync: [README.md]
`;
}

function starterCatalog(service: string): string {
  return `# yaml-language-server: $schema=./errcat.schema.json
#
# The errors of the ${service} API, one entry per (error code, message). Write each message as the
# server sends it, byte for byte; <text in angle brackets> is a placeholder.
errcat: 1

service:
  name: ${service}
  title: ${service} API
  introduction: >-
    When a request fails, the service answers with an HTTP error status and an Error message in the body.
  # The protobuf message of the error body, as the service's .proto declares it.
  wire:
    package: api
    message: Error
    fields:
      - { name: StatusCode, number: 1, type: int32 }
      - { name: ErrorCode, number: 2, type: string }
      - { name: ErrorMessage, number: 3, type: string }
      - { name: RequestId, number: 4, type: string }
  proto:
    package: errcat.${service}.v1

statuses:
  - httpStatus: 404
    title: Not found

errors:
  # An example entry: replace it with the service's own errors.
  - id: key-not-found            # a stable kebab-case id; docs anchors and message variants use it
    number: 1                    # the proto enum value: never reuse it once released
    httpStatus: 404
    code: KeyNotFound            # the ErrorCode the server sends
    message: The key "<key id>" does not exist.
    placeholders:
      - text: key id             # the text between < and > above
        name: keyId              # the parameter's name in generated code
        description: The key that the request named.
        example: key-1234
    meaning: The key does not exist.
    fix: Check the key id.
    fault: client                # client (4xx: the request must change) or server (5xx)
    retryable: false             # true only where the same request can succeed later
`;
}
