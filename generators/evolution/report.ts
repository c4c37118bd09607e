/** Catalog changes as text (one line each), JSON, a Markdown pull-request comment, or release notes. */
import type { CatalogChange } from "./diff.js";

export function changesText(changes: readonly CatalogChange[], accepted: ReadonlySet<string>): string {
  return changes.map((c) => `${c.severity === "breaking" ? (accepted.has(c.key) ? "breaking (allowed)" : "breaking") : "compatible"}: ${c.message} [${c.key}]\n`).join("");
}

export function changesJson(before: string, after: string, changes: readonly CatalogChange[], accepted: ReadonlySet<string>): string {
  return `${JSON.stringify({ before, after, changes: changes.map((c) => ({ ...c, allowed: accepted.has(c.key) })) }, null, 2)}\n`;
}

/** A comment for a pull request: a verdict, then a table of the changes. */
export function changesMarkdown(before: string, after: string, changes: readonly CatalogChange[], accepted: ReadonlySet<string>): string {
  const breaking = changes.filter((c) => c.severity === "breaking" && !accepted.has(c.key));
  const head = breaking.length > 0
    ? `**${breaking.length} breaking change${breaking.length === 1 ? "" : "s"}** from \`${before}\` to \`${after}\`.`
    : changes.length === 0 ? `No changes from \`${before}\` to \`${after}\`.` : `No breaking changes from \`${before}\` to \`${after}\`.`;
  if (changes.length === 0) return `${head}\n`;
  const cell = (t: string) => t.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rows = changes.map((c) => `| ${c.severity === "breaking" ? (accepted.has(c.key) ? "breaking, allowed" : "**breaking**") : "compatible"} | \`${c.key}\` | ${cell(c.message)} |`);
  return [head, "", "| change | name | what |", "| --- | --- | --- |", ...rows, ""].join("\n");
}

/** The release notes section: breaking changes, additions, changes and removals. */
export function changelogMarkdown(title: string, changes: readonly CatalogChange[]): string {
  const added: readonly string[] = ["entry-added", "placeholder-added", "wire-field-added", "retryable-added", "operation-added"];
  const groups: [string, (c: CatalogChange) => boolean][] = [
    ["Breaking changes", (c) => c.severity === "breaking"],
    ["Added", (c) => added.includes(c.kind)],
    ["Removed", (c) => c.kind === "entry-removed-reserved"],
    ["Changed", (c) => c.severity === "compatible" && !added.includes(c.kind) && c.kind !== "entry-removed-reserved"],
  ];
  const out = [`## ${title}`, ""];
  if (changes.length === 0) out.push("No changes to the error catalog.", "");
  for (const [heading, test] of groups) {
    const items = changes.filter(test);
    if (items.length === 0) continue;
    out.push(`### ${heading}`, "", ...items.map((c) => `- ${c.message.replace(/\n/g, " ")}`), "");
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
