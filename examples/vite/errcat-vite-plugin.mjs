/**
 * A Vite plugin that runs errcat at the start of every build (and of `vite dev`), so the generated
 * error classes are never older than the catalog:
 *
 *   // vite.config.mjs
 *   import { defineConfig } from "vite";
 *   import errcat from "./errcat-vite-plugin.mjs";
 *   export default defineConfig({ plugins: [errcat()] });
 *
 * It reads errcat.config.yaml from the Vite root (or `options.config`). A catalog with problems fails
 * the build with every diagnostic as file:line:col. For a dev server that regenerates on every edit,
 * run `errcat generate --watch` beside it.
 */
import { CatalogError, UsageError, formatDiagnostic, generate } from "errcat";

/** @param {{ config?: string, cwd?: string }} [options] */
export default function errcatPlugin(options = {}) {
  let root = options.cwd ?? process.cwd();
  return {
    name: "errcat",
    configResolved(config) {
      if (options.cwd === undefined) root = config.root;
    },
    async buildStart() {
      try {
        const result = await generate({ cwd: root, ...(options.config !== undefined ? { config: options.config } : {}) });
        const changed = (result.written?.roots ?? []).reduce((n, r) => n + r.written + r.deleted, 0) + (result.written?.singles ?? []).filter((s) => s.written).length;
        if (changed > 0) this.info?.(`errcat: ${changed} generated file${changed === 1 ? "" : "s"} updated`);
      } catch (error) {
        if (error instanceof CatalogError) this.error(`errcat: the catalog has problems:\n${error.diagnostics.map(formatDiagnostic).join("\n")}`);
        if (error instanceof UsageError) this.error(`errcat: ${error.message}`);
        throw error;
      }
    },
  };
}
