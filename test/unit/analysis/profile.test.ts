import { describe, expect, it } from 'vitest'
import { Bitset } from '../../../src/core/engine/bitset'
import { liftOf, profileField, rankProfiles, type FieldProfile } from '../../../src/core/analysis/profile'
import { makeTable } from '../engine/helpers'

const bitsOf = (size: number, members: number[]): Bitset => {
  const b = new Bitset(size)
  for (const i of members) b.set(i)
  return b
}

// Ten customers; the segment is rows {0, 1, 6, 7}. Every expected number below is counted by hand.
const table = makeTable(
  [{ name: 'id', type: 'text' }, { name: 'city', type: 'category' }, { name: 'spend', type: 'number' }, { name: 'vip', type: 'boolean' },
    { name: 'tags', type: 'list' }],
  [
    { id: 'c0', city: '上海', spend: 0, vip: true }, { id: 'c1', city: '上海', spend: 10, vip: false },
    { id: 'c2', city: '北京', spend: 20, vip: false }, { id: 'c3', city: '北京', spend: 30, vip: false },
    { id: 'c4', city: '北京', spend: 40, vip: false }, { id: 'c5', city: '广州', spend: 50, vip: false },
    { id: 'c6', city: null, spend: null, vip: true }, { id: 'c7', city: '上海', spend: 100, vip: true },
    { id: 'c8', city: '北京', spend: 60, vip: false }, { id: 'c9', city: '广州', spend: 70.5, vip: false },
  ].map((r) => ({ ...r, tags: ['a'] })),
)
const seg = bitsOf(10, [0, 1, 6, 7])
const all = Bitset.full(10)
const pick = (p: FieldProfile | null) => p!.bins.map((b) => [b.kind === 'range' ? `${b.from}-${b.to}` : b.value ?? b.kind, b.segment, b.base, b.lift])

describe('profileField against the whole base', () => {
  it('categories: counts, lift = share in segment ÷ share in base × 100, missing as its own bin', () => {
    const p = profileField(table, 'city', seg, all)
    // segment: 上海 3/4, missing 1/4; base: 上海 3/10, 北京 4/10, 广州 2/10, missing 1/10
    expect(pick(p)).toEqual([['上海', 3, 3, 250], ['北京', 0, 4, 0], ['广州', 0, 2, 0], ['missing', 1, 1, 250]])
    expect(p!.tvd).toBeCloseTo(0.6, 12) // ½(.45 + .4 + .2 + .15)
  })
  it('folds values beyond the top ones into "other", before missing', () => {
    const p = profileField(table, 'city', seg, all, { top: 2 })
    expect(pick(p)).toEqual([['上海', 3, 3, 250], ['北京', 0, 4, 0], ['other', 0, 2, 0], ['missing', 1, 1, 250]])
    expect(p!.tvd).toBeCloseTo(0.6, 12)
  })
  it('numbers: equal-width bins shared by both sets, the last closed, missing apart', () => {
    const p = profileField(table, 'spend', seg, all, { bins: 5 })
    expect(pick(p)).toEqual([
      ['0-20', 2, 2, 250], ['20-40', 0, 2, 0], ['40-60', 0, 2, 0], ['60-80', 0, 2, 0], ['80-100', 1, 1, 250], ['missing', 1, 1, 250],
    ])
    expect(p!.tvd).toBeCloseTo(0.6, 12) // ½(.3 + .2 + .2 + .2 + .15 + .15)
  })
  it('booleans as two values and missing; lists are not profiled', () => {
    const p = profileField(table, 'vip', seg, all)
    expect(pick(p)).toEqual([['true', 3, 3, 250], ['false', 1, 7, (1 / 4) / (7 / 10) * 100], ['missing', 0, 0, null]])
    expect(p!.tvd).toBeCloseTo(0.45, 12)
    expect(profileField(table, 'tags', seg, all)).toBeNull()
    expect(profileField(table, 'nope', seg, all)).toBeNull()
  })
})

describe('profileField against another segment, and ranking', () => {
  it('has no lift where the other segment has nobody', () => {
    const p = profileField(table, 'city', seg, bitsOf(10, [2, 3, 4, 5]))
    expect(pick(p)).toEqual([['上海', 3, 0, null], ['北京', 0, 3, 0], ['广州', 0, 1, 0], ['missing', 1, 0, null]])
    expect(p!.tvd).toBe(1)
  })
  it('an empty segment has no lifts and distance 0', () => {
    const p = profileField(table, 'city', new Bitset(10), all)
    expect(p!.bins.every((b) => b.lift === null && b.segment === 0)).toBe(true)
    expect(p!.tvd).toBe(0)
  })
  it('whole numbers: whole-unit bins, both ends included', () => {
    const t = makeTable([{ name: 'age', type: 'number' }], [{ age: 18 }, { age: 19 }, { age: 25 }, { age: 30 }, { age: null }])
    const p = profileField(t, 'age', bitsOf(5, [0, 2]), Bitset.full(5), { bins: 3 })
    // 13 whole values 18…30 in 3 bins: 5 wide → [18…22], [23…27], [28…30]
    expect(p!.bins.map((b) => [b.from, b.to, b.inclusive, b.segment, b.base])).toEqual([
      [18, 22, true, 1, 2], [23, 27, true, 1, 1], [28, 30, true, 0, 1], [undefined, undefined, undefined, 0, 1],
    ])
  })
  it('dates: whole-day bins', () => {
    const t = makeTable([{ name: 'd', type: 'date' }], [{ d: '2025-01-01' }, { d: '2025-01-02' }, { d: '2025-01-05' }, { d: null }])
    const p = profileField(t, 'd', bitsOf(4, [0]), Bitset.full(4), { bins: 2 })
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`)
    // 5 days in 2 bins: 3 days wide → [01-01…01-03], [01-04…01-05]
    expect(p!.bins.map((b) => [b.from, b.to, b.segment, b.base])).toEqual([
      [day('2025-01-01'), day('2025-01-03'), 1, 2], [day('2025-01-04'), day('2025-01-05'), 0, 1], [undefined, undefined, 0, 1],
    ])
  })
  it('ranks by total variation distance, ties by field name', () => {
    const ranked = rankProfiles(['vip', 'spend', 'city'].map((f) => profileField(table, f, seg, all, { bins: 5 })!))
    expect(ranked.map((p) => p.field)).toEqual(['city', 'spend', 'vip'])
  })
  it('liftOf', () => {
    expect(liftOf(1, 4, 1, 10)).toBe(250)
    expect(liftOf(1, 4, 0, 10)).toBeNull()
    expect(liftOf(0, 0, 1, 10)).toBeNull()
  })
})
