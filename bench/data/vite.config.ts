import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'

// The data bench's page; built into dist-bench/data (git-ignored) after the engine suite's build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The app's worker is an ES module worker (as in the app's vite.config.ts).
  worker: { format: 'es' },
  build: { outDir: fileURLToPath(new URL('../../dist-bench/data', import.meta.url)), emptyOutDir: true },
  // Vite's and Vitest's caches (npx vitest run --root bench/data) in the project's node_modules, not here.
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite-bench-data', import.meta.url)),
  logLevel: 'warn',
})
