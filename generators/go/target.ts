/**
 * The go target: a Go package (standard library only) with an error type that works with errors.Is
 * and errors.As. runtime.go is the Go runtime source, copied verbatim below its package clause;
 * catalog.go holds the service's constants, sentinels, params structs and table; go.mod when asked.
 */
import { defineTarget } from "../target/define-target.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { catalogFile } from "./catalog-file.js";
import { goDocs } from "./docs.js";
import { goNameRule, goNames, RUNTIME_PACKAGE_CLAUSE, RUNTIME_SOURCE } from "./names.js";
import { goSettings, parseGoOptions, type GoOptions } from "./options.js";
import { goPreamble, goSyntax } from "./syntax.js";

/** The runtime source after its package clause: what every package's runtime.go holds below its own. */
export function runtimeBody(): string {
  const at = RUNTIME_SOURCE.indexOf(`\n${RUNTIME_PACKAGE_CLAUSE}`);
  if (at < 0) throw new Error(`generators/go/runtime/runtime.go has no line \`${RUNTIME_PACKAGE_CLAUSE.trim()}\``);
  return RUNTIME_SOURCE.slice(at + 1 + RUNTIME_PACKAGE_CLAUSE.length);
}

export const goTarget = defineTarget<GoOptions>({
  name: "go",
  description: "a Go package: an *Error with a sentinel per code for errors.Is, FromResponse, ParseMessage, FormatMessage, FromVendorError; no dependencies",
  defaultOut: "go",
  parseOptions: parseGoOptions,
  names: goNames,
  rules: [goNameRule],
  generate(ctx): GeneratedFile[] {
    const s = goSettings(ctx.model, ctx.options);
    const files: GeneratedFile[] = [
      catalogFile(ctx, s),
      ctx.file("runtime.go", goSyntax(s.package)).raw(runtimeBody()).toFile(),
    ];
    if (s.goMod) files.push({ path: "go.mod", contents: `${goPreamble(ctx.preamble)}\n\nmodule ${s.importPath}\n\ngo 1.21\n` });
    return files;
  },
  docs: (ctx) => goDocs(ctx.model, goSettings(ctx.model, ctx.options)),
});
