/**
 * The generators `errcat generate` runs, loaded on demand so that `errcat validate` never pays for
 * ts-morph or handlebars. Each returns files; none writes to disk or calls another.
 */
import type { Generator } from "./emit/generated-file.js";

export interface Target {
  readonly name: string;
  readonly load: () => Promise<Generator>;
}

export const TARGETS: readonly Target[] = [
  { name: "catalog-json", load: async () => (await import("./json/catalog-json.js")).catalogJsonGenerator },
  { name: "fixtures", load: async () => (await import("./fixtures/generator.js")).fixturesGenerator },
  { name: "regex", load: async () => (await import("./regex/patterns.js")).patternsGenerator },
  { name: "proto", load: async () => (await import("./proto/proto-file.js")).protoGenerator },
  { name: "markdown", load: async () => (await import("./markdown/errors-md.js")).markdownGenerator },
  { name: "typescript", load: async () => (await import("./typescript/generator.js")).typescriptGenerator },
];
