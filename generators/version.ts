import { readFileSync } from "node:fs";

let cached: string | undefined;

/** errcat's version, from its package.json: the nearest one upwards (dist/ and dist/bundle/ sit at different depths). */
export function errcatVersion(): string {
  if (cached !== undefined) return cached;
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: string; version: string };
      if (pkg.name === "errcat") return (cached = pkg.version);
    } catch {
      // No package.json here: look one folder up.
    }
    if (new URL("..", dir).href === dir.href) throw new Error("errcat's package.json was not found above its code");
  }
}
