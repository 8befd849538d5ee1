import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { preview } from 'vite'
import type { TestProject } from 'vitest/node'

const root = resolve(import.meta.dirname, '../..')

/** Builds the app (unless CI already did) and serves dist/ on loopback for the e2e tests. */
export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD || !existsSync(resolve(root, 'dist/index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' })
  }
  const server = await preview({ root, preview: { port: 4173, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' })
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/'
  project.provide('baseURL', url)
  return async () => {
    await new Promise<void>((r) => server.httpServer.close(() => r()))
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}
