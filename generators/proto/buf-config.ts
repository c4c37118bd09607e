/** out/<service>/proto/buf.yaml: the buf module of the generated .proto, with its lint exceptions explained. */

/** The buf.yaml text; `protoFile` is the generated file's path relative to the module root. */
export function bufYaml(preamble: string, protoFile: string): string {
  return [
    `# ${preamble}`,
    "version: v2",
    "lint:",
    "  use:",
    "    - STANDARD",
    "    # Every message, field, enum and value carries a comment (from the catalog's meaning and fix).",
    "    - COMMENTS",
    "  ignore_only:",
    "    # The wire message's field names (StatusCode, ErrorCode, ...) are the vendor's: its SDKs use them,",
    "    # and the JSON mapping of the message depends on them. Only this file is exempt.",
    "    FIELD_LOWER_SNAKE_CASE:",
    `      - ${protoFile}`,
    "breaking:",
    "  use:",
    "    # Wire and JSON compatibility: a value may go only if its number and name are reserved.",
    "    - WIRE_JSON",
    "",
  ].join("\n");
}
