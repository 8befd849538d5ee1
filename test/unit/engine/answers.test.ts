import { beforeAll, describe, expect, it } from 'vitest'
import { Bitset } from '../../../src/core/engine/bitset'
import { intersectionCount, membersArray, membersSlice } from '../../../src/core/engine/bitsetCount'
import { breakdownOf, duplicateNodeIds } from '../../../src/core/engine/breakdown'
import { Engine } from '../../../src/core/engine/evaluate'
import { measureFieldIssue, measureStats } from '../../../src/core/engine/measure'
import { overlapMatrix } from '../../../src/core/engine/overlap'
import { mulberry32 } from '../../../src/core/demo/random'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import { demoReference, membersOfRule, naiveBreakdown, naiveMeasure, naiveOverlap, type Reference } from './answersReference'
import { HAND_AS_OF, handTable } from './fixtures'
import { allRows, makeTable, membersOf } from './helpers'

// Measures, overlaps and breakdowns from bitsets, each against plain loops over row objects and
// json-logic-js membership (answersReference.ts), on a 3,000-customer demo and the hand table.

const DEMO_RULES: Record<string, JsonLogic> = {
  frequent: { '>=': [{ var: 'order_count' }, 3] },
  women: { '==': [{ var: 'gender' }, '女'] },
  recent: { in_last_days: [{ var: 'last_order_date' }, 90] },
  sportyOrBig: { or: [{ list_any: [{ var: 'tags' }, ['运动', '旅行']] }, { '>': [{ var: 'total_amount' }, 2000] }] },
  noAge: { '==': [{ var: 'age' }, null] },
  nobody: { '<': [{ var: 'age' }, -1] },
}

let demo: Reference
let demoEngine: Engine
const hand: Reference = { table: handTable(), rows: [], asOf: HAND_AS_OF }
hand.rows = allRows(hand.table)

beforeAll(() => {
  demo = demoReference(11, 3000)
  demoEngine = new Engine(demo.table, { asOf: demo.asOf })
})

describe('measureStats', () => {
  it('sums, averages and shares each number field of the demo like a loop over the member rows', () => {
    for (const [name, logic] of Object.entries(DEMO_RULES)) {
      const bits = demoEngine.evaluate(logic)
      const members = membersOfRule(demo, logic)
      expect(membersOf(bits), name).toEqual(members)
      for (const field of ['age', 'order_count', 'total_amount', 'avg_amount', 'days_since_last_order']) {
        expect(measureStats(demo.table, bits, field), `${name} ${field}`).toEqual(naiveMeasure(demo.rows, members, field))
      }
    }
  })

  it('skips missing values (never 0), and gives null average and share when there is nothing to divide by', () => {
    const engine = new Engine(hand.table, { asOf: HAND_AS_OF })
    const rules: JsonLogic[] = [true, { '==': [{ var: 'spend' }, null] }, { '==': [{ var: 'level' }, 'silver'] }, { '>': [{ var: 'spend' }, 4] }]
    for (const logic of rules) {
      const members = membersOfRule(hand, logic)
      expect(measureStats(hand.table, engine.evaluate(logic), 'spend')).toEqual(naiveMeasure(hand.rows, members, 'spend'))
    }
    const missingOnly = measureStats(hand.table, engine.evaluate({ '==': [{ var: 'spend' }, null] }), 'spend')
    expect(missingOnly).toMatchObject({ sum: 0, present: 0, avg: null })
    const zeros = makeTable([{ name: 'x', type: 'number' }], [{ x: 0 }, { x: null }, { x: -0 }])
    expect(measureStats(zeros, Bitset.full(3), 'x')).toEqual({ field: 'x', sum: 0, present: 2, avg: 0, totalSum: 0, share: null })
  })

  it('refuses unknown and non-number fields with a reason', () => {
    expect(measureFieldIssue(hand.table, 'spend')).toBeNull()
    expect(measureFieldIssue(hand.table, 'nope')).toMatch(/Unknown field "nope"/)
    expect(measureFieldIssue(hand.table, 'joined')).toMatch(/"joined" is a date, not a number/)
    expect(() => measureStats(hand.table, Bitset.full(hand.table.rowCount), 'level')).toThrow(/"level" is a category, not a number/)
  })
})

describe('bitset counting', () => {
  const random = (size: number, seed: number, density: number): Bitset => {
    const rng = mulberry32(seed)
    const b = new Bitset(size)
    for (let i = 0; i < size; i++) if (rng() < density) b.set(i)
    return b
  }

  it('intersectionCount, membersArray and membersSlice agree with has() loops, tails included', () => {
    for (const size of [0, 1, 31, 32, 33, 100, 1000]) {
      const a = random(size, size + 1, 0.5), b = random(size, size + 2, 0.8)
      let both = 0
      for (let i = 0; i < size; i++) if (a.has(i) && b.has(i)) both++
      expect(intersectionCount(a, b), `size ${size}`).toBe(both)
      const all = membersOf(a)
      expect(Array.from(membersArray(a))).toEqual(all)
      for (const [offset, limit] of [[0, 5], [3, 40], [all.length - 2, 10], [all.length + 1, 3], [0, 0]]) {
        expect(membersSlice(a, offset, limit), `${size} ${offset} ${limit}`).toEqual(all.slice(offset, offset + limit))
      }
    }
    expect(intersectionCount(Bitset.full(64), Bitset.full(64))).toBe(64)
    expect(() => intersectionCount(new Bitset(3), new Bitset(4))).toThrow(/different sizes/)
  })
})

describe('overlapMatrix', () => {
  it('counts each pair of demo segments like set intersections of the reference members', () => {
    const rules = Object.values(DEMO_RULES)
    const { sizes, matrix } = overlapMatrix(rules.map((logic) => demoEngine.evaluate(logic)))
    const expected = naiveOverlap(rules.map((logic) => membersOfRule(demo, logic)))
    expect(matrix).toEqual(expected)
    expect(sizes).toEqual(expected.map((row, i) => row[i]))
    expect(overlapMatrix([])).toEqual({ sizes: [], matrix: [] })
  })
})

const cond = (id: string, field: string, op: string, value?: unknown, fieldType?: string) =>
  ({ kind: 'condition', id, field, op, value, fieldType }) as Group['children'][number]

const FUNNEL: Group = {
  kind: 'group', id: 'root', combinator: 'and', children: [
    cond('women', 'gender', 'any_of', ['女'], 'category'),
    cond('adult', 'age', 'ge', 25, 'number'),
    { kind: 'group', id: 'interest', combinator: 'or', children: [
      cond('sporty', 'tags', 'any_of', ['运动', '旅行'], 'list'),
      cond('big', 'total_amount', 'gt', 1500, 'number'),
    ] },
    { kind: 'group', id: 'notPlainSms', combinator: 'and', not: true, children: [
      cond('plain', 'member_level', 'any_of', ['普通'], 'category'),
      cond('sms', 'sms_opt_in', 'is_true', undefined, 'boolean'),
    ] },
    { kind: 'advanced', id: 'fewOrders', logic: { '<': [{ var: 'order_count' }, 20] } },
  ],
}

const EITHER: Group = {
  kind: 'group', id: 'either', combinator: 'or', children: [
    { kind: 'group', id: 'lapsed', combinator: 'and', children: [
      cond('had', 'order_count', 'ge', 1, 'number'),
      cond('quiet', 'days_since_last_order', 'gt', 180, 'number'),
      cond('noAge', 'age', 'is_empty'),
    ] },
    cond('emailable', 'email_opt_in', 'is_true', undefined, 'boolean'),
    { kind: 'group', id: 'empty', combinator: 'and', children: [] },
  ],
}

describe('breakdownOf', () => {
  it('counts every node alone and the funnel of every AND group like json-logic-js on the node logic', async () => {
    for (const rule of [FUNNEL, EITHER]) {
      const engine = new Engine(demo.table, { asOf: demo.asOf })
      const got = await breakdownOf(rule, (logic) => engine.evaluate(logic), demo.table.rowCount)
      const want = naiveBreakdown(demo, rule)
      expect({ ...got.alone }, rule.id).toEqual(want.alone)
      expect({ ...got.remaining }, rule.id).toEqual(want.remaining)
      expect(got.total).toBe(demo.rows.length)
    }
  })

  it('funnels shrink step by step, and the negated group funnels its children before the negation', async () => {
    const got = await breakdownOf(FUNNEL, (logic) => demoEngine.evaluate(logic), demo.table.rowCount)
    const steps = ['women', 'adult', 'interest', 'notPlainSms', 'fewOrders'].map((id) => got.remaining[id])
    expect(steps[0]).toBe(got.alone.women)
    for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeLessThanOrEqual(steps[k - 1])
    expect(steps[steps.length - 1]).toBe(got.alone.root)
    expect(got.remaining.sms).toBe(demo.rows.length - got.alone.notPlainSms)
    expect(got.remaining).not.toHaveProperty('sporty')
  })

  it('after the whole rule was counted, compiles nothing again: every node comes from the engine cache', async () => {
    const engine = new Engine(demo.table, { asOf: demo.asOf })
    engine.evaluate(toJsonLogic(FUNNEL))
    const { compiled, fallback, cacheHits } = engine.stats
    await breakdownOf(FUNNEL, (logic) => engine.evaluate(logic), demo.table.rowCount)
    expect(engine.stats.compiled).toBe(compiled)
    expect(engine.stats.fallback).toBe(fallback)
    expect(engine.stats.cacheHits).toBeGreaterThan(cacheHits)
  })

  it('finds repeated node ids', () => {
    expect(duplicateNodeIds(FUNNEL)).toEqual([])
    const twice: Group = { ...EITHER, children: [...EITHER.children, cond('noAge', 'age', 'is_empty')] }
    expect(duplicateNodeIds(twice)).toEqual(['noAge'])
  })
})
