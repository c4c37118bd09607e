/**
 * The commands as a user runs them, with a module resolve hook that records every specifier: a plain
 * generate, check and validate never resolve ts-morph (about half a second to load); `check --typecheck`,
 * which type-checks the output in process, does.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errcatBin, makeWorkspace } from "../support/cli.js";

const HOOKS = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, nextResolve) {
  appendFileSync(process.env.ERRCAT_RESOLVE_LOG, specifier + "\\n");
  return nextResolve(specifier, context);
}
`;
const REGISTER = `import { register } from "node:module";
register("./hooks.mjs", import.meta.url);
`;

let workspace: string;

beforeAll(async () => {
  workspace = await makeWorkspace("resolve-log");
  writeFileSync(join(workspace, "hooks.mjs"), HOOKS);
  writeFileSync(join(workspace, "register.mjs"), REGISTER);
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** Runs errcat with the hook; returns its exit status and the specifiers it resolved. */
function resolvedBy(args: readonly string[], log: string): { status: number | null; stderr: string; specifiers: string[] } {
  const file = join(workspace, log);
  writeFileSync(file, "");
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(workspace, "register.mjs")).href, errcatBin, ...args], {
    cwd: workspace,
    env: { ...process.env, ERRCAT_RESOLVE_LOG: file },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stderr: r.stderr, specifiers: readFileSync(file, "utf8").split("\n").filter((s) => s !== "") };
}

const isTsMorph = (s: string) => s === "ts-morph" || s.startsWith("ts-morph/") || /[\\/]node_modules[\\/]ts-morph[\\/]/.test(s);

describe("which commands load ts-morph", () => {
  it("generate, check and validate never resolve it", () => {
    for (const [args, log] of [[["generate"], "generate.log"], [["check"], "check.log"], [["validate", "catalog/kms.yaml"], "validate.log"]] as const) {
      const run = resolvedBy(args, log);
      expect(run.status, `${args.join(" ")}: ${run.stderr}`).toBe(0);
      // The hook saw the run's own modules, so an empty log cannot pass for "not loaded".
      expect(run.specifiers.some((s) => /\/bin\/errcat\.js$/.test(s)), args.join(" ")).toBe(true);
      expect(run.specifiers.filter(isTsMorph), args.join(" ")).toEqual([]);
    }
  });

  it("check --typecheck resolves it", () => {
    const run = resolvedBy(["check", "--typecheck"], "typecheck.log");
    expect(run.status, run.stderr).toBe(0);
    expect(run.specifiers.filter(isTsMorph)).toContain("ts-morph");
  });
});
