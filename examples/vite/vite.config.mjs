// The errcat step of a Vite app's config: generate before every build.
import { defineConfig } from "vite";
import errcat from "./errcat-vite-plugin.mjs";

export default defineConfig({
  plugins: [errcat()],
});
