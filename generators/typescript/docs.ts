/** The TypeScript target's section of ERRORS.md: how to handle the errors with the generated module. */
import type { CatalogModel } from "../catalog/model.js";
import { exampleMessage } from "../catalog/format.js";
import type { DocsSection } from "../target/define-target.js";
import { codeSpan } from "../markdown/escape.js";
import { codeClassName, codelessClassName, serviceNames } from "./names.js";

export const DOCS_TITLE = "Handling these errors in TypeScript";

/** The section; `importPath` is how the example imports the module (the docs sit beside it by default). */
export function typescriptDocs(model: CatalogModel, importPath: string): DocsSection {
  const n = serviceNames(model.service.name);
  const markdown = [
    "The generated module in this folder turns any error response into a typed error.",
    `\`fromResponse\` never throws: it always returns a \`${n.base}\`, also for codes and`,
    `messages this page does not list. Its result is a union that \`switch (error.code)\` narrows; where the`,
    `code is known, \`error.code\` is a \`${n.code}\`, and \`error.id\` names the entry of this page, so`,
    "`error.docsUrl` links here and `error.params` has exactly that entry's placeholders.",
    "",
    "```ts",
    example(model, importPath),
    "```",
  ].join("\n");
  // A line under each entry of the reference: its class, and the guard that recognises it across copies.
  const entryNotes = Object.fromEntries(model.entries.map((e) => {
    const cls = e.code === undefined ? codelessClassName(e.id) : codeClassName(e.code);
    return [e.id, `TypeScript: class ${codeSpan(cls)}, guard ${codeSpan(`is${cls}`)}`];
  }));
  return { title: DOCS_TITLE, anchor: "typescript", markdown, entryNotes };
}

function example(model: CatalogModel, importPath: string): string {
  const n = serviceNames(model.service.name);
  const group = model.codes.find((c) => c.entries.length > 1) ?? model.codes[0];
  const withParams = model.entries.find((e) => e.code !== undefined && e.placeholders.length > 0);
  const retryable = model.codes.filter((c) => c.entries.some((e) => e.retryable)).map((c) => c.code);
  const imports = ["fromResponse", n.isBase, ...(withParams ? ["formatMessage", "parseMessage"] : [])];
  const lines = [
    `import { ${imports.join(", ")} } from ${JSON.stringify(importPath)};`,
    "",
    "const response = await fetch(request);",
    "if (!response.ok) {",
    "  const error = fromResponse({ status: response.status, body: new Uint8Array(await response.arrayBuffer()) });",
  ];
  if (group) {
    const withPlaceholder = group.entries.find((e) => e.placeholders.length > 0);
    lines.push(`  switch (error.code) {`, `    case ${JSON.stringify(group.code)}:`);
    lines.push(`      // error.id is ${orList([...group.entries.map((e) => JSON.stringify(e.id)), "undefined"])}.`);
    if (withPlaceholder) {
      lines.push(
        `      if (error.id === ${JSON.stringify(withPlaceholder.id)}) console.error(error.params.${withPlaceholder.placeholders[0]!.name});`,
      );
    } else lines.push("      console.error(error.id, error.params);");
    lines.push("      break;", "  }");
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
    `  return ${n.isBase}(e) ? \`\${e.id ?? e.code} (request \${e.requestId})\` : String(e);`,
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
