/**
 * errcat's programmatic API: `import { loadCatalog, generate, check, defineTarget } from "errcat"`.
 * Everything the CLI does is here without exiting the process: invalid input throws CatalogError
 * (with every diagnostic) or UsageError (one sentence); nothing is written unless asked.
 */
import { loadCatalog as loadCatalogFile } from "./catalog/index.js";
import type { CatalogModel } from "./catalog/model.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import type { Drift } from "./emit/drift.js";
import { planProject, type ProjectOptions } from "./project.js";
import { checkPlan, writePlan, type CheckSummary, type WriteSummary } from "./run.js";
import { errcatVersion } from "./version.js";

export { CatalogError, formatDiagnostic, type Diagnostic } from "./catalog/diagnostics.js";
export { UsageError } from "./usage-error.js";
export { RULES, type RuleInfo, type RuleCategory } from "./catalog/rules.js";
export type { CatalogModel, CatalogEntry, ErrorCodeGroup, MessageSegment, Placeholder, StatusSection, ServiceInfo, Link, Fault } from "./catalog/model.js";
export type { GeneratedFile } from "./emit/generated-file.js";
export { FilePrinter, type Syntax, type Printable } from "./emit/printer.js";
export {
  defineTarget, readOptions, isTarget, TargetOptionError,
  type Target, type TargetDefinition, type TargetContext, type TargetNames, type TargetRule, type CatalogPlace,
  type DocsSection, type CheckContext, type CheckReport, type CheckProblem,
} from "./target/define-target.js";
export { startMockServer, FIXTURE_HEADER, REQUESTS_PATH, RESET_PATH, ScenarioError, parseScenario, loadScenario, checkScenario, issueCertificates } from "./serve/index.js";
export type { MockServer, MockServerOptions, Scenario, ScenarioStep, ScenarioWhen, ScenarioResponse, LoggedRequest, LoggedResponse, IssuedCertificates } from "./serve/index.js";

/** Loads and validates a catalog file; throws CatalogError with every diagnostic (`file:line:col`). */
export function loadCatalog(file: string, options: { cwd?: string } = {}): Promise<CatalogModel> {
  return loadCatalogFile(file, options.cwd);
}

export interface RunOptions {
  /** The config file; found upwards from `cwd` when not given. Without one: catalog/kms.yaml → out/<service>/, every built-in target. */
  readonly config?: string;
  /** The folder relative paths start from (default: process.cwd()). */
  readonly cwd?: string;
  /** One catalog instead of the config's catalogs. */
  readonly catalog?: string;
  /** A scratch output root: every output goes to <out>/<service>/ (docs sync off unless `docsSync: true`). */
  readonly out?: string;
  /** Only the outputs of these targets. */
  readonly only?: readonly string[];
  readonly docsSync?: boolean;
}

export interface GenerateResult {
  /** Every file of every output, with its path relative to `cwd` (`/`-separated). */
  readonly files: readonly GeneratedFile[];
  /** The Markdown files docs sync would change, with their new text. */
  readonly docs: readonly { readonly path: string; readonly text: string }[];
  /** What was written; undefined with `write: false`. */
  readonly written: WriteSummary | undefined;
}

/**
 * Generates every output of the project. With `write: false` (for a build tool that writes files
 * itself, or a test) nothing touches the disk; otherwise each output folder is replaced atomically.
 */
export async function generate(options: RunOptions & { readonly write?: boolean } = {}): Promise<GenerateResult> {
  const plan = await planProject(projectOptions(options));
  const files: GeneratedFile[] = [];
  for (const s of plan.services) {
    for (const root of s.roots) for (const f of root.files) files.push({ path: root.dir === "." ? f.path : `${root.dir}/${f.path}`, contents: f.contents });
    for (const single of s.singles) files.push({ path: single.path, contents: single.contents });
  }
  const docs = plan.services.flatMap((s) => s.docs.filter((d) => d.after !== d.before).map((d) => ({ path: d.path, text: d.after })));
  const written = options.write === false ? undefined : await writePlan(plan);
  return { files, docs, written };
}

export interface CheckResult {
  /** True when everything on disk is what a generate would write and every target's check passed. */
  readonly ok: boolean;
  readonly drift: readonly Drift[];
  readonly problems: CheckSummary["problems"];
  readonly skipped: CheckSummary["skipped"];
}

/** Compares the project's outputs on disk with a fresh generate, and runs each target's own check. */
export async function check(options: RunOptions = {}): Promise<CheckResult> {
  const summary = await checkPlan(await planProject(projectOptions(options)), errcatVersion());
  return { ok: summary.drift.length === 0 && summary.problems.length === 0, drift: summary.drift, problems: summary.problems, skipped: summary.skipped };
}

function projectOptions(options: RunOptions): ProjectOptions {
  return { config: options.config, cwd: options.cwd, catalog: options.catalog, out: options.out, only: options.only, docsSync: options.docsSync, version: errcatVersion() };
}
