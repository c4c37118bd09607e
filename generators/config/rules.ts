/**
 * The rules a config file's diagnostics name, declared once like the catalog's (generators/catalog/rules.ts):
 * id, what it checks, how to fix what it reports. A config diagnostic's rule is typed as one of these
 * ids; YAML syntax errors share the catalog's `yaml-syntax`.
 */

export interface ConfigRuleInfo {
  readonly id: string;
  /** What the rule checks, in one line. */
  readonly description: string;
  /** How to fix what it reports, in one line. */
  readonly fix: string;
}

const rule = <const I extends string>(id: I, description: string, fix: string) => ({ id, description, fix });

export const CONFIG_RULES = [
  rule("config", "The config file named by --config can be read.", "Check the path given to --config."),
  rule("config-schema", "Every value of the config has the type the format allows, and required keys are present.", "Write the value the message asks for (see errcat.config.schema.json)."),
  rule("config-unknown-key", "Every key of the config is one the format knows.", "Fix its spelling (a did-you-mean is given), or remove it."),
  rule("config-catalog", "Every catalog path exists and every glob matches a file.", "Fix the path; paths are relative to the config file."),
  rule("config-templates", "templates names a folder.", "Name the folder that holds the .hbs overrides."),
  rule("config-target", "Every output's target is a built-in target or a plugin module that exports one made by defineTarget.", "Fix the name (a did-you-mean is given) or the plugin's path, or export the target."),
  rule("config-option", "Every option of an output is one its target takes, with a value it accepts.", "Fix the option's name (a did-you-mean is given) or its value."),
  rule("config-out", "Outputs that write several files have a folder, and no output folder is inside another.", "Give each output a folder of its own."),
  rule("docs-sync", "Every Markdown file listed under docs.sync can be read.", "Fix the path, or create the file."),
] as const satisfies readonly ConfigRuleInfo[];

export type ConfigRuleId = (typeof CONFIG_RULES)[number]["id"];
