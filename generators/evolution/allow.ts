/**
 * The names `--allow` takes: a change kind (`entry-removed`) or one change as the report prints it
 * (`entry-removed:key-disabled`). A name that can name no change is refused, so a typo does not leave
 * a breaking change failing while the user believes it accepted.
 */
import type { CatalogModel } from "../catalog/model.js";
import { closest } from "../suggest.js";
import { UsageError } from "../usage-error.js";
import { CHANGE_KINDS, type CatalogChange } from "./diff.js";

/** Throws a UsageError for the first `--allow` name that is no change kind and no `kind:entry` of these catalogs. */
export function checkAllowNames(allow: readonly string[], before: CatalogModel, after: CatalogModel, changes: readonly CatalogChange[]): void {
  const kinds = Object.keys(CHANGE_KINDS);
  const subjects = new Set(["service", ...before.entries.map((e) => e.id), ...after.entries.map((e) => e.id)]);
  for (const name of allow) {
    const colon = name.indexOf(":");
    const kind = colon < 0 ? name : name.slice(0, colon);
    const subject = colon < 0 ? undefined : name.slice(colon + 1);
    if (kinds.includes(kind) && (subject === undefined || subjects.has(subject))) continue;
    // The changes found first: the name was most likely copied from the report.
    const candidates = [...changes.map((c) => c.key), ...kinds, ...(subject === undefined ? [] : [...subjects].map((s) => `${closest(kind, kinds) ?? kind}:${s}`))];
    const suggestion = closest(name, candidates, Math.max(3, Math.floor(name.length / 4) + 1));
    throw new UsageError(`--allow \`${name}\` names no change: ${suggestion ? `did you mean \`${suggestion}\`?` : "give a change kind such as `entry-removed`, or a change as the report prints it in brackets, such as `entry-removed:<entry id>`"}`);
  }
}

/** Ids of the entries that have breaking changes, every one of them accepted by `allow`. */
export function acceptedEntries(changes: readonly CatalogChange[], allow: readonly string[]): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  for (const c of changes) {
    if (c.severity !== "breaking" || c.entry === undefined) continue;
    (allow.includes(c.key) || allow.includes(c.kind) ? accepted : refused).add(c.entry);
  }
  for (const id of refused) accepted.delete(id);
  return accepted;
}
