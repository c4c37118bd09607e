/**
 * Every rule the catalog loader and validator report, declared once (eslint / buf lint style): its id,
 * category, what it checks and how to fix what it reports. Diagnostics name their rule by id, and the
 * type of that id is this registry's keys, so an undeclared rule does not compile. `errcat rules`,
 * the README and the bad-catalog coverage test read this list. Targets add their own rules
 * (`TargetRule`), reported only when the target is selected.
 */

export type RuleCategory = "yaml" | "shape" | "entries" | "messages" | "statuses" | "numbers" | "wire" | "matching" | "names" | "requests" | "limits" | "operations" | "layers";

export interface RuleInfo {
  readonly id: string;
  readonly category: RuleCategory;
  /** What the rule checks, in one line. */
  readonly description: string;
  /** How to fix what it reports, in one line. */
  readonly fix: string;
}

import { REQUEST_CONDITION_RULES } from "./request-conditions.js";

const rule = <const I extends string>(id: I, category: RuleCategory, description: string, fix: string) => ({ id, category, description, fix });

export const RULES = [
  rule("read", "yaml", "The catalog file can be read.", "Check the path, or pass --catalog."),
  rule("encoding", "yaml", "The catalog, and every page or document errcat reads as text, is valid UTF-8, so its text reaches the output as written.", "Save the file as UTF-8."),
  rule("yaml-syntax", "yaml", "The catalog is one well-formed YAML document, without duplicate keys.", "Fix the YAML at the position shown."),
  rule("schema", "shape", "Every value has the type and range the catalog format allows.", "Write the value the message asks for."),
  rule("unknown-key", "shape", "Every key is one the catalog format knows.", "Fix its spelling (a did-you-mean is given), or remove it."),
  rule("missing-key", "shape", "Every required key is present.", "Add the key with its value."),
  rule("duplicate-id", "entries", "Entry ids are unique.", "Give each entry its own kebab-case id."),
  rule("duplicate-message", "entries", "No two entries of one code have the same message.", "Merge the two entries, or correct one message."),
  rule("duplicate-codeless", "entries", "A status has at most one entry without a code.", "Merge the codeless entries of the status into one."),
  rule("code-without-message", "entries", "An entry with a code has a message pattern.", "Add the message the server sends with the code."),
  rule("message-without-code", "entries", "An entry with a message has a code.", "Add the code the server sends with the message, or remove the message."),
  rule("placeholders-without-message", "entries", "Only an entry with a message declares placeholders.", "Remove the placeholders, or add the message."),
  rule("pattern", "messages", "A message pattern is well formed: `<` and `>` pair up, `\\<` and `\\>` escape them.", "Close the placeholder, or escape a literal angle bracket."),
  rule("undeclared-placeholder", "messages", "Every placeholder in a message is declared under placeholders.", "Declare it with its name, description and example."),
  rule("unused-placeholder", "messages", "Every declared placeholder appears in the message.", "Remove the declaration, or correct its text."),
  rule("duplicate-placeholder", "messages", "A placeholder text is declared once per entry.", "Remove the second declaration."),
  rule("duplicate-placeholder-name", "messages", "Placeholder names are unique within an entry.", "Give each placeholder its own name."),
  rule("repeated-placeholder", "messages", "A placeholder appears at most once in its message.", "Give the second occurrence its own text and declaration."),
  rule("overlapping-patterns", "matching", "Two messages of one code that one message could match are ordered by matchBefore.", "Add matchBefore to the more specific entry."),
  rule("unknown-match-before", "matching", "matchBefore names entries that exist.", "Fix the entry id."),
  rule("match-before-self", "matching", "An entry is not matched before itself.", "Remove its own id from matchBefore."),
  rule("match-before-other-code", "matching", "matchBefore names entries of the same code: only those are tried in order.", "Remove the id of the other code's entry."),
  rule("match-before-cycle", "matching", "matchBefore orders form no cycle.", "Remove one of the matchBefore links that form the cycle."),
  rule("match-before-shadows", "matching", "An entry tried first never hides another entry's example message.", "Reorder with matchBefore, or make the first pattern more specific."),
  rule("undeclared-status", "statuses", "Every entry's HTTP status has a section under statuses.", "Add `- httpStatus: N` with its title under statuses."),
  rule("duplicate-status", "statuses", "A status has one section.", "Merge the two sections."),
  rule("status-not-error", "statuses", "An entry's HTTP status is a 4xx or 5xx error status.", "Use the status the server answers the error with."),
  rule("fault-status", "statuses", "An entry's fault agrees with its status: client for 4xx, server for 5xx.", "Write the fault its status implies."),
  rule("duplicate-number", "numbers", "Entry numbers (the proto enum values) are unique.", "Use the next free number."),
  rule("reserved-number", "numbers", "No entry reuses the number of a removed entry.", "Use the next free number; reserved numbers stay reserved."),
  rule("reserved-id", "numbers", "No entry reuses the id of a removed entry.", "Choose a new id."),
  rule("wire-name", "wire", "The wire package, message and field names are valid proto names.", "Write the names the vendor's .proto declares."),
  rule("wire-fields", "wire", "The wire message has the fields every runtime reads, with their types.", "Add StatusCode (int32), ErrorCode, ErrorMessage and RequestId (string) with the vendor's numbers."),
  rule("wire-field-number", "wire", "Wire field numbers are valid protobuf field numbers.", "Use a number from 1 to 536870911, outside 19000-19999."),
  rule("duplicate-wire-field", "wire", "Wire field names and numbers are unique.", "Remove or renumber the second field."),
  rule("id-name-collision", "names", "Ids stay distinct as proto enum value names, and none is the enum's zero value.", "Rename one of the two ids."),
  rule("id-too-long", "limits", "An id is at most 128 characters: it names generated files, and a file name has at most 255 bytes.", "Shorten the id."),
  rule("code-too-long", "limits", "A code is at most 128 characters: it names generated classes and their files.", "Check the code against what the server sends."),
  rule("message-too-long", "limits", "A message is at most 4,096 characters.", "Check that it is the message the server sends."),
  rule("too-many-placeholders", "limits", "A message has at most 64 placeholders.", "Check that it is the message the server sends."),
  rule("too-many-entries", "limits", "A catalog has at most 30,000 entries, which generate in one process.", "Split the catalog into one per service."),
  rule("output-too-large", "limits", "By an estimate from the entries, every generated file stays under 480 MB (one string holds it) and a run's code and docs under 500 MB (generate holds about six times that at its peak, within Node's default heap).", "Split the catalog, or shorten its longest messages, texts and examples."),
  rule("unknown-operation", "operations", "An entry names only operations the catalog lists.", "Fix the name, or add the operation under operations.names."),
  rule("duplicate-operation", "operations", "An operation is listed once, in one layer, and once per entry.", "Remove the second listing."),
  rule("layer-read", "layers", "Every file under extends and overlays can be read and is valid YAML and UTF-8.", "Check the path, relative to the catalog that lists it."),
  rule("layer-listed-twice", "layers", "A layer file is listed once, and a catalog does not list itself.", "Remove the second listing."),
  rule("layer-is-catalog", "layers", "A file under extends or overlays is a layer (no service), not a whole catalog.", "List a layer file, or move the catalog's entries into one."),
  rule("layer-duplicate-id", "layers", "An entry id is defined in one layer only.", "Change the lower layer's entry with patches, or choose another id."),
  rule("layer-duplicate-number", "layers", "An entry number is used in one layer only.", "Use a number that no layer uses."),
  rule("layer-duplicate-message", "layers", "A (code, message) pair is defined in one layer only.", "Remove the second entry, or change the first with patches."),
  rule("layer-duplicate-status", "layers", "A status section is defined in one layer only.", "Remove the second section; the status is already declared."),
  rule("layer-code-status", "layers", "A code answers with one HTTP status across the layers.", "Use the status the other layer gives the code."),
  rule("layer-vendor-fact", "layers", "An overlay does not change a code, message or status that the vendor's page states.", "Add what the server really sends as a new entry with source kind observed."),
  rule("layer-unknown-entry", "layers", "A patch names an entry of a layer below it.", "Fix the id, or add the entry under errors."),
  rule("layer-duplicate-patch", "layers", "A layer patches an entry once.", "Merge the two patches."),
  ...REQUEST_CONDITION_RULES.map((r) => rule(r.id, "requests", r.description, r.fix)),
] as const satisfies readonly RuleInfo[];

export type RuleId = (typeof RULES)[number]["id"] | (typeof REQUEST_CONDITION_RULES)[number]["id"];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
