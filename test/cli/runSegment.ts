import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { REPO } from './reference'

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the real command (`src/cli/segment.ts` under tsx's loader) in a child Node process. */
export function runSegment(args: readonly string[]): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'segment.ts'), ...args], {
    cwd: REPO, encoding: 'utf8', timeout: 120_000,
  })
  if (r.error) throw r.error
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A fresh temporary folder for a suite's files, removed after the suite (call it while collecting). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmentflow-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The `--json` output of a run that must have succeeded. */
export function jsonOf<T>(run: CliRun): T {
  if (run.status !== 0) throw new Error(`exit ${run.status}\n${run.stderr}`)
  return JSON.parse(run.stdout) as T
}

export interface JsonResult {
  customers: number
  asOf: string
  segments: { name: string; count: number; share: number; file?: string }[]
  flows?: { name: string; audience: number; actions: { name: string; count: number; share: number }[] }[]
}
