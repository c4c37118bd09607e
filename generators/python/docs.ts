/** The "Handling these errors in Python" section of ERRORS.md; its example is run by test/python. */
import type { CatalogModel } from "../catalog/model.js";
import { exampleMessage } from "../catalog/format.js";
import type { DocsSection } from "../target/define-target.js";
import { codeSpan } from "../markdown/escape.js";
import { codeBlock } from "../markdown/templates.js";
import type { PythonModelNames } from "./target.js";
import { pythonString } from "./syntax.js";

export function pythonDocs(model: CatalogModel, names: PythonModelNames): DocsSection {
  const n = names.service;
  const entryNotes = Object.fromEntries(model.entries.map((e) => [
    e.id,
    `Python: class ${codeSpan(e.code !== undefined ? names.classOfCode.get(e.code)! : names.classOfCodeless.get(e.id)!)}, params ${codeSpan(names.paramsOf.get(e.id)!)}`,
  ]));
  const markdown = [
    `The package in ${codeSpan("python/")} (${codeSpan(`pip install ./python`)}, import ${codeSpan(n.module)}; standard library`,
    `only, Python 3.9 or newer) turns any error response into a typed exception. ${codeSpan("from_response")} never raises: it`,
    `returns a ${codeSpan(n.base)} subclass, one per code, ${codeSpan(n.unknown)} for codes this page does not list, and`,
    `${codeSpan(n.undecodable)} (a subclass of it, raw bytes in ${codeSpan("body")}) for bodies that are not an error message.`,
    `${codeSpan("error.id")} names the entry of this page and ${codeSpan("params_of")} gives its message's values as a`,
    `${codeSpan("TypedDict")}. With the vendor's SDK, ${codeSpan("from_vendor_error(exc)")} does the same for its ${codeSpan("TeaException")}.`,
    "",
    codeBlock("python", pythonExample(model, names)),
  ].join("\n");
  return { title: "Handling these errors in Python", anchor: "python", markdown, entryNotes };
}

/** A module that type-checks under mypy --strict against the package and runs as written. */
export function pythonExample(model: CatalogModel, names: PythonModelNames): string {
  const n = names.service;
  const group = model.codes.find((c) => c.entries.length > 1 && c.entries.some((e) => e.placeholders.length > 0))
    ?? model.codes.find((c) => c.entries.length > 1) ?? model.codes[0];
  const withParams = group?.entries.find((e) => e.placeholders.length > 0) ?? model.entries.find((e) => e.code !== undefined && e.placeholders.length > 0);
  const cls = group ? names.classOfCode.get(group.code)! : undefined;
  const imports = [n.base, ...(cls ? [cls] : []), "format_message", "from_response", "params_of", "parse_message"].sort();
  const lines = [
    "import urllib.error",
    "import urllib.request",
    "",
    `from ${n.module} import ${imports.join(", ")}`,
    "",
    "",
    "def call(request: urllib.request.Request) -> bytes:",
    "    try:",
    "        with urllib.request.urlopen(request) as response:",
    "            body: bytes = response.read()",
    "            return body",
    "    except urllib.error.HTTPError as http_error:",
    "        error = from_response(http_error.code, http_error.read(), http_error.headers)",
  ];
  if (group && cls) {
    lines.push(`        if isinstance(error, ${cls}):`);
    lines.push(`            # error.id is ${group.entries.map((e) => pythonString(e.id)).join(", ")} or None.`);
    if (withParams && group.entries.includes(withParams)) {
      const first = names.paramNamesOf.get(withParams.id)![0]!;
      lines.push(
        `            params = params_of(error, ${pythonString(withParams.id)})`,
        "            if params is not None:",
        `                print("the ${first.replace(/_/g, " ")} is", params[${pythonString(first)}])`,
      );
    } else {
      lines.push("            print(error.id, dict(error.params))");
    }
  }
  lines.push(
    "        if error.retryable:",
    "            pass  # retry with backoff",
    `        print(f"{error.code or error.http_status}: {error.meaning} {error.fix} See {error.docs_url}")`,
    "        raise error from http_error",
    "",
    "",
    `def describe(e: BaseException) -> str:`,
    `    return f"{e.id or e.code} (request {e.request_id})" if isinstance(e, ${n.base}) else str(e)`,
  );
  if (withParams) {
    const message = exampleMessage(withParams);
    const pn = names.paramNamesOf.get(withParams.id)!;
    const params = `{${withParams.placeholders.map((p, i) => `${pythonString(pn[i]!)}: ${pythonString(p.example)}`).join(", ")}}`;
    const kwargs = withParams.placeholders.map((p, i) => `${pn[i]!}=${pythonString(p.example)}`).join(", ");
    lines.push(
      "",
      "",
      `parsed = parse_message(${pythonString(withParams.code!)}, ${pythonString(message)})`,
      `assert parsed is not None and parsed.id == ${pythonString(withParams.id)}`,
      `assert parsed.params == ${params}`,
      `assert format_message(${pythonString(withParams.id)}, ${kwargs}) == ${pythonString(message)}`,
    );
  }
  return lines.join("\n");
}
