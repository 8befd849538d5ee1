import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { profileField, type FieldProfile, type ProfileOptions } from '../../../src/core/analysis/profile'
import { profileBinRule } from '../../../src/core/analysis/profileRule'
import { Bitset } from '../../../src/core/engine/bitset'
import { rowAt, type ColumnarTable } from '../../../src/core/engine/columns'
import { Engine } from '../../../src/core/engine/evaluate'
import type { FieldMeta } from '../../../src/core/fields/types'
import { expandedJsonLogic } from '../../../src/core/logic/segmentRefs'
import type { Group } from '../../../src/core/logic/types'
import { allRows, makeTable, membersOf, referenceMembers, type Cell } from '../engine/helpers'

// Every bar of every field's profile, turned into a rule "in segment S and in this bar", selects
// exactly the bar's customers — by the engine and by json-logic-js, with S's reference expanded.

const ASOF = Date.UTC(2024, 5, 1)
const FIELDS: FieldMeta[] = [
  { name: 'g', type: 'number' }, { name: 'ni', type: 'number' }, { name: 'nf', type: 'number' }, { name: 'ne', type: 'number' },
  { name: 'd', type: 'date', dateFormat: 'date' }, { name: 'dt', type: 'date', dateFormat: 'datetime' },
  { name: 'c', type: 'category' }, { name: 't', type: 'text' }, { name: 'b', type: 'boolean' },
]
const PROFILED = FIELDS.filter((f) => f.name !== 'g')
const day = (k: number): string => new Date(Date.UTC(2023, 11, 25) + k * 86_400_000).toISOString().slice(0, 10)
const two = (n: number): string => String(n).padStart(2, '0')

// Fractions include values that fall on printed bin edges (0.15 between 0.1 and 0.3, 0.525 …); `ne`
// draws from a small palette of such values per table so that its min and max make those edges.
const EDGY = [0, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.5249999999999999, 0.6, 0.7, 0.9, 2.475, 3.3]
// Palettes where a value equals an edge min + b·width that ⌊(v − min) / width⌋ would bin lower (with 4 or 3 bins).
const EDGE_PALETTES = [[0.1, 0.15, 0.3], [0, 0.5249999999999999, 0.7], [0, 2.475, 3.3], [0.1, 0.13333333333333333, 0.2]]
const paletteArb = fc.oneof(fc.constantFrom(...EDGE_PALETTES), fc.subarray(EDGY, { minLength: 2, maxLength: 4 }))
const rowArb = fc.record<Record<string, Cell>>({
  g: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  ni: fc.option(fc.integer({ min: -3, max: 14 }), { nil: null }),
  nf: fc.option(fc.oneof(
    fc.constantFrom(-1.5, 0, 0.1, 0.15, 0.2, 0.3, 0.5249999999999999, 0.525, 0.7, 1, 2.25, 2.475, 3.3, 7.25),
    fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }),
  ), { nil: null }),
  ne: fc.option(fc.nat(3), { nil: null }),
  d: fc.option(fc.integer({ min: 0, max: 40 }).map(day), { nil: null }),
  dt: fc.option(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom(0, 1, 12, 23), fc.constantFrom(0, 59))
    .map(([k, h, m]) => `${day(k)}T${two(h)}:${two(m)}:${two(m)}`), { nil: null }),
  c: fc.option(fc.constantFrom('SUV', 'Sedan', 'MPV', 'Van', '轿车'), { nil: null }),
  t: fc.option(fc.constantFrom('x', 'y', 'Y', 'z', ''), { nil: null }),
  b: fc.option(fc.boolean(), { nil: null }),
})

/** An ordinary rule on the extra column g: "g ≥ k" (S) or "g ≤ k" (the comparison base B). */
const gRule = (op: 'ge' | 'le', k: number): Group => ({
  kind: 'group', id: `g-${op}`, combinator: 'and', children: [{ kind: 'condition', id: `c-${op}`, field: 'g', op, value: k, fieldType: 'number' }],
})

const bitsOf = (size: number, members: readonly number[]): Bitset => {
  const b = new Bitset(size)
  for (const i of members) b.set(i)
  return b
}

/** Members of a rule referring to segment "S", its reference expanded; the engine and json-logic-js must agree. */
function ruleMembers(table: ColumnarTable, rule: Group, sRule: Group): number[] {
  const logic = expandedJsonLogic(rule, (id) => (id === 'S' ? { name: 'S', rule: sRule } : undefined))
  const engine = membersOf(new Engine(table, { asOf: ASOF }).evaluate(logic))
  expect(referenceMembers(allRows(table), logic, ASOF)).toEqual(engine)
  return engine
}

/**
 * The bin of row `i` of S, as profile.ts decides it: a number/date range from a one-row profile over
 * the same union S ∪ base (so the same bins); a value by its value (top values, else other, or missing).
 */
function binOfRow(table: ColumnarTable, prof: FieldProfile, i: number, union: Bitset, opts: ProfileOptions): number {
  const v = rowAt(table, i)[prof.field]
  if (v === null) return prof.bins.findIndex((b) => b.kind === 'missing')
  if (prof.type === 'number' || prof.type === 'date') {
    const one = profileField(table, prof.field, bitsOf(table.rowCount, [i]), union, opts)!
    expect(one.bins.map((b) => [b.from, b.to])).toEqual(prof.bins.map((b) => [b.from, b.to]))
    return one.bins.findIndex((b) => b.segment === 1)
  }
  const k = prof.bins.findIndex((b) => b.kind === 'value' && b.value === String(v))
  return k >= 0 ? k : prof.bins.findIndex((b) => b.kind === 'other')
}

/** Checks every bar of `field`: its rule selects exactly the rows of S the profile put in it. */
function checkField(table: ColumnarTable, meta: FieldMeta, sRule: Group, sMembers: number[], union: Bitset, base: Bitset, opts: ProfileOptions): void {
  const seg = bitsOf(table.rowCount, sMembers)
  const prof = profileField(table, meta.name, seg, base, opts)!
  const byBin = prof.bins.map((): number[] => [])
  for (const i of sMembers) byBin[binOfRow(table, prof, i, union, opts)].push(i)
  prof.bins.forEach((bin, k) => {
    const members = ruleMembers(table, profileBinRule({ ...prof, dateFormat: meta.dateFormat }, bin, { segmentId: 'S' }), sRule)
    expect(members, `${meta.name} bin ${k} ${JSON.stringify(bin)}`).toEqual(byBin[k])
    expect(members.length).toBe(bin.segment)
  })
}

describe('profileBinRule', () => {
  it('selects exactly the segment customers of every bar of every field (engine = json-logic-js)', () => {
    fc.assert(fc.property(
      fc.array(rowArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 4 }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 4 }), paletteArb,
      (data, k, m, bins, top, palette) => {
        const table = makeTable(FIELDS, data.map((r) => ({ ...r, ne: r.ne === null ? null : palette[(r.ne as number) % palette.length] })))
        const sRule = gRule('ge', k)
        const sMembers = referenceMembers(allRows(table), expandedJsonLogic(sRule, () => undefined), ASOF)
        const base = m === null ? Bitset.full(table.rowCount) : bitsOf(table.rowCount, referenceMembers(allRows(table), expandedJsonLogic(gRule('le', m), () => undefined), ASOF))
        const union = bitsOf(table.rowCount, sMembers).or(base)
        for (const meta of PROFILED) checkField(table, meta, sRule, sMembers, union, base, { bins, top })
      },
    ), { numRuns: 150 })
  })

  const edgeTable = makeTable(FIELDS, [
    { g: 1, nf: 0.1, ni: 0, d: day(0), dt: `${day(0)}T00:00:00` },
    { g: 1, nf: 0.15, ni: 5, d: day(4), dt: `${day(3)}T23:59:59` }, // 0.15 is the start of bin 2 of 4: in bin 2 (⌊(v − min) / width⌋ would say bin 1)
    { g: 1, nf: 0.3, ni: 9, d: day(9), dt: `${day(4)}T00:00:00` }, // the maxima: in the last, closed bins
    { g: 1, nf: 0.2, ni: 3, d: day(3), dt: `${day(1)}T12:00:00` },
    { g: 0, nf: 0.25, ni: 4, d: day(5), dt: `${day(2)}T00:00:00` }, // outside S
  ])
  const S = gRule('ge', 1)
  const sMembers = [0, 1, 2, 3]
  const countOf = (field: string, bins: number) => {
    const prof = profileField(edgeTable, field, bitsOf(5, sMembers), Bitset.full(5), { bins })!
    const meta = FIELDS.find((f) => f.name === field)!
    return prof.bins.map((bin) => [bin.segment, ruleMembers(edgeTable, profileBinRule({ ...prof, dateFormat: meta.dateFormat }, bin, { segmentId: 'S' }), S).length])
  }

  it('puts a value lying on an edge into the bin that edge starts, and closes the last bin', () => {
    const prof = profileField(edgeTable, 'nf', bitsOf(5, sMembers), Bitset.full(5), { bins: 4 })!
    expect(prof.bins.map((b) => b.from)).toEqual([0.1, 0.15, 0.2, 0.25, undefined])
    // Counted by hand: four bins of width 0.05 from 0.1: {0.1}, {0.15}, {0.2}, {0.3} (the last one closed), missing {}.
    expect(countOf('nf', 4)).toEqual([[1, 1], [1, 1], [1, 1], [1, 1], [0, 0]])
  })

  it('whole numbers and whole days: edges inclusive, a single-value range, datetimes by UTC day', () => {
    // ni 0…9 in 3 bins of 4: {0, 3}, {5}, {9}; d days 0…9: {0, 3}, {4}, {9}; dt days 0…4 in bins of 2 days: {0, 1}, {3}, {4}.
    expect(countOf('ni', 3)).toEqual([[2, 2], [1, 1], [1, 1], [0, 0]])
    expect(countOf('d', 3)).toEqual([[2, 2], [1, 1], [1, 1], [0, 0]])
    expect(countOf('dt', 3)).toEqual([[2, 2], [1, 1], [1, 1], [0, 0]])
    const single = makeTable(FIELDS, [{ g: 1, nf: 7.25 }, { g: 1, nf: 7.25 }, { g: 1, nf: null }, { g: 0, nf: 7.25 }])
    const prof = profileField(single, 'nf', bitsOf(4, [0, 1, 2]), bitsOf(4, [0, 1, 2]), {})!
    expect(prof.bins.map((b) => [b.kind, b.from, b.to])).toEqual([['range', 7.25, 7.25], ['missing', undefined, undefined]])
    expect(prof.bins.map((bin) => ruleMembers(single, profileBinRule(prof, bin, { segmentId: 'S' }), S))).toEqual([[0, 1], [2]])
  })

  it('"other" leaves missing values out; the rule is S ∧ the bar, an editable builder group', () => {
    const t = makeTable(FIELDS, [{ g: 1, c: 'SUV' }, { g: 1, c: 'SUV' }, { g: 1, c: 'Van' }, { g: 1, c: null }, { g: 0, c: 'MPV' }])
    const prof = profileField(t, 'c', bitsOf(5, [0, 1, 2, 3]), Bitset.full(5), { top: 1 })!
    expect(prof.bins.map((b) => b.kind)).toEqual(['value', 'other', 'missing'])
    const rule = profileBinRule(prof, prof.bins[1], { segmentId: 'S' })
    expect(rule.combinator).toBe('and')
    expect(rule.children[0]).toMatchObject({ kind: 'segment', segmentId: 'S' })
    expect(rule.children[1]).toMatchObject({ kind: 'condition', field: 'c', op: 'none_of', value: ['SUV'] })
    expect(ruleMembers(t, rule, S)).toEqual([2])
    expect(() => profileBinRule(prof, { kind: 'value', value: 'nope', segment: 0, base: 0, lift: null }, { segmentId: 'S' })).toThrow()
  })
})
