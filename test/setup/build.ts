/**
 * Builds dist/ (and its bundle) once per test run, so tests that spawn `node bin/errcat.js` run the code under test.
 * Type errors do not stop the build (tsc still emits); `npm run typecheck` is where they fail.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { encoding: "utf8" });
  if (result.error) throw result.error;
  if (!existsSync("dist/cli.js")) throw new Error(`the build wrote no dist/cli.js:\n${result.stdout}${result.stderr}`);
  // bin/errcat.js runs the bundle that `npm run build` makes from dist/.
  const bundle = spawnSync("npm", ["run", "bundle", "--silent"], { encoding: "utf8" });
  if (bundle.status !== 0 || !existsSync("dist/bundle/cli.js")) throw new Error(`the bundle was not built:\n${bundle.stdout}${bundle.stderr}`);
}
