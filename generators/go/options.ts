/** The go target's options, and their defaults, which depend on the catalog. */
import type { CatalogModel } from "../catalog/model.js";
import { readOptions } from "../target/define-target.js";
import { GO_RESERVED } from "./names.js";

export interface GoOptions {
  /** The package name; default `<service>errors`. */
  readonly package: string | undefined;
  /** The module's import path; default from `service.proto.goPackage`, else `example.com/<package>`. */
  readonly importPath: string | undefined;
  /** Whether to write a go.mod (a module of its own); default true. */
  readonly goMod: boolean;
  /** Where Error.DocsURL points by default: ERRORS.md relative to the package; default `../ERRORS.md`. */
  readonly docsUrl: string;
}

/** The options with every default filled in for one catalog. */
export interface GoSettings {
  readonly package: string;
  readonly importPath: string;
  readonly goMod: boolean;
  readonly docsUrl: string;
}

const MODULE_PATH = /^[A-Za-z0-9][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9._~-]+)*$/;

export function parseGoOptions(raw: Readonly<Record<string, unknown>>): GoOptions {
  const o = readOptions(raw);
  const options: GoOptions = {
    package: o.string("package", undefined, (v) =>
      !/^[a-z][a-z0-9_]*$/.test(v) ? "a Go package name is lower-case letters, digits and `_`, starting with a letter, as in `kmserrors`"
      : GO_RESERVED.has(v) ? `\`${v}\` is a Go keyword or predeclared identifier` : undefined),
    importPath: o.string("importPath", undefined, (v) =>
      MODULE_PATH.test(v) && !v.split("/").some((part) => part.startsWith(".") || part.endsWith("."))
        ? undefined
        : "an import path is `/`-separated elements of letters, digits and `._~-`, as in `example.com/kmserrors`"),
    goMod: o.boolean("goMod", true),
    docsUrl: o.string("docsUrl", "../ERRORS.md")!,
  };
  o.done();
  return options;
}

/**
 * The defaults: package `<service>errors`; import path beside the proto's Go package when the catalog
 * names one (`github.com/errcat/errcat/out/kms/errcatkmsv1` → `github.com/errcat/errcat/out/kms/go`,
 * where this target writes by default), else `example.com/<package>`.
 */
export function goSettings(model: CatalogModel, options: GoOptions): GoSettings {
  const pkg = options.package ?? `${model.service.name.toLowerCase().replace(/[^a-z0-9]/g, "")}errors`;
  const protoPath = model.service.proto.goPackage?.split(";")[0]?.trim();
  const beside = protoPath !== undefined && protoPath.includes("/") ? `${protoPath.slice(0, protoPath.lastIndexOf("/"))}/go` : undefined;
  const importPath = options.importPath ?? (beside !== undefined && MODULE_PATH.test(beside) ? beside : `example.com/${pkg}`);
  return { package: pkg, importPath, goMod: options.goMod, docsUrl: options.docsUrl };
}
