import { describe, expect, it } from 'vitest'
import { buildRuleSetFile, parseRuleSetFile, ruleSetFileDocuments } from '../../../src/core/io/ruleSetFile'
import type { Segment } from '../../../src/core/logic/types'
import { FIELDS, SEGMENTS } from './fixtures'

// Description and tags (segment library, issue 6) are optional keys of version 1: files written
// before them still read, and files with them round-trip.

const NOW = Date.UTC(2024, 5, 1, 8, 0, 0)
const described: Segment[] = [
  { ...SEGMENTS[0], description: '近 90 天下单 ≥ 3 次\n且没有被拉黑', tags: ['高价值', 'VIP'] },
  { ...SEGMENTS[1], description: '', tags: [] },
  SEGMENTS[2],
]

describe('rule-set file: segment description and tags', () => {
  it('writes them only when set', () => {
    const f = buildRuleSetFile('lib', described, [], FIELDS, NOW)
    expect(f.segments[0].description).toBe('近 90 天下单 ≥ 3 次\n且没有被拉黑')
    expect(f.segments[0].tags).toEqual(['高价值', 'VIP'])
    expect(Object.keys(f.segments[1]).sort()).toEqual(['color', 'id', 'logic', 'name', 'references', 'rule'])
    expect(Object.keys(f.segments[2]).sort()).toEqual(['color', 'id', 'logic', 'name', 'references', 'rule'])
  })

  it('round-trips through the file and back into app documents', () => {
    const f = buildRuleSetFile('lib', described, [], FIELDS, NOW)
    const r = parseRuleSetFile(JSON.stringify(f), 'lib.json')
    expect(r.ok ? [] : r.errors).toEqual([])
    expect(r.ok && r.file).toEqual(f)
    const { segments } = ruleSetFileDocuments(f, 'rs2', 10)
    expect(segments[0]).toMatchObject({ description: '近 90 天下单 ≥ 3 次\n且没有被拉黑', tags: ['高价值', 'VIP'] })
    expect(segments[1]).not.toHaveProperty('description')
    expect(segments[1]).not.toHaveProperty('tags')
    // Exporting the imported documents gives the same segments again.
    expect(buildRuleSetFile('lib', segments, [], FIELDS, NOW).segments).toEqual(f.segments)
  })

  it('refuses tags that are not a list of text, at the segment\'s path', () => {
    const doc = JSON.parse(JSON.stringify(buildRuleSetFile('lib', described, [], FIELDS, NOW)))
    doc.segments[0].tags = [1]
    doc.segments[0].description = 5
    const r = parseRuleSetFile(JSON.stringify(doc), 'bad.json')
    expect(r.ok).toBe(false)
    const paths = r.ok ? [] : r.errors.map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining([expect.stringContaining('segments[0].tags'), expect.stringContaining('segments[0].description')]))
  })
})
