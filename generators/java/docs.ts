/** The "Handling these errors in Java" section of ERRORS.md, with an example the tests compile and run. */
import type { CatalogModel } from "../catalog/model.js";
import { pascalCase } from "../catalog/names.js";
import { codeSpan } from "../markdown/escape.js";
import { codeBlock } from "../markdown/templates.js";
import type { DocsSection } from "../target/define-target.js";
import { enumConstantName, javaNames, javaTypes, paramsRecordName, serviceTypeNames } from "./names.js";
import { javaPackage, type JavaOptions } from "./options.js";
import { javaString } from "./syntax.js";

/** The class the example is: its file is `<name>.java`. */
export function exampleClassName(model: CatalogModel): string {
  return `Handle${pascalCase(model.service.name)}Errors`;
}

export function javaDocs(model: CatalogModel, options: JavaOptions): DocsSection {
  const pkg = javaPackage(model, options);
  const n = serviceTypeNames(model.service.name);
  const types = javaTypes(model);
  const entryNotes = Object.fromEntries(types.flatMap((t) => t.entries.map((e) => [e.id, `Java: ${codeSpan(t.name)}, ${codeSpan(`ErrorCode.${enumConstantName(e)}`)}`])));
  const markdown = [
    `The Maven module in \`java/\` (package ${codeSpan(pkg)}, Java 17, no dependencies) turns any error`,
    `response into a typed exception. ${codeSpan(`${n.facade}.fromResponse`)} never throws: it returns a`,
    `${codeSpan(n.base)}, a sealed hierarchy with one final class per error code, one per status without a`,
    `code, ${codeSpan(n.unknown)} for codes this page does not list and ${codeSpan(n.undecodable)} for a body`,
    `that is not an error message. ${codeSpan("id()")} is the ${codeSpan("ErrorCode")} of the entry (message variant) of this`,
    `page and ${codeSpan("params()")} its record of placeholder values, parsed on first use.`,
    "",
    codeBlock("java", javaExample(model, pkg)),
    "",
    `With the vendor's SDK, ${codeSpan(`${n.facade}.fromVendorError(e)`)} turns the ${codeSpan("TeaException")} it throws (also inside a`,
    `${codeSpan("TeaUnretryableException")}) into the same typed exception, without a compile-time dependency on the SDK.`,
  ].join("\n");
  return { title: "Handling these errors in Java", anchor: "java", markdown, entryNotes };
}

/** A whole program: it posts to the URL in args[0] and handles the error it gets back. */
export function javaExample(model: CatalogModel, pkg: string): string {
  const n = serviceTypeNames(model.service.name);
  const types = javaTypes(model);
  // Show a code with several message variants, one of which carries values, when there is one.
  const withValues = (t: (typeof types)[number]) => t.entries.some((e) => e.placeholders.length > 0);
  const shown = types.find((t) => t.entries.length > 1 && withValues(t)) ?? types.find(withValues) ?? types[0]!;
  const variant = shown.entries.find((e) => e.placeholders.length > 0);
  const imports = [`${pkg}.${shown.name}`, `${pkg}.${n.facade}`, `${pkg}.${n.base}`, ...(variant ? [`${pkg}.${n.params}`] : [])]
    .sort()
    .concat(["java.net.URI", "java.net.http.HttpClient", "java.net.http.HttpRequest", "java.net.http.HttpResponse"]);
  const lines = [
    ...imports.map((i) => `import ${i};`),
    "",
    `public final class ${exampleClassName(model)} {`,
    "    public static void main(String[] args) throws Exception {",
    "        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0]))",
    '                .header("content-type", "application/x-protobuf")',
    "                .POST(HttpRequest.BodyPublishers.noBody())",
    "                .build();",
    "        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());",
    "        try {",
    `            if (response.statusCode() >= 400) throw ${n.facade}.fromResponse(response);`,
    `        } catch (${shown.name} e) {`,
  ];
  if (variant) {
    const record = paramsRecordName(variant, model);
    const first = javaNames.param(variant.placeholders[0]!.name);
    lines.push(
      "            // One class per code; e.id() says which message variant, e.params() holds its values.",
      `            if (e.params() instanceof ${n.params}.${record} p) {`,
      `                System.out.println(${javaString(`${variant.id}: `)} + p.${first}());`,
      "            } else {",
      '                System.out.println(e.id() + ": " + e.meaning());',
      "            }",
    );
  } else {
    lines.push('            System.out.println(e.id() + ": " + e.meaning());');
  }
  lines.push(
    `        } catch (${n.base} e) {`,
    "            // Every other error, also a code this catalog does not list.",
    '            System.out.println(e.code() + " (HTTP " + e.httpStatus() + ", retryable " + e.retryable() + "): " + e.errorMessage() + " See " + e.docsUrl());',
    "        }",
    "    }",
    "}",
  );
  return lines.join("\n");
}
