/**
 * The java target: a Maven module (Java 17, no dependencies) with a sealed exception per error
 * code, the ErrorCode enum, a params record per message variant, the limits and a facade whose
 * fromResponse classifies every response as the fixtures say; the runtime is real Java source in
 * ./runtime, copied verbatim.
 */
import { defineTarget, type TargetRule } from "../target/define-target.js";
import { javaDocs } from "./docs.js";
import { generateJavaModule } from "./module.js";
import { javaNames } from "./names.js";
import { defaultPackage, packageProblem, parseJavaOptions } from "./options.js";

const rules: readonly TargetRule[] = [
  {
    id: "java-package",
    description: "The Java package the catalog implies (proto.javaPackage + `.errors`, or dev.errcat.<service>) is a valid package name.",
    fix: "Give proto.javaPackage dot-separated Java identifiers that are not keywords, or set the java target's `package` option.",
    check(model, report) {
      const problem = packageProblem(defaultPackage(model));
      if (problem !== undefined) report({ service: ["proto", "javaPackage"] }, `the java target's package: ${problem}`);
    },
  },
];

export const javaTarget = defineTarget({
  name: "java",
  description: "a Maven module: a sealed exception per code, ErrorCode, params records, <Service>Errors.fromResponse and fromVendorError; no dependencies",
  defaultOut: "java",
  parseOptions: parseJavaOptions,
  names: javaNames,
  rules,
  generate: (ctx) => generateJavaModule(ctx),
  docs: (ctx) => javaDocs(ctx.model, ctx.options),
});
