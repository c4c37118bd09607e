/**
 * Word splitting and casing of catalog names, shared by the targets (each derives its own names with
 * these), and the proto enum's value names, which the catalog's numbers are the values of.
 */

/** Splits "Forbidden.KeyNotFound", "key-not-found", "apiversion value" into words. */
export function words(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .filter((w) => w.length > 0);
}

/** "Forbidden.KeyNotFound" → "ForbiddenKeyNotFound"; keeps inner capitals. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
}

/** "apiversion value" → "apiversionValue"; "accessKeyId" stays. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.length === 0 ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** "key-not-found-in-key-store" → "KEY_NOT_FOUND_IN_KEY_STORE". */
export function constantCase(text: string): string {
  return words(text)
    .map((w) => w.toUpperCase())
    .join("_");
}

/** The proto enum that holds one value per catalog entry; the .proto declares it and the docs show its values. */
export const ERROR_CODE_ENUM = "ErrorCode";

/** The proto enum value of an entry: ("ErrorCode", "key-not-found") → "ERROR_CODE_KEY_NOT_FOUND". */
export function enumValueName(enumName: string, id: string): string {
  return `${constantCase(enumName)}_${constantCase(id)}`;
}
