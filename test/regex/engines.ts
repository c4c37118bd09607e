/**
 * The regex engines of other languages, each fed a whole batch in one process: python3's `re`,
 * java.util.regex (compiled once with javac into a temp dir) and Go's regexp, an RE2 engine (built
 * once with go build into a temp dir). An absent tool gives a reason to skip.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface MatchCase {
  readonly regex: string;
  readonly input: string;
  readonly names: readonly string[];
}

/** Per case: undefined when the regex does not match, else the named groups' values. */
export type MatchAnswer = Readonly<Record<string, string>> | undefined;

export interface Engine {
  readonly name: string;
  /** Why the engine cannot run here; undefined when it can. */
  readonly unavailable: string | undefined;
  run(cases: readonly MatchCase[]): MatchAnswer[];
  dispose(): void;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function found(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { encoding: "utf8" });
  return r.error === undefined && r.status === 0;
}

export function pythonEngine(): Engine {
  const unavailable = found("python3", ["--version"]) ? undefined : "python3 is not on PATH, so the python dialect is not exercised";
  return {
    name: "python",
    unavailable,
    run(cases) {
      const r = spawnSync("python3", [here("./regex_batch.py")], {
        input: JSON.stringify(cases.map((c) => ({ regex: c.regex, input: c.input }))),
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
      return (JSON.parse(r.stdout) as (Record<string, string> | null)[]).map((a) => a ?? undefined);
    },
    dispose() {},
  };
}

export function javaEngine(): Engine {
  if (!found("javac", ["-version"]) || !found("java", ["-version"])) {
    return { name: "java", unavailable: "javac/java are not on PATH, so the java dialect is not exercised", run: () => [], dispose() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), "errcat-java-regex-"));
  const compiled = spawnSync("javac", ["-d", dir, here("./RegexBatch.java")], { encoding: "utf8" });
  if (compiled.status !== 0) throw new Error(`javac failed: ${compiled.stderr}`);
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  return {
    name: "java",
    unavailable: undefined,
    run(cases) {
      const input = cases.map((c) => `${b64(c.regex)}\t${b64(c.input)}\t${c.names.join(",")}\n`).join("");
      const r = spawnSync("java", ["-cp", dir, "RegexBatch"], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`java failed: ${r.stderr}`);
      const lines = r.stdout.split("\n").filter((l) => l.length > 0);
      if (lines.length !== cases.length) throw new Error(`java answered ${lines.length} lines for ${cases.length} cases`);
      return lines.map((line, i) => {
        if (line === "-") return undefined;
        const values = line.split("\t").slice(1).map((v) => Buffer.from(v, "base64").toString("utf8"));
        return Object.fromEntries(cases[i]!.names.map((n, k) => [n, values[k]!]));
      });
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Go's regexp (RE2 syntax and semantics), for the re2 dialect. */
export function goEngine(): Engine {
  if (!found("go", ["version"])) {
    return { name: "re2", unavailable: "go is not on PATH, so the re2 dialect is not exercised", run: () => [], dispose() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), "errcat-go-regex-"));
  const binary = join(dir, "regexbatch");
  const built = spawnSync("go", ["build", "-buildvcs=false", "-o", binary, "."], { cwd: here("./go-batch"), encoding: "utf8" });
  if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
  return {
    name: "re2",
    unavailable: undefined,
    run(cases) {
      const r = spawnSync(binary, [], {
        input: JSON.stringify(cases.map((c) => ({ regex: c.regex, input: c.input }))),
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      if (r.status !== 0) throw new Error(`the Go regex batch failed: ${r.stderr}`);
      return (JSON.parse(r.stdout) as (Record<string, string> | null)[]).map((a) => a ?? undefined);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** ECMAScript, in process. */
export function ecmascriptEngine(): Engine {
  return {
    name: "ecmascript",
    unavailable: undefined,
    run(cases) {
      return cases.map((c) => {
        const m = new RegExp(c.regex).exec(c.input);
        return m ? { ...(m.groups ?? {}) } : undefined;
      });
    },
    dispose() {},
  };
}
