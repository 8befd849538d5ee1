import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Scale: 1,000,000 customers × 30 columns and 5,000,000 event rows, generated on disk and streamed
// through the import path in a child Node process (so its peak memory is its own). Long (about a
// minute each on two cores), so it runs only with SEGMENTFLOW_SCALE=1; the numbers it prints are the
// ones in the README. Nothing here is timed against a threshold: the checks are the row counts and
// checksums computed while the file was written.

const RUN = process.env.SEGMENTFLOW_SCALE === '1'
const script = join(import.meta.dirname, 'scaleRun.ts')

function run(scenario: string): Record<string, number | string> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, scenario], { encoding: 'utf8', timeout: 900_000, maxBuffer: 1 << 20 })
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stderr}`)
  const result = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number | string>
  console.log(JSON.stringify(result))
  return result
}

describe.runIf(RUN)('import at scale (SEGMENTFLOW_SCALE=1)', () => {
  it('streams 1,000,000 customers × 30 columns into typed columns', () => {
    const r = run('customers')
    expect(r).toMatchObject({ rows: 1_000_000, columns: 30, badRows: 0 })
    expect(r.cents).toBe(r.expectedCents)
    expect(r.vip).toBe(r.expectedVip)
    expect(r.age).toBe(r.expectedAge)
  }, 900_000)

  it('streams 5,000,000 event rows into typed columns', () => {
    const r = run('events')
    expect(r).toMatchObject({ rows: 5_000_000, columns: 6, badRows: 0 })
    expect(r.cents).toBe(r.expectedCents)
  }, 900_000)
})
