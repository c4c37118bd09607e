/** The java target's options: the Java package of the generated code and the pom's coordinates. */
import type { CatalogModel } from "../catalog/model.js";
import { readOptions } from "../target/define-target.js";
import { JAVA_KEYWORDS, RUNTIME_PACKAGE } from "./names.js";

export interface JavaOptions {
  /** The Java package; undefined: the catalog's `proto.javaPackage` + `.errors`, or `dev.errcat.<service>`. */
  readonly package?: string;
  readonly groupId: string;
  /** undefined: `<service>-errors`. */
  readonly artifactId?: string;
  readonly version: string;
}

const COORDINATE = /^[A-Za-z0-9_.-]+$/;

/** Why a Java package name is unusable, or undefined when it is fine. */
export function packageProblem(name: string): string | undefined {
  const parts = name.split(".");
  const bad = parts.find((p) => !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p) || JAVA_KEYWORDS.has(p));
  if (bad !== undefined) return `${JSON.stringify(name)} is not a Java package name (${JSON.stringify(bad)} cannot be one of its parts)`;
  if (name === RUNTIME_PACKAGE) return `${RUNTIME_PACKAGE} is the package of errcat's Java runtime; choose another`;
  return undefined;
}

export function parseJavaOptions(raw: Readonly<Record<string, unknown>>): JavaOptions {
  const o = readOptions(raw);
  const coordinate = (v: string) => (COORDINATE.test(v) ? undefined : "a Maven coordinate is letters, digits, `.`, `_` and `-`");
  const pkg = o.string("package", undefined, packageProblem);
  const groupId = o.string("groupId", "dev.errcat", coordinate)!;
  const artifactId = o.string("artifactId", undefined, coordinate);
  const version = o.string("version", "0.1.0", coordinate)!;
  o.done();
  return { ...(pkg !== undefined ? { package: pkg } : {}), groupId, ...(artifactId !== undefined ? { artifactId } : {}), version };
}

/** The catalog's default package: `proto.javaPackage` with `.errors` (beside protoc's classes), or `dev.errcat.<service>`. */
export function defaultPackage(model: CatalogModel): string {
  const proto = model.service.proto.javaPackage;
  return proto !== undefined ? `${proto}.errors` : `dev.errcat.${model.service.name}`;
}

export function javaPackage(model: CatalogModel, options: JavaOptions): string {
  const name = options.package ?? defaultPackage(model);
  const problem = packageProblem(name);
  if (problem !== undefined) throw new Error(`java target: ${problem}; set the target's \`package\` option`);
  return name;
}
