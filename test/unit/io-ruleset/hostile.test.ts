import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'

// Every file of the hostile corpus is refused with the expected JSON path and code, and no
// JSON-logic is ever evaluated while reading it (json-logic-js's apply is watched).
const apply = vi.fn()
vi.mock('json-logic-js', async (orig) => {
  const real = (await orig()) as { default: Record<string, unknown> }
  return { default: { ...real.default, apply: (...a: unknown[]) => { apply(...a); throw new Error('evaluated') } } }
})
const { MAX_RULESET_FILE_CHARS, parseRuleSetFile } = await import('../../../src/core/io/ruleSetFile')

const dir = new URL('../../fixtures/rulesets/hostile/', import.meta.url)
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, { path: string; code: string }>

describe('hostile rule-set files', () => {
  it('the corpus has at least 20 files', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(20)
  })

  it.each(Object.entries(expected))('%s is refused', (name, want) => {
    const r = parseRuleSetFile(readFileSync(new URL(name, dir), 'utf8'), name)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const match = r.errors.find((e) => e.code === want.code && (want.path === '' || e.path === want.path))
    expect(match, JSON.stringify(r.errors.slice(0, 3))).toBeDefined()
    expect(match?.reason.length).toBeGreaterThan(0)
    expect(apply).not.toHaveBeenCalled()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('a 50 MB string is refused by size before it is parsed', () => {
    const big = `{"format":"segmentflow.ruleset","version":2,"name":"${'x'.repeat(50 * 1024 * 1024)}"}`
    const r = parseRuleSetFile(big, 'big.json')
    expect(r.ok ? null : r.errors[0]).toMatchObject({ path: '$', code: 'too_large' })
    expect(big.length).toBeGreaterThan(MAX_RULESET_FILE_CHARS)
  })

  it('a long string inside the size limit is refused by the schema with its path', () => {
    const doc = JSON.parse(readFileSync(new URL('../v1-empty.json', dir), 'utf8'))
    doc.name = 'x'.repeat(2_000_000)
    const r = parseRuleSetFile(JSON.stringify(doc), 'long.json')
    expect(r.ok ? null : r.errors[0]).toMatchObject({ path: '$.name', code: 'schema' })
  })
})
