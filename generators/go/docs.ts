/** The go target's section of ERRORS.md, whose example the Go tests compile and run. */
import type { CatalogModel } from "../catalog/model.js";
import { codeBlock } from "../markdown/templates.js";
import { codeSpan } from "../markdown/escape.js";
import type { DocsSection } from "../target/define-target.js";
import { goPackageNames as n } from "./names.js";
import type { GoSettings } from "./options.js";
import { goString } from "./syntax.js";

export function goDocs(model: CatalogModel, s: GoSettings): DocsSection {
  const entryNotes = Object.fromEntries(model.entries.map((e) => [
    e.id,
    `Go: ${[n.sentinel(e), n.id(e.id), ...(e.placeholders.length > 0 ? [n.params(e.id)] : [])].map((x) => codeSpan(`${s.package}.${x}`)).join(", ")}`,
  ]));
  const markdown = [
    `The Go package ${codeSpan(s.package)} (import path ${codeSpan(s.importPath)}, standard library only) turns any`,
    "error response into an `*Error`. `FromResponse` and `FromBody` never panic and never return nil, also",
    "for codes and bodies this page does not list. `errors.Is` matches an error, wrapped or not, against a",
    "sentinel per error code (`ErrUnknown` for the rest), `errors.As` finds the `*Error`, `e.ID` names the",
    "entry of this page and `e.Params()` holds the message's parameters as a typed struct.",
    "`FromVendorError` turns the vendor SDK's `*tea.SDKError` into the same `*Error`.",
    "",
    codeBlock("go", goExample(model, s)),
  ].join("\n");
  return { title: "Handling these errors in Go", anchor: "go", markdown, entryNotes };
}

/** A complete program: it asks the endpoint in KMS_ENDPOINT (the service, or errcat serve) and reports the error. */
export function goExample(model: CatalogModel, s: GoSettings): string {
  const p = s.package;
  // A code with a parameterized entry shows errors.Is and Params; prefer one with several entries.
  const withParams = model.codes.filter((g) => g.entries.some((e) => e.placeholders.length > 0));
  const group = withParams.find((g) => g.entries.length > 1) ?? withParams[0];
  const entry = group?.entries.find((e) => e.placeholders.length > 0);
  const lines = [
    "package main",
    "",
    "import (",
    '\t"errors"',
    '\t"fmt"',
    '\t"net/http"',
    '\t"os"',
    "",
    `\t${p} ${goString(s.importPath)}`,
    ")",
    "",
    "func main() {",
    "\t// KMS_ENDPOINT is the service's URL (or errcat serve's, to try this out).",
    '\tresp, err := http.Post(os.Getenv("KMS_ENDPOINT"), "application/x-protobuf", nil)',
    "\tif err != nil {",
    "\t\tfmt.Println(err)",
    "\t\tos.Exit(1)",
    "\t}",
    "\tdefer resp.Body.Close()",
    "\tif resp.StatusCode >= 300 {",
    `\t\terr = fmt.Errorf("encrypt: %w", ${p}.FromResponse(resp))`,
    "\t}",
    "\treport(err)",
    "}",
    "",
    "func report(err error) {",
    `\tvar e *${p}.Error`,
    "\tif !errors.As(err, &e) {",
    '\t\tfmt.Println("no error:", err)',
    "\t\treturn",
    "\t}",
    "\tswitch {",
  ];
  if (group && entry) {
    const first = entry.placeholders[0]!;
    lines.push(
      `\tcase errors.Is(err, ${p}.${n.sentinel(entry)}):`,
      `\t\t// e.ID is ${orList(group.entries.map((x) => `${p}.${n.id(x.id)}`))}.`,
      `\t\tif params, ok := e.Params().(${p}.${n.params(entry.id)}); ok {`,
      `\t\t\tfmt.Println(${goString(`${entry.code}, ${first.name}:`)}, params.${n.field(first.name)})`,
      "\t\t}",
    );
  }
  lines.push(
    `\tcase errors.Is(err, ${p}.ErrUnknown):`,
    '\t\tfmt.Println("not in the catalog:", e.Code, e.Message)',
    "\t}",
    "\tif e.Retryable {",
    '\t\tfmt.Println("retry with backoff")',
    "\t}",
    '\tfmt.Printf("%s (request %s): %s See %s\\n", e.ID, e.RequestID, e.Meaning, e.DocsURL())',
    "}",
  );
  return lines.join("\n");
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
