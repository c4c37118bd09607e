/**
 * errcat as a user gets it: `npm pack` (of the dist/ the test setup built), the tarball installed into
 * a fresh project, `npx errcat init`, generate, the app compiled with tsc (strict, NodeNext) against
 * the generated module, check clean and then drift; the API imported by its package name from a .mjs
 * build script and a type-checked .ts one; the proto target's check (buf breaking) and the
 * `check --against HEAD` gate run where errcat is installed; and the mock endpoint started from it. One pack and one install serve every test here.
 *
 * The install uses --prefer-offline: `npm ci` caches the dependency tarballs but not the registry's
 * package documents that a plain --offline install of a tarball needs to resolve version ranges.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";
import { stalePaths } from "./support.js";

const run = promisify(execFile);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sh(command: string, args: readonly string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const versionOf = (pkg: string) => (JSON.parse(readFileSync(join(repoRoot, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;

let tarball: string;
let packed: readonly string[];
let app: string;
const errcat = (args: readonly string[], cwd = app) => sh("npx", ["--no", "errcat", ...args], cwd);

beforeAll(async () => {
  const work = await mkdtemp(join(tmpdir(), "errcat-pack-"));
  // dist/ is built by the test setup; the prepare script would rebuild it in the shared checkout.
  const pack = await sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], repoRoot);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info!.filename);
  packed = info!.files.map((f) => f.path).sort();

  app = join(work, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), `${JSON.stringify({ name: "app", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  const install = await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `typescript@${versionOf("typescript")}`, `@types/node@${versionOf("@types/node")}`], app);
  expect(install.code, install.stderr).toBe(0);
}, 300_000);

describe("the packed tarball", () => {
  it("ships one build of the CLI: the bundle and its types, no second dist/, no .tsbuildinfo, no source maps", () => {
    expect(packed.filter((p) => p.startsWith("dist/") && !p.startsWith("dist/bundle/") && !p.startsWith("dist/types/"))).toEqual([]);
    expect(packed.filter((p) => /\.map$|tsbuildinfo/.test(p))).toEqual([]);
    expect(packed.filter((p) => p.startsWith("bin/"))).toEqual(["bin/errcat.js"]);
    expect(packed).toContain("dist/bundle/cli.js");
    expect(packed).toContain("dist/bundle/index.js");
    expect(packed).toContain("dist/types/index.d.ts");
  });

  it("holds no chunk of an earlier build: every bundle file is reached from cli.js or index.js", () => {
    const bundle = join(app, "node_modules/errcat/dist/bundle");
    const reached = new Set<string>();
    const queue = ["cli.js", "index.js"];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (reached.has(file) || !existsSync(join(bundle, file))) continue;
      reached.add(file);
      const text = readFileSync(join(bundle, file), "utf8");
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.\/[\w.-]+\.js)["']/g)) queue.push(m[1]!.slice(2));
      // Files a module reads beside itself by URL (the precompiled templates): `new URL("../bundle/<file>", import.meta.url)`.
      for (const m of text.matchAll(/new URL\(\s*["']\.\.\/bundle\/([\w.-]+)["']\s*,\s*import\.meta\.url\s*\)/g)) queue.push(m[1]!);
    }
    const shipped = packed.filter((p) => p.startsWith("dist/bundle/")).map((p) => p.slice("dist/bundle/".length));
    expect(shipped.filter((f) => !reached.has(f))).toEqual([]);
    // Types only for modules that exist.
    const stale = packed.filter((p) => p.startsWith("dist/types/") && p.endsWith(".d.ts"))
      .map((p) => p.slice("dist/types/".length, -".d.ts".length))
      .filter((m) => !existsSync(join(repoRoot, "generators", `${m}.ts`)));
    expect(stale).toEqual([]);
  });

  it("has the schemas, the templates and the runtime sources the targets copy", () => {
    const below = (dir: string) => readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(repoRoot.length).split("\\").join("/"));
    const needed = [
      "catalog/errcat.schema.json",
      "catalog/errcat.config.schema.json",
      ...below("templates"),
      "generators/typescript/runtime/runtime.ts",
      "generators/python/runtime.py",
      "generators/go/runtime/runtime.go",
      ...below("generators/java/runtime/src/main/java"),
    ];
    expect(needed.filter((p) => !packed.includes(p))).toEqual([]);
    // Only the runtime sources, not their tests or build output.
    expect(packed.filter((p) => p.startsWith("generators/") && /_test\.go$|[Tt]est\.(java|py)$|\/target\//.test(p))).toEqual([]);
  });

  it("declares engines and exports that resolve to shipped files", () => {
    const pkg = JSON.parse(readFileSync(join(app, "node_modules/errcat/package.json"), "utf8")) as { engines: { node: string }; exports: Record<string, { types: string; import: string } | string>; bin: Record<string, string> };
    expect(pkg.engines.node).toBe(">=20");
    const root = pkg.exports["."] as { types: string; import: string };
    expect(packed).toContain(root.types.replace(/^\.\//, ""));
    expect(packed).toContain(root.import.replace(/^\.\//, ""));
    expect(pkg.bin).toEqual({ errcat: "bin/errcat.js" });
  });
});

describe("a fresh project with errcat installed from the tarball", () => {
  it("init, generate, a strict NodeNext tsc build of an app importing the generated module, check 0, then 1 after a catalog edit", async () => {
    const init = await errcat(["init"]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toBe("Next: npx errcat generate\n");
    // The starter config: only the typescript target into src/generated/ and the markdown one into docs/.
    const config = await readFile(join(app, "errcat.config.yaml"), "utf8");
    expect([...config.matchAll(/^ {2}- target: (\S+)\n {4}out: (\S+)$/gm)].map((m) => [m[1], m[2]])).toEqual([["typescript", "src/generated/{service}"], ["markdown", "docs/{service}-errors.md"]]);
    const generate = await errcat(["generate"]);
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stderr).toBe("errcat: src/generated/myapi: 4 written, 0 unchanged, 0 deleted\nerrcat: docs/myapi-errors.md: written\n");

    await writeFile(join(app, "tsconfig.json"), `${JSON.stringify({
      compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", rootDir: "src", outDir: "dist", noEmitOnError: true, types: [] },
      include: ["src"],
    }, null, 2)}\n`);
    await mkdir(join(app, "src"), { recursive: true });
    await writeFile(join(app, "src/main.ts"), [
      'import { fromResponse, formatMessage, isKeyNotFoundError } from "./generated/myapi/index.js";',
      "",
      'const message = formatMessage("key-not-found", { keyId: "key-7" });',
      'const body = new Uint8Array([0x08, 0x94, 0x03, 0x12, 11, ...new TextEncoder().encode("KeyNotFound"), 0x1a, message.length, ...new TextEncoder().encode(message)]);',
      "const error = fromResponse({ status: 404, body, headers: {} });",
      'if (isKeyNotFoundError(error) && error.id === "key-not-found") console.log(`${error.code} ${error.params.keyId}`);',
      "",
    ].join("\n"));
    const tsc = await sh(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], app);
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
    const main = await sh(process.execPath, ["dist/main.js"], app);
    expect(main.stdout).toBe("KeyNotFound key-7\n");

    const clean = await errcat(["check"]);
    expect(clean.code, clean.stdout).toBe(0);
    const catalog = await readFile(join(app, "catalog/myapi.yaml"), "utf8");
    await writeFile(join(app, "catalog/myapi.yaml"), catalog.replace("fix: Check the key id.", "fix: Check the key id and its region."));
    try {
      const drift = await errcat(["check"]);
      expect(drift.code).toBe(1);
      expect(stalePaths(drift.stderr)).toEqual(["stale:docs/myapi-errors.md", "stale:src/generated/myapi/errcat.manifest.json", "stale:src/generated/myapi/index.ts"]);
    } finally {
      await writeFile(join(app, "catalog/myapi.yaml"), catalog);
    }
  });

  it("imports the API by the package's name: a .mjs build script runs it, and a .ts one type-checks against the shipped .d.ts", async () => {
    await writeFile(join(app, "build-errors.mjs"), [
      'import { check, generate, CatalogError, defineTarget } from "errcat";',
      "const planned = await generate({ write: false });",
      "const written = await generate();",
      "const result = await check();",
      'const failure = await generate({ catalog: "catalog/none.yaml", write: false }).catch((e) => e);',
      "console.log(JSON.stringify({",
      "  files: planned.files.map((f) => f.path).sort(), roots: written.written.roots.map((r) => r.dir), ok: result.ok,",
      "  error: failure instanceof CatalogError ? failure.diagnostics.map((d) => `${d.file} ${d.rule}`) : String(failure), target: typeof defineTarget,",
      "}));",
      "",
    ].join("\n"));
    const script = await sh(process.execPath, ["build-errors.mjs"], app);
    expect(script.code, script.stderr).toBe(0);
    expect(JSON.parse(script.stdout)).toEqual({
      files: ["docs/myapi-errors.md", "src/generated/myapi/errcat.manifest.json", "src/generated/myapi/index.ts", "src/generated/myapi/patterns.ts", "src/generated/myapi/runtime.ts"],
      roots: ["src/generated/myapi"],
      ok: true,
      error: ["catalog/none.yaml read"],
      target: "function",
    });

    await mkdir(join(app, "scripts"), { recursive: true });
    await writeFile(join(app, "scripts/build-errors.ts"), [
      'import { generate, CatalogError, formatDiagnostic, type GeneratedFile } from "errcat";',
      "try {",
      "  const files: readonly GeneratedFile[] = (await generate({ write: false })).files;",
      "  console.log(files.length);",
      "} catch (error) {",
      "  if (error instanceof CatalogError) console.error(error.diagnostics.map(formatDiagnostic).join(\"\\n\"));",
      "}",
      "",
    ].join("\n"));
    await writeFile(join(app, "tsconfig.scripts.json"), `${JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, types: ["node"] }, include: ["scripts"] }, null, 2)}\n`);
    const tsc = await sh(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.scripts.json"], app);
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
  });

  it("runs buf breaking there (the proto target's check, not skipped) and reports a renumbered entry", async () => {
    const dir = join(app, "proto-project");
    await mkdir(join(dir, "catalog"), { recursive: true });
    await cp(join(app, "catalog/myapi.yaml"), join(dir, "catalog/myapi.yaml"));
    await writeFile(join(dir, "errcat.config.yaml"), "catalogs: catalog/myapi.yaml\ngenerate:\n  - target: proto\n    out: proto\n");
    expect((await errcat(["generate"], dir)).code).toBe(0);
    const clean = await errcat(["check"], dir);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stderr).not.toMatch(/skipped/);
    const catalog = await readFile(join(dir, "catalog/myapi.yaml"), "utf8");
    await writeFile(join(dir, "catalog/myapi.yaml"), catalog.replace(/^ {4}number: 1 /m, "    number: 7 "));
    const broken = await errcat(["check"], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("errcat: the proto check found 2 problems\n");
    expect(broken.stdout).toMatch(/^proto\/errcat\/myapi\/v1\/errors\.proto:\d+:\d+: breaking change: .*\[ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED\]$/m);
  });

  it("fails `npx errcat check --against HEAD` in a git repository after a breaking edit is generated, naming the change", async () => {
    const dir = join(app, "gate-project");
    await mkdir(join(dir, "catalog"), { recursive: true });
    await cp(join(app, "catalog/myapi.yaml"), join(dir, "catalog/myapi.yaml"));
    await writeFile(join(dir, "errcat.config.yaml"), "catalogs: catalog/myapi.yaml\ngenerate:\n  - target: typescript\n    out: src/generated/{service}\n  - target: proto\n    out: proto\n");
    const git = (...args: string[]) => sh("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], dir);
    expect((await git("init", "-q", "-b", "main")).code).toBe(0);
    expect((await errcat(["generate"], dir)).code).toBe(0);
    expect((await git("add", ".")).code).toBe(0);
    expect((await git("commit", "-qm", "release")).code).toBe(0);
    const catalog = await readFile(join(dir, "catalog/myapi.yaml"), "utf8");
    expect(catalog).toMatch(/^ {4}code: KeyNotFound\b/m);
    await writeFile(join(dir, "catalog/myapi.yaml"), catalog.replace(/^( {4}code: )KeyNotFound\b/m, "$1KeyMissing"));
    expect((await errcat(["generate"], dir)).code).toBe(0);
    // The working tree agrees with itself; only the comparison with the commit can fail.
    expect((await errcat(["check"], dir)).code).toBe(0);
    const gate = await errcat(["check", "--against", "HEAD"], dir);
    expect(gate.code, gate.stdout + gate.stderr).toBe(1);
    expect(gate.stdout).toContain("breaking: entry `key-not-found` changed code from KeyNotFound to KeyMissing");
    expect(gate.stderr).toContain("errcat: 1 breaking catalog change since HEAD (code-changed:key-not-found)");
    expect((await errcat(["check", "--against", "HEAD", "--allow", "code-changed:key-not-found"], dir)).code).toBe(0);
  });

  it("starts the mock endpoint from the package: startMockServer answers a request with the catalog's fixture", async () => {
    await writeFile(join(app, "mock.mjs"), [
      'import { startMockServer } from "errcat";',
      'const kms = await startMockServer({ catalog: "catalog/myapi.yaml", scenario: { steps: [{ respond: { fixture: "key-not-found" } }] } });',
      "try {",
      '  const res = await fetch(kms.url, { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: new Uint8Array() });',
      "  const body = new Uint8Array(await res.arrayBuffer());",
      '  console.log(JSON.stringify({ status: res.status, type: res.headers.get("content-type"), hasCode: Buffer.from(body).includes("KeyNotFound"), logged: kms.requests().map((r) => r.response.status) }));',
      "} finally {",
      "  await kms.close();",
      "}",
      "",
    ].join("\n"));
    const mock = await sh(process.execPath, ["mock.mjs"], app);
    expect(mock.code, mock.stderr).toBe(0);
    expect(JSON.parse(mock.stdout)).toEqual({ status: 404, type: "application/x-protobuf", hasCode: true, logged: [404] });
  });
});
