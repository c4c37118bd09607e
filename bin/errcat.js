#!/usr/bin/env node
// The CLI is compiled from generators/ into dist/ by `npm run build` (run by `npm ci` through `prepare`):
// tsc writes dist/, and esbuild bundles it into dist/bundle/ with zod, js-yaml and diff inlined, which
// saves loading a hundred small modules on every run. The big generator dependencies stay outside
// and load only when a command needs them.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = [new URL("../dist/bundle/cli.js", import.meta.url), new URL("../dist/cli.js", import.meta.url)].find((u) => existsSync(fileURLToPath(u)));
if (!cli) {
  process.stderr.write("errcat: dist/ is missing; run `npm run build` (npm ci runs it for you).\n");
  process.exit(3);
}
// A reader that stops early (`errcat rules | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
