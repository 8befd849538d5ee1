import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { buildRuleSetFile, parseRuleSetFile } from '../../../src/core/io/ruleSetFile'
import {
  applyFieldMapping, mappingIsIdentity, mappingIssues, mappingOf, nameSimilarity, renameLogicFields, suggestFieldMapping,
} from '../../../src/core/io/ruleSetFileMapping'
import { FIELDS, FLOWS, SEGMENTS } from './fixtures'

const file = buildRuleSetFile('Hotel', SEGMENTS, FLOWS, FIELDS, Date.UTC(2026, 0, 1))
// A colleague's dataset: the same data under other names (and one field missing).
const DATASET: FieldMeta[] = [
  { name: 'orders', type: 'number' },
  { name: 'City', type: 'text' },
  { name: 'last_stay', type: 'date' },
  { name: 'tier', type: 'text' }, // same name, other type: not a match
  { name: 'customer_tier', type: 'category' },
  { name: 'Tags', type: 'list' },
  { name: 'needs_invoice', type: 'boolean' },
]

describe('suggestFieldMapping', () => {
  const m = suggestFieldMapping(file.requires.fields, DATASET)
  const by = (n: string) => m.find((x) => x.required.name === n)

  it('matches by exact name, then loosely, then by similar name of the same type', () => {
    expect(by('orders')).toMatchObject({ target: 'orders', kind: 'exact' })
    expect(by('city')).toMatchObject({ target: 'City', kind: 'case' })
    expect(by('lastStay')).toMatchObject({ target: 'last_stay', kind: 'case' })
    expect(by('tags')).toMatchObject({ target: 'Tags', kind: 'case' })
    expect(by('tier')).toMatchObject({ target: 'customer_tier', kind: 'similar' })
    expect(by('invoice')).toMatchObject({ target: 'needs_invoice', kind: 'similar' })
    expect(mappingIsIdentity(m)).toBe(false)
    expect(mappingIssues(m, DATASET)).toEqual([])
  })

  it('leaves a field without a same-typed candidate unmatched, which blocks the import', () => {
    const m2 = suggestFieldMapping(file.requires.fields, DATASET.filter((f) => f.name !== 'needs_invoice'))
    expect(m2.find((x) => x.required.name === 'invoice')).toMatchObject({ target: null, kind: 'none' })
    const issues = mappingIssues(m2, DATASET)
    const i = file.requires.fields.findIndex((f) => f.name === 'invoice')
    expect(issues).toEqual([expect.objectContaining({ path: `$.requires.fields[${i}]`, code: 'unmapped_field', field: 'invoice' })])
  })

  it('refuses a user choice of another type', () => {
    const m2 = m.map((x) => (x.required.name === 'tier' ? { ...x, target: 'tier', kind: 'manual' as const } : x))
    expect(mappingIssues(m2, DATASET).map((x) => [x.field, x.code])).toEqual([['tier', 'field_type']])
  })

  it('proposes each dataset field once', () => {
    const m3 = suggestFieldMapping([{ name: 'a b', type: 'text' }, { name: 'A_B', type: 'text' }], [{ name: 'ab', type: 'text' }])
    expect(m3.map((x) => x.target)).toEqual(['ab', null])
  })

  it('similarity: loose names, containment', () => {
    expect(nameSimilarity('Last Stay', 'last_stay')).toBe(1)
    expect(nameSimilarity('stays', 'staysLast90Days')).toBeGreaterThanOrEqual(0.75)
    expect(nameSimilarity('age', 'city')).toBeLessThan(0.6)
  })
})

describe('applyFieldMapping', () => {
  const mapping = mappingOf(suggestFieldMapping(file.requires.fields, DATASET))
  const mapped = applyFieldMapping(file, mapping)

  it('rewrites conditions, advanced logic vars, flow rules and the declared fields; the result passes every check', () => {
    expect(mapped.requires.fields.map((f) => f.name).sort()).toEqual(['City', 'Tags', 'customer_tier', 'last_stay', 'needs_invoice', 'orders'])
    const text = JSON.stringify(mapped)
    for (const old of ['"city"', '"lastStay"', '"tags"', '"tier"', '"invoice"']) expect(text).not.toContain(old)
    expect(mapped.segments[1].rule.children[0]).toMatchObject({ field: 'City' })
    const r = parseRuleSetFile(text, 'mapped.json')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
  })

  it('renames var, var with default, dotted paths, missing and missing_some', () => {
    const rename = (n: string) => (n === 'a' ? 'b' : n)
    expect(renameLogicFields({ and: [{ var: 'a' }, { var: ['a', 0] }, { var: 'a.x' }, { missing: ['a', 'c'] }, { missing_some: [1, ['a']] }, { var: 'ab' }] }, rename))
      .toEqual({ and: [{ var: 'b' }, { var: ['b', 0] }, { var: 'b.x' }, { missing: ['b', 'c'] }, { missing_some: [1, ['b']] }, { var: 'ab' }] })
  })

  it('with an empty mapping the file is unchanged', () => {
    expect(applyFieldMapping(file, new Map())).toEqual(file)
  })
})
