import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkDefinitions } from '../../../src/core/derive/checkDefinitions'
import type { DerivedFieldDefinition, SegmentTagsDefinition } from '../../../src/core/derive/definition'
import { computeOrder, deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { planDerive } from '../../../src/core/derive/planDerive'
import { freezeTags, removeTag, tagStatus, upsertTag, varsRead } from '../../../src/core/derive/segmentTags'
import { cellValue, rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'
import { makeTable } from '../engine/helpers'
import type { Cell } from '../engine/helpers'

// Tags from segments: the list column against json-logic-js row by row (a naive loop over row objects),
// frozen members, ordering after the other derived fields, validation and the definition helpers.

const AS_OF = Date.UTC(2026, 5, 30)
const FIELDS: FieldMeta[] = [
  { name: 'id', type: 'text' }, { name: 'orders', type: 'number' }, { name: 'spend', type: 'number' }, { name: 'city', type: 'category' },
]
const ROWS: Record<string, Cell>[] = [
  { id: 'c1', orders: 12, spend: 500, city: '上海' },
  { id: 'c2', orders: 3, spend: 900, city: '北京' },
  { id: 'c3', orders: null, spend: 50, city: '上海' },
  { id: null, orders: 20, spend: null, city: null },
]
const table = (): ColumnarTable => makeTable(FIELDS, ROWS)
const frequent: JsonLogic = { '>=': [{ var: 'orders' }, 10] }
const shanghai: JsonLogic = { in: [{ var: 'city' }, ['上海']] }
const tagsDef = (tags: SegmentTagsDefinition['tags'], name = '分群标签'): SegmentTagsDefinition => ({ kind: 'segmentTags', name, tags })

/** Row by row with json-logic-js: the labels of the tags whose rule is true, in tag order. */
function naiveLabels(t: ColumnarTable, def: SegmentTagsDefinition): string[][] {
  setEvaluationAsOf(AS_OF)
  return Array.from({ length: t.rowCount }, (_, i) => {
    const row = rowAt(t, i)
    return def.tags.filter((tag) => {
      if (tag.frozen) return row.id !== null && (tag.frozen.ids ?? []).includes(String(row.id))
      try {
        return isTruthy(applyLogic(tag.logic, row))
      } catch {
        return false
      }
    }).map((tag) => tag.label)
  })
}

const listOf = (t: ColumnarTable, def: SegmentTagsDefinition): unknown[] => {
  const [one] = deriveAll({ customers: t, idField: 'id', asOf: AS_OF, events: {} }, [def])
  expect(one.field).toMatchObject({ name: def.name, type: 'list', derived: true })
  return Array.from({ length: t.rowCount }, (_, i) => cellValue(one.column, i))
}

describe('segmentTags column', () => {
  it('holds, per customer, the labels of the segments it belongs to (hand-computed); none is [] not missing', () => {
    const def = tagsDef([{ label: '常客', logic: frequent }, { label: '上海客', logic: shanghai }])
    expect(listOf(table(), def)).toEqual([['常客', '上海客'], [], ['上海客'], ['常客']])
  })

  it('is computed after every other derived field, whose values its rules read', () => {
    const defs: DerivedFieldDefinition[] = [
      tagsDef([{ label: '高客单', logic: { '>': [{ var: 'aov' }, 100] } }]),
      { kind: 'ratio', name: 'aov', numerator: 'spend', denominator: 'orders' },
    ]
    expect(computeOrder(defs).map((d) => d.kind)).toEqual(['ratio', 'segmentTags'])
    const out = deriveAll({ customers: table(), idField: 'id', asOf: AS_OF, events: {} }, defs)
    const tags = out.find((c) => c.field.name === '分群标签')!
    // aov: 41.67, 300, missing, missing (missing fails the comparison)
    expect([0, 1, 2, 3].map((i) => cellValue(tags.column, i))).toEqual([[], ['高客单'], [], []])
  })

  it('equals json-logic-js row by row on random tables and rules (property)', () => {
    const cell = fc.record({
      id: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { nil: null }),
      orders: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      spend: fc.option(fc.double({ min: -10, max: 1000, noNaN: true }), { nil: null }),
      city: fc.option(fc.constantFrom('上海', '北京', '广州'), { nil: null }),
    })
    const cmp = fc.tuple(fc.constantFrom('>=', '<', '==', '!='), fc.constantFrom('orders', 'spend'), fc.integer({ min: 0, max: 500 }))
      .map(([op, f, v]): JsonLogic => ({ [op]: [{ var: f }, v] }))
    const leaf = fc.oneof(cmp, fc.subarray(['上海', '北京', '广州']).map((xs): JsonLogic => ({ in: [{ var: 'city' }, xs] })),
      fc.constantFrom<JsonLogic>({ '==': [{ var: 'orders' }, null] }))
    const rule = fc.oneof(leaf, fc.tuple(fc.constantFrom('and', 'or'), fc.array(leaf, { minLength: 1, maxLength: 3 })).map(([op, xs]): JsonLogic => ({ [op]: xs })),
      leaf.map((x): JsonLogic => ({ '!': x })))
    const tag = fc.record({ logic: rule, frozen: fc.option(fc.subarray(['a', 'b', 'c', 'x']), { nil: undefined }) })
    fc.assert(fc.property(fc.array(cell, { maxLength: 40 }), fc.array(tag, { minLength: 1, maxLength: 4 }), (rows, raw) => {
      const t = makeTable(FIELDS, rows)
      const def = tagsDef(raw.map((r, k) => ({ label: `t${k}`, logic: r.logic, ...(r.frozen ? { frozen: { at: '2026-06-30', ids: r.frozen } } : {}) })))
      expect(listOf(t, def)).toEqual(naiveLabels(t, def))
    }), { numRuns: 200 })
  })
})

describe('frozen tags', () => {
  it('freezeTags stores the members at that moment and the as-of day; they keep the tag after the data change', () => {
    const pending = [tagsDef([{ label: '常客', logic: frequent, frozen: {} }, { label: '上海客', logic: shanghai }])]
    const [frozen] = freezeTags(pending, table(), 'id', AS_OF) as SegmentTagsDefinition[]
    // c1 (12 orders) and the customer without an id (20 orders, so no id to keep)
    expect(frozen.tags[0].frozen).toEqual({ at: '2026-06-30', ids: ['c1'] })
    expect(frozen.tags[1]).toEqual(pending[0].tags[1])
    expect(freezeTags([frozen], table(), 'id', AS_OF)[0]).toBe(frozen) // already frozen: unchanged

    // Later data: c1 now has 1 order, c2 has 15; the frozen tag stays with c1, the live one follows.
    const later = makeTable(FIELDS, [{ ...ROWS[1], orders: 15 }, { ...ROWS[0], orders: 1 }, ROWS[2]])
    expect(listOf(later, frozen)).toEqual([[], ['常客', '上海客'], ['上海客']])
    const live = tagsDef([{ label: '常客', logic: frequent }])
    expect(listOf(later, live)).toEqual([['常客'], [], []])
  })

  it('a frozen-only field is not recomputed by later changes; a live one is', () => {
    const t = withColumns(table(), [{ field: { name: 'x', type: 'number', derived: true }, column: { type: 'number', values: new Float64Array(4) } },
      { field: { name: '分群标签', type: 'list', derived: true }, column: { type: 'list', offsets: new Int32Array(5), codes: new Int32Array(0), dict: [], missing: new Uint8Array(4) } }])
    const ratio: DerivedFieldDefinition = { kind: 'ratio', name: 'x', numerator: 'spend', denominator: 'orders' }
    const frozenDef = tagsDef([{ label: 'a', logic: frequent, frozen: { at: '2026-06-30', ids: ['c1'] } }])
    const liveDef = tagsDef([{ label: 'a', logic: frequent }])
    const changedRatio: DerivedFieldDefinition = { ...ratio, numerator: 'orders', denominator: 'spend' }
    expect(planDerive([ratio, frozenDef], [changedRatio, frozenDef], { customerFields: t.fields }).compute.map((d) => d.name)).toEqual(['x'])
    expect(planDerive([ratio, liveDef], [changedRatio, liveDef], { customerFields: t.fields }).compute.map((d) => d.name)).toEqual(['x', '分群标签'])
    expect(planDerive([ratio, liveDef], [ratio, liveDef], { customerFields: t.fields }).compute).toEqual([])
  })
})

describe('checkDefinitions for tags', () => {
  const ctx = { customerFields: [...FIELDS, { name: '分群标签', type: 'list' as const, derived: true }], eventTables: {} }
  const codes = (defs: DerivedFieldDefinition[]): string[] => checkDefinitions(defs, ctx).map((i) => i.code)

  it('accepts valid tags, refuses the cycle, duplicate and bad labels, bad rules and frozen tags without a date', () => {
    expect(codes([tagsDef([{ label: '常客', logic: frequent }, { label: '冻结', logic: frequent, frozen: { at: '2026-06-30', ids: ['c1'] } }])])).toEqual([])
    expect(codes([tagsDef([{ label: '再标', logic: { list_any: [{ var: '分群标签' }, ['常客']] } }])])).toEqual(['self_reference'])
    expect(codes([tagsDef([{ label: '常客', logic: frequent }, { label: '常客', logic: shanghai }])])).toEqual(['duplicate_label'])
    expect(codes([tagsDef([{ label: ' 常客', logic: frequent }])])).toEqual(['bad_label'])
    expect(codes([tagsDef([{ label: 'x', logic: { '>': [{ var: 'nope' }, 1] } }])])).toEqual(['bad_rule'])
    expect(codes([tagsDef([{ label: 'x', logic: { log: 1 } }])])).toEqual(['bad_rule'])
    expect(codes([tagsDef([{ label: 'x', logic: frequent, frozen: { ids: ['c1'] } }])])).toEqual(['bad_frozen'])
    expect(codes([tagsDef([])])).toEqual(['bad_rule'])
  })

  it('a tag field may read an earlier tag field, not a later one', () => {
    const readsB = { list_any: [{ var: 'B' }, ['b']] }
    const b = tagsDef([{ label: 'b', logic: frequent }], 'B')
    expect(codes([b, tagsDef([{ label: 'a', logic: readsB }], 'A')])).toEqual([])
    expect(codes([tagsDef([{ label: 'a', logic: readsB }], 'A'), b])).toEqual(['bad_rule'])
  })
})

describe('definition helpers', () => {
  it('varsRead lists the fields of var (with defaults and dotted paths)', () => {
    expect([...varsRead({ and: [{ var: 'a' }, { '>': [{ var: ['b.c', 0] }, 1] }, { var: 'd' }] })].sort()).toEqual(['a', 'b', 'd'])
  })

  it('upsertTag adds a field, appends, replaces by label; removeTag drops an emptied field', () => {
    const t1 = { label: '常客', logic: frequent, segmentId: 's1' }
    let defs = upsertTag([], '分群标签', t1)
    expect(defs).toEqual([tagsDef([t1])])
    defs = upsertTag(defs, '分群标签', { label: '上海客', logic: shanghai, segmentId: 's2' })
    defs = upsertTag(defs, '分群标签', { label: '冻结常客', logic: frequent, segmentId: 's1', frozen: {} })
    defs = upsertTag(defs, '分群标签', { label: '上海客', logic: frequent, segmentId: 's3' })
    expect((defs[0] as SegmentTagsDefinition).tags.map((t) => [t.label, t.segmentId])).toEqual([['常客', 's1'], ['上海客', 's3'], ['冻结常客', 's1']])
    defs = removeTag(removeTag(removeTag(defs, '分群标签', '常客'), '分群标签', '上海客'), '分群标签', '冻结常客')
    expect(defs).toEqual([])
  })

  it('tagStatus tells current, outdated, orphan and frozen apart', () => {
    expect(tagStatus({ label: 'a', logic: frequent }, { '>=': [{ var: 'orders' }, 10] })).toBe('current')
    expect(tagStatus({ label: 'a', logic: frequent }, { '>=': [{ var: 'orders' }, 11] })).toBe('outdated')
    expect(tagStatus({ label: 'a', logic: frequent }, undefined)).toBe('orphan')
    expect(tagStatus({ label: 'a', logic: frequent, frozen: { at: '2026-06-30', ids: [] } }, frequent)).toBe('frozen')
  })
})
