/**
 * Golden cases, one folder per behaviour (as in ts-proto's integration/): each holds an
 * errcat.config.yaml naming the shared catalog.yaml, one target and its options, and the committed output
 * in expected/. `errcat check` on the case is the test, so a change to a target's output fails here until
 * the case is regenerated with `node bin/errcat.js generate --config test/golden/<case>/errcat.config.yaml`
 * and the diff is reviewed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../generators/cli.js";
import { BUILTIN_TARGETS } from "../../generators/target/registry.js";
import { capturedIo } from "../support/cli.js";

const dir = new URL("./", import.meta.url);
const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const targetOf = (name: string) => (parse(readFileSync(new URL(`${name}/errcat.config.yaml`, dir), "utf8")) as { generate: { target: string }[] }).generate[0]!.target;

describe("golden cases", () => {
  it("cover every built-in target (typescript's are in test/typescript/golden/)", () => {
    const covered = new Set([...cases.map(targetOf), "typescript"]);
    expect(Object.keys(BUILTIN_TARGETS).filter((t) => !covered.has(t))).toEqual([]);
    expect(existsSync(new URL("../typescript/golden/ts/index.ts", dir))).toBe(true);
  });

  it.each(cases)("%s: the committed output is what the target generates", async (name) => {
    const config = `test/golden/${name}/errcat.config.yaml`;
    const io = capturedIo();
    const code = await main(["check", "--config", config], io);
    expect(code, `${io.stdout()}${io.stderr()}\nregenerate with: node bin/errcat.js generate --config ${config}`).toBe(0);
    const manifest = JSON.parse(readFileSync(new URL(`${name}/expected/errcat.manifest.json`, dir), "utf8")) as { files: { path: string }[] };
    expect(manifest.files.length).toBeGreaterThan(0);
  });
});
