/** `errcat check`'s part beyond byte equality: each selected target's own check, e.g. wire compatibility. */
import type { CatalogModel } from "../catalog/model.js";
import { preambleText } from "../emit/generated-file.js";
import { runTargets, type Output } from "../pipeline.js";
import { createTargetContext, type CheckReport } from "./define-target.js";
import { checkedReport, targetFailure } from "./target-failure.js";

interface CheckIo {
  out(text: string): void;
  err(text: string): void;
}

/** Runs every output's check against `<root>/<output dir>`; prints problems and skips; returns the number of problems. */
export async function runTargetChecks(model: CatalogModel, version: string, outputs: readonly Output[], root: string, io: CheckIo): Promise<number> {
  const checked = outputs.filter((o) => o.target.check !== undefined);
  if (checked.length === 0) return 0;
  let problems = 0;
  for (const { output, files } of await runTargets(model, version, checked)) {
    const dir = output.dir === "" ? root : `${root}/${output.dir}`;
    const ctx = { ...createTargetContext(model, output.options, preambleText(model, version), version, []), dir, files };
    let report: CheckReport;
    try {
      report = checkedReport(output.target, await output.target.check!(ctx));
    } catch (error) {
      throw targetFailure(output.target, "check", error);
    }
    if (report.kind === "skipped") {
      io.err(`errcat: ${output.target.name} check skipped: ${report.reason}\n`);
      continue;
    }
    for (const p of report.problems) {
      io.out(`${dir}/${p.path}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ""}: ${p.message} [${p.rule}]\n`);
    }
    if (report.problems.length > 0) {
      io.err(`errcat: the ${output.target.name} check found ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} in ${dir}\n`);
    }
    problems += report.problems.length;
  }
  return problems;
}
