// The web app's build: sources in src/web, output in dist/web (served by the API's static route).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

export default defineConfig({
  root,
  // Absolute asset URLs: the app's own routes (/users/c/u) are real paths served with index.html.
  base: "/",
  plugins: [react()],
  build: { outDir, emptyOutDir: true, sourcemap: true, target: "es2022" },
  // `npm run dev:web` next to `idc-sync start` on :8080.
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
