/**
 * errcat.config.yaml: which catalogs, which outputs (a built-in target or a plugin module, where
 * its files go, its options), template overrides and the Markdown files kept in sync. Found upwards
 * from the working directory; without one, errcat behaves as it always has (catalog/kms.yaml →
 * out/kms/, every built-in target). Problems are positioned diagnostics, like a catalog's.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as z from "zod";
import { CatalogError, sortDiagnostics, type Diagnostic } from "../catalog/diagnostics.js";
import { diagnosticAt, parseCatalogSource, type CatalogSource, type DataPath } from "../catalog/source.js";
import { readYamlFast } from "../catalog/fast-yaml.js";
import { decodeUtf8Strictly } from "../catalog/utf8.js";
import { closestWord } from "../target/define-target.js";
import { BUILTIN_TARGETS } from "../target/registry.js";
import type { ConfigRuleId } from "./rules.js";

export const CONFIG_FILE = "errcat.config.yaml";

const outputSchema = z.strictObject({
  /** A built-in target's name (`typescript`) or a plugin module's path (`./errcat/my-target.mjs`). */
  target: z.string().min(1).describe(`A built-in target (${Object.keys(BUILTIN_TARGETS).join(", ")}) or the path of a plugin module that exports defineTarget(...)`),
  /** A folder, or a file path for a one-file output; `{service}` is replaced by the service name. */
  out: z.string().min(1).optional().describe("Where the output goes, relative to this file: a folder, or a file path for a one-file output such as docs/errors.md. {service} is the service name. Default: out/{service}/ and the target's own subfolder"),
  options: z.record(z.string(), z.unknown()).optional().describe("The target's options; an unknown option is an error"),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  catalogs: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional()
    .describe("Catalog files or globs (* and ? within a path segment), relative to this file. Default: catalog/kms.yaml"),
  generate: z.array(outputSchema).min(1).optional().describe("The outputs to generate. Default: every built-in target into out/{service}/"),
  templates: z.string().min(1).optional().describe("A folder of Handlebars templates that override the built-in ones by file name"),
  docs: z.strictObject({
    sync: z.array(z.string().min(1)).describe("Markdown files whose errcat regions generate keeps in sync, relative to this file"),
  }).optional(),
});

export type ConfigDocument = z.infer<typeof configSchema>;

export interface OutputSpec {
  readonly target: string;
  readonly out: string | undefined;
  readonly options: Readonly<Record<string, unknown>>;
  /** Where the entry is in the config file, for diagnostics about it. */
  readonly at: DataPath;
}

export interface ResolvedConfig {
  /** The config file as the user would name it, or undefined when there is none. */
  readonly file: string | undefined;
  /** Paths in the config, and in generated headers, are relative to this folder. */
  readonly baseDir: string;
  /** Absolute catalog paths, in the order given (globs sorted). */
  readonly catalogs: readonly string[];
  /** undefined: every built-in target in its default folder. */
  readonly outputs: readonly OutputSpec[] | undefined;
  readonly templates: string | undefined;
  readonly docsSync: readonly string[] | undefined;
  /** The parsed file, for diagnostics at a node (undefined without a config file). */
  readonly source: CatalogSource | undefined;
}

/** The config file in `from` or the nearest folder above it, or undefined. */
export function findConfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A diagnostic at a node of the config file. */
export function configDiagnostic(config: ResolvedConfig, path: DataPath, rule: ConfigRuleId, message: string, which: "value" | "key" = "value"): Diagnostic {
  if (!config.source) return { file: config.file ?? CONFIG_FILE, line: 1, column: 1, rule, message };
  return { ...diagnosticAt(config.source, path, "", message, { which }), rule };
}

/**
 * Reads a config file (`file`), or finds one upwards from `cwd`, or returns the defaults. Throws
 * CatalogError with positioned diagnostics for a config with problems.
 */
export function loadConfig(options: { file?: string | undefined; cwd?: string } = {}): ResolvedConfig {
  const cwd = options.cwd ?? process.cwd();
  const path = options.file !== undefined ? resolve(cwd, options.file) : findConfig(cwd);
  if (path === undefined) {
    return { file: undefined, baseDir: cwd, catalogs: [resolve(cwd, "catalog/kms.yaml")], outputs: undefined, templates: undefined, docsSync: undefined, source: undefined };
  }
  // Diagnostics name a found config relative to the working directory, as they name a catalog.
  const shown = options.file ?? (relative(cwd, path).split("\\").join("/") || CONFIG_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogError([{ file: shown, line: 1, column: 1, rule: "config", message: `cannot read the config file (${code ?? (error as Error).message}): check the path given to --config` }]);
  }
  const decoded = decodeUtf8Strictly(shown, bytes, "save the config file as UTF-8, since the paths and texts in it must be read as written");
  if ("diagnostic" in decoded) throw new CatalogError([decoded.diagnostic]);
  const text = decoded.text;
  const { source, diagnostics } = parseCatalogSource(shown, text);
  if (diagnostics.length > 0) throw new CatalogError(diagnostics);
  const data = source.data ?? {};
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw new CatalogError(schemaProblems(source, parsed.error.issues));
  const doc = parsed.data;
  const baseDir = dirname(path);
  const partial: ResolvedConfig = { file: shown, baseDir, catalogs: [], outputs: undefined, templates: undefined, docsSync: undefined, source };

  const problems: Diagnostic[] = [];
  const patterns = doc.catalogs === undefined ? ["catalog/kms.yaml"] : typeof doc.catalogs === "string" ? [doc.catalogs] : doc.catalogs;
  const catalogs: string[] = [];
  const globbed = new Set<string>();
  patterns.forEach((pattern, i) => {
    const at: DataPath = typeof doc.catalogs === "string" ? ["catalogs"] : ["catalogs", i];
    const found = expandGlob(baseDir, pattern);
    if (found.length === 0) {
      problems.push(configDiagnostic(partial, doc.catalogs === undefined ? [] : at, "config-catalog", /[*?]/.test(pattern)
        ? `no file matches \`${pattern}\`: catalogs are relative to ${shown}`
        : `\`${pattern}\` does not exist: catalogs are relative to ${shown}; check the path`));
    }
    for (const f of found) if (!catalogs.includes(f)) catalogs.push(f);
    if (/[*?]/.test(pattern)) for (const f of found) globbed.add(f);
  });
  // A glob such as catalog/*.yaml also matches the layer files a catalog extends or overlays: those are not catalogs.
  const layers = layerFilesOf(catalogs);
  const services = catalogs.filter((f) => !(globbed.has(f) && layers.has(f)));
  if (doc.templates !== undefined && !isDirectory(resolve(baseDir, doc.templates))) {
    problems.push(configDiagnostic(partial, ["templates"], "config-templates", `\`${doc.templates}\` is not a folder: templates names a folder of .hbs files, relative to ${shown}`));
  }
  const outputs = doc.generate?.map((o, i): OutputSpec => ({ target: o.target, out: o.out, options: o.options ?? {}, at: ["generate", i] }));
  if (problems.length > 0) throw new CatalogError(problems);
  return {
    ...partial,
    catalogs: services,
    outputs,
    templates: doc.templates === undefined ? undefined : resolve(baseDir, doc.templates),
    docsSync: doc.docs?.sync,
  };
}

/** The files the given catalogs list under `extends` and `overlays`, and theirs in turn (resolved beside each file). */
export function layerFilesOf(catalogs: readonly string[]): Set<string> {
  const layers = new Set<string>();
  const queue = [...catalogs];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    let data: unknown;
    try {
      const text = readFileSync(file, "utf8");
      // The fast reader first: the positioned one took 6 s for a 25,000-entry catalog, read again right after.
      data = (readYamlFast(text) ?? parseCatalogSource(file, text).source).data;
    } catch {
      continue; // the catalog loader reports an unreadable catalog at its node
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) continue;
    for (const key of ["extends", "overlays"]) {
      const listed = (data as Record<string, unknown>)[key];
      for (const layer of Array.isArray(listed) ? listed : typeof listed === "string" ? [listed] : []) {
        const path = typeof layer === "string" && layer !== "" ? resolve(dirname(file), layer) : undefined;
        if (path !== undefined && !layers.has(path)) {
          layers.add(path);
          queue.push(path);
        }
      }
    }
  }
  return layers;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files matching a pattern whose segments may hold `*` and `?`, sorted; a plain path if it exists. */
export function expandGlob(baseDir: string, pattern: string): string[] {
  const segments = pattern.split("/");
  let found = [pattern.startsWith("/") ? "/" : baseDir];
  for (const [i, segment] of segments.entries()) {
    if (segment === "" || segment === ".") continue;
    const last = i === segments.length - 1;
    if (!/[*?]/.test(segment)) {
      found = found.map((dir) => join(dir, segment)).filter((p) => (last ? existsSync(p) && !isDirectory(p) : isDirectory(p)));
      continue;
    }
    const re = new RegExp(`^${segment.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
    found = found.flatMap((dir) => {
      let names: string[];
      try {
        names = readdirNames(dir);
      } catch {
        return [];
      }
      return names.filter((n) => re.test(n) && !n.startsWith(".")).map((n) => join(dir, n)).filter((p) => (last ? !isDirectory(p) : isDirectory(p)));
    });
  }
  return [...new Set(found)].sort();
}

function readdirNames(dir: string): string[] {
  // Sorted by code unit, so the order is the same in every locale.
  return readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function schemaProblems(source: CatalogSource, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keysAt = (path: DataPath): string[] => {
    if (path.length === 0) return Object.keys(configSchema.shape);
    if (path[0] === "generate" && path.length === 2) return Object.keys(outputSchema.shape);
    if (path[0] === "docs" && path.length === 1) return ["sync"];
    return [];
  };
  // A misspelt required key is one mistake: its did-you-mean says it all, without "missing" too.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    for (const key of issue.keys) {
      const suggestion = closestWord(key, keysAt(path));
      if (suggestion !== undefined) suggested.add(JSON.stringify([...path, suggestion]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (suggested.has(JSON.stringify(path))) continue;
    const where = path.length === 0 ? "the config" : `\`${path.join(".")}\``;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const allowed = keysAt(path).filter((k) => k !== "$schema");
        const suggestion = closestWord(key, allowed);
        out.push({ ...diagnosticAt(source, [...path, key], "", "", { which: "key" }), rule: "config-unknown-key",
          message: `unknown key \`${key}\` in ${where}: ${suggestion ? `did you mean \`${suggestion}\`?` : `remove it (allowed here: ${allowed.join(", ")})`}` });
      }
      continue;
    }
    if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
      out.push({ ...diagnosticAt(source, [], "", ""), rule: "config-schema", message: "the config is not a mapping of keys: start it with `catalogs:` and `generate:`" });
      break;
    }
    const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], source.data);
    const missing = value === undefined && path.length > 0;
    const expected = issue.code === "invalid_type"
      ? `expected ${issue.expected === "array" ? "a list" : issue.expected === "object" || issue.expected === "record" ? "a mapping" : `a ${issue.expected}`}, not ${describeValue(value)}`
      : issue.code === "invalid_union" ? `expected a string or a list of strings, not ${describeValue(value)}` : issue.message.replace(/^Invalid input: /, "");
    const hint = path[0] === "generate" ? "each output is { target, out?, options? }" : path[0] === "catalogs" ? "catalogs is a path or a list of paths and globs" : "see errcat.config.schema.json";
    out.push({
      ...diagnosticAt(source, missing ? path.slice(0, -1) : path, "", "", missing ? { which: "key" } : {}),
      rule: "config-schema",
      message: missing ? `${where} is missing: add it (${hint})` : `${where}: ${issue.code === "too_small" ? "must not be empty" : expected}: ${hint}`,
    });
  }
  return sortDiagnostics(out);
}

function describeValue(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)}`;
}

/** The config's JSON Schema, for editors (`errcat.config.schema.json`). */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(configSchema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  return `${JSON.stringify({ title: "errcat.config.yaml", ...schema }, null, 2)}\n`;
}
