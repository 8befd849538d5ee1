import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { GridBin, GridDimSpec } from '../../../src/core/analysis/gridBins'
import { binsCondition, gridSelectionRule } from '../../../src/core/analysis/gridRule'
import { computeGrid, type GridResult, type GridSpec } from '../../../src/core/analysis/gridTable'
import { cellValue, parseIsoDate } from '../../../src/core/engine/columns'
import { Engine } from '../../../src/core/engine/evaluate'
import type { FieldMeta } from '../../../src/core/fields/types'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { allRows, makeTable, membersOf, referenceMembers, type Cell } from '../engine/helpers'

const ASOF = Date.UTC(2024, 5, 1)
const FIELDS: FieldMeta[] = [
  { name: 'n', type: 'number' }, { name: 'c', type: 'category' }, { name: 't', type: 'text' }, { name: 'b', type: 'boolean' },
  { name: 'd', type: 'date', dateFormat: 'date' }, { name: 'dt', type: 'date', dateFormat: 'datetime' },
]
const day = (k: number): string => new Date(Date.UTC(2024, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)

const rowArb = fc.record<Record<string, Cell>>({
  n: fc.option(fc.constantFrom(-3, 0, 0.5, 1, 2, 2, 7.25, 10, 100), { nil: null }),
  c: fc.option(fc.constantFrom('SUV', 'Sedan', 'MPV'), { nil: null }),
  t: fc.option(fc.constantFrom('x', 'y'), { nil: null }),
  b: fc.option(fc.boolean(), { nil: null }),
  d: fc.option(fc.integer({ min: 0, max: 60 }).map(day), { nil: null }),
  dt: fc.option(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 23 }))
    .map(([k, h]) => `${day(k)}T${String(h).padStart(2, '0')}:30:00`), { nil: null }),
})
const dimArb: fc.Arbitrary<GridDimSpec> = fc.oneof(
  fc.constantFrom('c', 't', 'b').map((field) => ({ field })),
  fc.record({
    field: fc.constantFrom('n', 'd', 'dt'), method: fc.constantFrom('equal' as const, 'quantile' as const), bins: fc.integer({ min: 1, max: 5 }),
  }),
  fc.constant<GridDimSpec>({ field: 'n', method: 'breaks', breaks: [0, 2, 10] }),
  fc.constant<GridDimSpec>({ field: 'd', method: 'breaks', breaks: ['2024-01-15', '2024-02-01'] }),
)
const specArb: fc.Arbitrary<GridSpec> = fc.record({
  rows: dimArb, cols: dimArb,
  split: fc.option(fc.record({ axis: fc.constantFrom('rows' as const, 'cols' as const), bin: fc.integer({ min: 0, max: 2 }), dim: dimArb }), { nil: undefined }),
}, { requiredKeys: ['rows', 'cols'] })

describe('gridSelectionRule', () => {
  it('selects exactly the customers of the selected cells (engine and json-logic-js), count = sum of the cells', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(rowArb, { minLength: 1, maxLength: 40 }), specArb, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.boolean(),
      async (data, spec, picks, rectangle) => {
        const table = makeTable(FIELDS, data)
        const g = await computeGrid(table, spec, null)
        const nc = g.cols.length
        const n = g.counts.length
        let cells = picks.map((p) => p % n)
        if (rectangle) {
          // A rectangle from the first two picks, as a drag would select.
          const [a, b] = [cells[0], cells[cells.length - 1]]
          const [r0, r1] = [Math.floor(a / nc), Math.floor(b / nc)].sort((x, y) => x - y)
          const [c0, c1] = [a % nc, b % nc].sort((x, y) => x - y)
          cells = []
          for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells.push(r * nc + c)
        }
        const chosen = new Set(cells)
        // The cell of each row, by a naive loop over the bin definitions (not the binning code).
        const expected: number[] = []
        for (let i = 0; i < table.rowCount; i++) if (chosen.has(cellOfRow(table, g, spec, i))) expected.push(i)
        const logic = toJsonLogic(gridSelectionRule(g, cells))
        const engine = new Engine(table, { asOf: ASOF })
        expect(membersOf(engine.evaluate(logic))).toEqual(expected)
        expect(referenceMembers(allRows(table), logic, ASOF)).toEqual(expected)
        expect(expected.length).toBe([...chosen].reduce((s, c) => s + g.counts[c], 0))
      },
    ), { numRuns: 300 })
  })

  it('a whole row is one condition; a rectangle is an AND of two', async () => {
    const table = makeTable(FIELDS.slice(0, 2), [{ n: 1, c: 'SUV' }, { n: 5, c: 'Sedan' }, { n: 9, c: null }])
    const g = await computeGrid(table, { rows: { field: 'c' }, cols: { field: 'n', method: 'breaks', breaks: [3, 6] } }, null)
    // rows SUV, Sedan, missing (3 cols)
    const row = gridSelectionRule(g, [0, 1, 2])
    expect(toJsonLogic(row)).toEqual({ and: [{ in: [{ var: 'c' }, ['SUV']] }] })
    const rect = gridSelectionRule(g, [1, 2, 4, 5])
    expect(toJsonLogic(rect)).toEqual({ and: [{ and: [
      { in: [{ var: 'c' }, ['SUV', 'Sedan']] },
      { and: [{ '!=': [{ var: 'n' }, null] }, { '>=': [{ var: 'n' }, 3] }] },
    ] }] })
    const withScope = gridSelectionRule(g, [8], 'seg1')
    expect(withScope.children[0]).toMatchObject({ kind: 'segment', segmentId: 'seg1' })
    expect(toJsonLogic({ ...withScope, children: withScope.children.slice(1) })).toEqual({ and: [{ and: [
      { '==': [{ var: 'c' }, null] }, { and: [{ '!=': [{ var: 'n' }, null] }, { '>=': [{ var: 'n' }, 6] }] },
    ] }] })
  })

  it('binsCondition: every bin → no condition; missing bin → is empty', async () => {
    const table = makeTable(FIELDS.slice(0, 2), [{ n: 1, c: 'SUV' }, { n: null, c: 'Sedan' }])
    const g = await computeGrid(table, { rows: { field: 'n', method: 'equal', bins: 1 }, cols: { field: 'c' } }, null)
    expect(binsCondition(g.dims[0], [0, 1])).toBeNull()
    expect(binsCondition(g.dims[0], [1])).toMatchObject({ op: 'is_empty', field: 'n' })
    expect(binsCondition(g.dims[0], [0])).toMatchObject({ op: 'not_empty', field: 'n' })
  })
})

/** Whether the row value `v` (row form) falls in bin `bin` — written from the bin definitions, not the binning code. */
function inBin(bin: GridBin, v: unknown, isDate: boolean): boolean {
  if (bin.kind === 'missing') return v === null
  if (v === null) return false
  if (bin.kind === 'value' || bin.kind === 'bool') return v === bin.value
  const x = isDate ? Math.floor(parseIsoDate(String(v).slice(0, 10)) / 86_400_000) : (v as number)
  return (bin.lo === null || x >= bin.lo) && (bin.hi === null || x < bin.hi)
}

/** The cell of row `i`: the row and column whose bins hold its values (−1 when none does). */
function cellOfRow(table: ReturnType<typeof makeTable>, g: GridResult, spec: GridSpec, i: number): number {
  const fields = [spec.rows.field, spec.cols.field, spec.split?.dim.field ?? '']
  const keyMatches = (key: GridResult['rows'][number]): boolean => key.every((p) => {
    const dim = g.dims[p.dim]
    return inBin(dim.bins[p.bin], cellValue(table.columns[fields[p.dim]], i), dim.type === 'date')
  })
  const r = g.rows.findIndex(keyMatches)
  const c = g.cols.findIndex(keyMatches)
  return r < 0 || c < 0 ? -1 : r * g.cols.length + c
}
