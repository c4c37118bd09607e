/**
 * The TypeScript target on the target API, around the round-1 generator while its runtime becomes a
 * real source file. Its names and docs section are the TypeScript target's own.
 */
import type { CatalogModel } from "../catalog/model.js";
import { pascalCase } from "../catalog/names.js";
import { exampleMessage } from "../catalog/format.js";
import { defineTarget, readOptions, type DocsSection } from "../target/define-target.js";
import { codeBlock } from "../markdown/templates.js";
import { codeSpan } from "../markdown/escape.js";
import { typescriptGenerator } from "./generator.js";

export const typescriptTarget = defineTarget({
  name: "typescript",
  description: "index.ts: an error class per code, guards, fromResponse, parseMessage and formatMessage; no dependencies",
  defaultOut: "",
  parseOptions: (raw) => readOptions(raw).done(),
  generate: ({ model, preamble }) => typescriptGenerator.generate(model, { preamble }),
  docs: ({ model }) => typescriptDocs(model),
});

function typescriptDocs(model: CatalogModel): DocsSection {
  const prefix = pascalCase(model.service.name);
  const classOf = (e: CatalogModel["entries"][number]) => `${pascalCase(e.code ?? e.id)}Error`;
  const entryNotes = Object.fromEntries(model.entries.map((e) => [e.id, `TypeScript: class ${codeSpan(classOf(e))}${e.code !== undefined ? `, guard ${codeSpan(`is${classOf(e)}`)}` : ""}`]));
  const markdown = [
    "The generated module in this folder turns any error response into a typed error.",
    `\`fromResponse\` never throws: it always returns a ${codeSpan(`${prefix}Error`)}, also for codes and`,
    `messages this page does not list. \`error.code\` is a ${codeSpan(`${prefix}ErrorCode`)}, and \`error.id\` names`,
    "the entry of this page, so `error.docsUrl` links here.",
    "",
    codeBlock("ts", typescriptExample(model)),
  ].join("\n");
  return { title: "Handling these errors in TypeScript", anchor: "typescript", markdown, entryNotes };
}

function typescriptExample(model: CatalogModel): string {
  const prefix = pascalCase(model.service.name);
  const group = model.codes.find((c) => c.entries.length > 1) ?? model.codes[0];
  const withParams = model.entries.find((e) => e.code !== undefined && e.placeholders.length > 0);
  const retryable = model.codes.filter((c) => c.entries.some((e) => e.retryable)).map((c) => c.code);
  const guard = group ? `is${pascalCase(group.code)}Error` : undefined;
  const imports = ["fromResponse", `is${prefix}Error`, ...(guard ? [guard] : []), ...(withParams ? ["formatMessage", "parseMessage"] : [])];
  const lines = [
    `import { ${imports.join(", ")} } from "./index.js";`,
    "",
    "const response = await fetch(request);",
    "if (!response.ok) {",
    "  const error = fromResponse({ status: response.status, body: new Uint8Array(await response.arrayBuffer()) });",
  ];
  if (group && guard) {
    lines.push(
      `  if (${guard}(error)) {`,
      `    // error.id is ${orList(group.entries.map((e) => JSON.stringify(e.id)))}; error.params holds the message's values.`,
      "    console.error(error.id, error.params);",
      "  }",
    );
  }
  lines.push(
    "  if (error.retryable) {",
    `    // ${retryable.length > 0 ? `${orList(retryable)}: retry` : "Retry"} with backoff.`,
    "  }",
    "  console.error(`${error.code ?? error.httpStatus}: ${error.meaning} ${error.fix} See ${error.docsUrl}`);",
    "  throw error;",
    "}",
    "",
    "// Errors are recognized by a brand, even across two copies of the generated module.",
    "function describe(e: unknown): string {",
    `  return is${prefix}Error(e) ? \`\${e.id ?? e.code} (request \${e.requestId})\` : String(e);`,
    "}",
  );
  if (withParams) {
    const message = exampleMessage(withParams);
    const params = `{ ${withParams.placeholders.map((p) => `${p.name}: ${JSON.stringify(p.example)}`).join(", ")} }`;
    lines.push(
      "",
      `parseMessage(${JSON.stringify(withParams.code)}, ${JSON.stringify(message)});`,
      `// → { id: ${JSON.stringify(withParams.id)}, params: ${params} }`,
      `formatMessage(${JSON.stringify(withParams.id)}, ${params});`,
      `// → ${JSON.stringify(message)}`,
    );
  }
  return lines.join("\n");
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

