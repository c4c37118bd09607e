/**
 * The fast reader of catalog YAML: js-yaml with a schema written to read plain scalars exactly as the
 * YAML 1.2 core schema of the `yaml` package does (the positioned reader). Documents with anything
 * where the two readers are known to part ways — tags, anchors and aliases, complex keys, directives —
 * are left to the positioned reader. test/catalog/fast-path.test.ts checks the two agree.
 */
import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

const scalar = (tag: string, resolve: (s: string) => boolean, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && resolve(data),
    construct: (data: string) => construct(data),
  });

const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT_DECIMAL = /^[-+]?[0-9]+$/;
const INT_OCTAL = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

const coreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar("null", (s) => NULL.test(s), () => null),
    scalar("bool", (s) => BOOL.test(s), (s) => s[0] === "t" || s[0] === "T"),
    scalar("int", (s) => INT_DECIMAL.test(s) || INT_OCTAL.test(s) || INT_HEX.test(s), (s) =>
      INT_OCTAL.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : Number(s)),
    scalar("float", (s) => FLOAT.test(s) || INFINITY.test(s) || NAN.test(s), (s) =>
      NAN.test(s) ? NaN : INFINITY.test(s) ? (s[0] === "-" ? -Infinity : Infinity) : Number(s)),
  ],
});

/** Syntax the fast reader leaves to the positioned one: a tag, anchor, alias or complex key starting a token, or a directive. */
const LEFT_TO_POSITIONED_READER = /^%|(?:^|[\s[\]{},])[!&*?]/m;

/** The data of a catalog, or undefined when the fast reader cannot vouch for it (the caller then reads it with positions). */
export function readYamlFast(text: string): { data: unknown } | undefined {
  if (LEFT_TO_POSITIONED_READER.test(text)) return undefined;
  try {
    return { data: load(text, { schema: coreSchema, json: false }) };
  } catch {
    return undefined;
  }
}
