/**
 * The `errcat` command line. Exit codes: 0 ok, 1 drift, 2 invalid input, 3 internal error.
 * Modules are imported inside each command, so `validate` loads no generator.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { CatalogError, formatDiagnostic, type Diagnostic } from "./catalog/diagnostics.js";
import { UsageError } from "./usage-error.js";
import { userFailure } from "./user-failure.js";
import { errcatVersion } from "./version.js";

export const EXIT = { ok: 0, drift: 1, invalid: 2, internal: 3 } as const;


export { errcatVersion } from "./version.js";

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
}

const defaultIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  color: Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env && process.env.NO_COLOR !== ""),
});

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command("errcat")
    .description("Generate TypeScript errors, .proto files, message regexes, docs and fixtures from one YAML error catalog.")
    .version(errcatVersion(), "-V, --version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError("(run `errcat --help` for usage)");

  const catalogOption = () => new Option("-c, --catalog <file>", "read this catalog instead of the config's catalogs (default: catalog/kms.yaml)");
  const configOption = () => new Option("--config <file>", `the config file (default: ${"errcat.config.yaml"} in this folder or the nearest one above)`);
  const outOption = () => new Option("-o, --out <dir>", "a scratch output root: every output goes to <dir>/<service>/, and docs sync is off unless --docs-sync");
  const onlyOption = () => new Option("--only <targets...>", "only the outputs of these targets (e.g. --only typescript markdown)");
  // The docs regions link to the generated ERRORS.md: a scratch --out would repoint them.
  const docsSyncOption = () => new Option("--docs-sync", "rewrite the Markdown regions listed under docs.sync (on by default; off for a scratch --out)");
  const noDocsSyncOption = () => new Option("--no-docs-sync", "leave the Markdown regions listed under docs.sync alone");
  const projectOptions = (opts: RunOptions) => ({
    config: opts.config, catalog: opts.catalog, out: opts.out, only: opts.only, docsSync: opts.docsSync, version: errcatVersion(),
  });

  program
    .command("generate")
    .description("write every output of the config (default: out/<service>/ from catalog/kms.yaml), atomically; unchanged files are not rewritten")
    .addOption(configOption())
    .addOption(catalogOption())
    .addOption(outOption())
    .addOption(onlyOption())
    .addOption(docsSyncOption())
    .addOption(noDocsSyncOption())
    .option("-w, --watch", "regenerate when a catalog, the config, a template or a plugin changes; stop with Ctrl-C")
    .action(async (opts: RunOptions & { watch?: boolean }) => {
      if (opts.watch) {
        const { watchProject } = await import("./watch.js");
        await watchProject(projectOptions(opts), io);
        return;
      }
      const { record, profileLine, timed } = await import("./profile.js");
      record("startup", performance.now());
      const { generateProject } = await timed("load-run", () => import("./run.js"));
      const summary = await generateProject(projectOptions(opts));
      const profile = profileLine();
      if (profile) io.err(`${profile}\n`);
      for (const r of summary.roots) io.err(`errcat: ${r.dir}: ${r.written} written, ${r.unchanged} unchanged, ${r.deleted} deleted\n`);
      for (const f of summary.singles) io.err(`errcat: ${f.path}: ${f.written ? "written" : "unchanged"}\n`);
      if (summary.docs.checked > 0) io.err(`errcat: docs sync: ${summary.docs.updated.length > 0 ? `${summary.docs.updated.join(", ")} updated` : `${summary.docs.checked} file${summary.docs.checked === 1 ? "" : "s"} up to date`}\n`);
    });

  program
    .command("check")
    .description("regenerate in memory and compare with what is on disk; exit 1 and print a diff on drift, or when a target's check fails")
    .addOption(configOption())
    .addOption(catalogOption())
    .addOption(outOption())
    .addOption(onlyOption())
    .addOption(docsSyncOption())
    .addOption(noDocsSyncOption())
    .option("--against <rev>", "also fail on breaking catalog changes since this git revision (main, v1.2.0), and run the wire check against the .proto committed there")
    .option("--allow <changes...>", "with --against: accept these breaking changes, by name (entry-removed:invalid-api-name) or kind")
    .option("--typecheck", "also type-check the generated TypeScript in process (loads the TypeScript compiler)")
    .action(async (opts: RunOptions & { against?: string; allow?: string[]; typecheck?: boolean }) => {
      if (opts.allow !== undefined && opts.against === undefined) throw new UsageError("--allow accepts changes since a revision, and there is none: add `--against <rev>` (such as main), or remove --allow");
      const { planProject } = await import("./project.js");
      const { checkPlan } = await import("./run.js");
      const plan = await planProject(projectOptions(opts));
      const summary = await checkPlan(plan, errcatVersion(), opts.against === undefined ? undefined : { rev: opts.against, allow: opts.allow ?? [] }, opts.typecheck ?? false);
      for (const c of summary.changes) io.out(`${c.severity === "breaking" ? (c.failing ? "breaking" : "breaking (allowed)") : "compatible"}: ${c.message} [${c.key}]\n`);
      const failing = summary.changes.filter((c) => c.failing);
      if (failing.length > 0) {
        io.err(`errcat: ${failing.length} breaking catalog change${failing.length === 1 ? "" : "s"} since ${opts.against} (${failing.map((c) => c.key).join(", ")}): keep clients working as each line says, or accept one with --allow <name>\n`);
        exitCode = EXIT.drift;
      }
      for (const d of summary.drift) io.out(colorDiff(d.diff, io.color));
      const where = plan.services.flatMap((s) => [...s.roots.map((r) => r.dir), ...s.singles.map((f) => f.path)]).join(", ");
      if (summary.drift.length > 0) {
        io.err(`errcat: ${where} is out of date (${summary.drift.map((d) => `${d.kind} ${d.path}`).join(", ")}); run \`errcat generate\`\n`);
        exitCode = EXIT.drift;
      } else {
        io.err(`errcat: ${where} is up to date (${summary.files} files)\n`);
      }
      for (const s of summary.skipped) io.err(`errcat: ${s.target} check skipped: ${s.reason}\n`);
      for (const p of summary.problems) io.out(`${p.dir}/${p.path}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ""}: ${p.allowed ? "(allowed) " : ""}${p.message} [${p.rule}]\n`);
      const problems = summary.problems.filter((p) => !p.allowed);
      if (problems.length > 0) {
        const targets = [...new Set(problems.map((p) => p.target))];
        io.err(`errcat: the ${targets.join(", ")} check found ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
        exitCode = EXIT.drift;
      }
    });

  program
    .command("validate")
    .description("check catalogs, with the rules of the config's targets (default: every built-in), and print every problem as file:line:col")
    .argument("[files...]", "catalog files (default: the config's catalogs, or catalog/kms.yaml)")
    .addOption(configOption())
    .addOption(onlyOption())
    .option("--json", "print the diagnostics as JSON")
    .action(async (given: string[], opts: { json?: boolean; config?: string; only?: string[] }) => {
      const { loadCatalog } = await import("./catalog/index.js");
      const { loadConfig } = await import("./config/config.js");
      const { loadProjectTargets } = await import("./project.js");
      const { targetRuleDiagnostics } = await import("./target/run-rules.js");
      const config = loadConfig({ file: opts.config });
      const files = given.length > 0 ? given : config.catalogs.map((c) => relative(process.cwd(), c) || c);
      const targets = await loadProjectTargets(config, opts.only);
      const all: Diagnostic[] = [];
      for (const file of files) {
        try {
          all.push(...targetRuleDiagnostics(await loadCatalog(file), targets));
        } catch (error) {
          if (!(error instanceof CatalogError)) throw error;
          all.push(...error.diagnostics);
        }
      }
      if (opts.json) io.out(`${JSON.stringify({ diagnostics: all }, null, 2)}\n`);
      else for (const d of all) io.err(`${formatDiagnostic(d)}\n`);
      if (all.length > 0) {
        if (!opts.json) io.err(`errcat: ${all.length} problem${all.length === 1 ? "" : "s"} in ${files.join(", ")}\n`);
        exitCode = EXIT.invalid;
      } else if (!opts.json) {
        io.err(`errcat: ${files.join(", ")}: valid\n`);
      }
    });

  program
    .command("init")
    .description("write a starter errcat.config.yaml, a catalog and their JSON Schemas in a folder; never overwrites a file")
    .option("-d, --dir <dir>", "the project folder", ".")
    .option("--service <name>", "the service name of the starter catalog (lower case, such as kms)", "myapi")
    .option("--from-page <page.md>", "import the catalog from a vendor's Markdown error page instead of the example entry")
    .action(async (opts: { dir: string; service: string; fromPage?: string }) => {
      const { initProject } = await import("./init.js");
      await initProject({ dir: opts.dir, service: opts.service, fromPage: opts.fromPage }, io);
    });

  const diffArgs = (cmd: Command) => cmd
    .argument("<before>", "a catalog file, a git revision (main, v1.2.0, HEAD~1) or rev:path")
    .argument("[after]", "the same (default: the catalog in the working tree)")
    .addOption(catalogOption())
    .addOption(configOption());

  diffArgs(program.command("diff"))
    .description("classify every change between two catalogs as breaking or compatible; exit 1 on a breaking change not allowed")
    .option("--json", "print the changes as JSON")
    .option("--markdown", "print a Markdown comment for a pull request")
    .option("--allow <changes...>", "accept these breaking changes, by name (entry-removed:invalid-api-name) or kind (entry-removed)")
    .action(async (before: string, after: string | undefined, opts: DiffOptions) => {
      const { runDiff } = await import("./evolution/command.js");
      exitCode = await runDiff(before, after, opts, io);
    });

  diffArgs(program.command("changelog"))
    .description("write the release notes section for the changes between two catalogs (Markdown)")
    .option("--title <title>", "the section's heading", "Error catalog changes")
    .action(async (before: string, after: string | undefined, opts: DiffOptions & { title: string }) => {
      const { runChangelog } = await import("./evolution/command.js");
      exitCode = await runChangelog(before, after, opts, io);
    });

  program
    .command("rules")
    .description("list every validation rule: the core's (id, category) and each built-in target's (target, id), what it checks and how to fix what it reports")
    .option("--json", "print the rules as JSON")
    .action(async (opts: { json?: boolean }) => {
      const [{ RULES }, { builtinTargetRules }] = await Promise.all([import("./catalog/rules.js"), import("./target/rule-list.js")]);
      const targetRules = await builtinTargetRules();
      if (opts.json) {
        io.out(`${JSON.stringify({ rules: RULES, targetRules }, null, 2)}\n`);
        return;
      }
      const width = Math.max(...RULES.map((r) => r.id.length), ...targetRules.map((r) => r.id.length));
      for (const r of RULES) io.out(`${r.id.padEnd(width)}  ${r.category.padEnd(10)}  ${r.description} Fix: ${r.fix}\n`);
      io.out("\nThe built-in targets' rules, checked only when the target is selected:\n");
      for (const r of targetRules) io.out(`${r.id.padEnd(width)}  ${r.target.padEnd(10)}  ${r.description} Fix: ${r.fix}\n`);
    });

  program
    .command("schema")
    .description("print the catalog's JSON Schema (for editors), or with --config the config file's; write it to a file with -o")
    .option("-o, --output <file>", "write the schema to this file instead of stdout")
    .option("--config", "the schema of errcat.config.yaml instead of a catalog's")
    .action(async (opts: { output?: string; config?: boolean }) => {
      const text = opts.config
        ? (await import("./config/config.js")).configJsonSchemaText()
        : (await import("./catalog/schema.js")).catalogJsonSchemaText();
      if (opts.output === undefined) {
        io.out(text);
        return;
      }
      const { writeFile, readFile } = await import("node:fs/promises");
      const current = await readFile(opts.output, "utf8").catch(() => undefined);
      // An unchanged schema is not rewritten, so editors and watchers see no change.
      if (current !== text) {
        await writeFile(opts.output, text).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot write ${opts.output} (${error.code ?? error.message}): check that its folder exists and is writable`);
        });
      }
      io.err(`errcat: ${opts.output}: ${current === text ? "unchanged" : "written"}\n`);
    });

  program
    .command("serve")
    .description("a mock KMS endpoint on loopback: checks requests against the catalog's request conditions, replays fixtures and scenarios; prints its URL first")
    .addOption(catalogOption())
    .option("-p, --port <port>", "the port (0 picks a free one)", "0")
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("-s, --scenario <file>", "a YAML scenario that scripts the responses in order")
    .option("--no-strict", "do not check requests against the catalog's request conditions")
    .option("--tls", "serve HTTPS with a certificate made at start; prints the CA file's path as the second line")
    .option("--cert <file>", "serve HTTPS with this PEM certificate (and --key)")
    .option("--key <file>", "the PEM private key of --cert")
    .option("--log <format>", "the per-request log line on stderr: text or json", "text")
    .option("--exit-on-stdin-close", "stop when stdin closes")
    .action(async (opts: import("./serve/command.js").ServeCommandOptions) => {
      const { runServeCommand } = await import("./serve/command.js");
      exitCode = await runServeCommand(opts, io);
    });

  program
    .command("import")
    .description("turn another document into a catalog")
    .command("markdown")
    .description("read a vendor's error page (or an ERRORS.md) into a catalog; with --compare, print how it differs from one")
    .argument("<page>", "the Markdown page")
    .option("--service <name>", "the service name of the new catalog, e.g. kms")
    .option("-o, --output <file>", "write the catalog YAML here instead of to stdout")
    .option("--compare <catalog>", "compare the page with this catalog; exit 1 when they differ")
    .action(async (page: string, opts: { service?: string; output?: string; compare?: string }) => {
      const { importMarkdown } = await import("./import/command.js");
      exitCode = await importMarkdown(page, opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; a usage mistake is invalid input.
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    if (error instanceof CatalogError) {
      for (const d of error.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      io.err(`errcat: ${error.diagnostics.length} problem${error.diagnostics.length === 1 ? "" : "s"}; nothing was written\n`);
      return EXIT.invalid;
    }
    const sentence = userFailure(error);
    if (sentence !== undefined) {
      io.err(`errcat: ${sentence}\n`);
      // The one place a user's failure shows a stack: when asked for it.
      if (process.env.ERRCAT_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
      return EXIT.invalid;
    }
    // Only a real bug gets here: its stack is what a bug report needs.
    io.err(`errcat: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}

interface DiffOptions {
  readonly catalog?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly allow?: string[];
}

interface RunOptions {
  readonly config?: string;
  readonly catalog?: string;
  readonly out?: string;
  readonly only?: string[];
  readonly docsSync?: boolean;
}

function colorDiff(diff: string, color: boolean): string {
  if (!color) return diff;
  return diff.replace(/^([+-](?![+-]{2} ).*)$/gm, (line) => (line.startsWith("+") ? `\x1b[32m${line}\x1b[0m` : `\x1b[31m${line}\x1b[0m`));
}
