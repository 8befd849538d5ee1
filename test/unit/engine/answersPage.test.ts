import { beforeAll, describe, expect, it } from 'vitest'
import { Bitset } from '../../../src/core/engine/bitset'
import { Engine } from '../../../src/core/engine/evaluate'
import { MemberOrderCache, memberPage, pageIndexes, type PageOptions } from '../../../src/core/engine/page'
import { compareText, sortFieldIssue } from '../../../src/core/engine/sortKeys'
import type { JsonLogic } from '../../../src/core/logic/types'
import { demoReference, listRow, membersOfRule, naiveOrder, type Reference } from './answersReference'
import { HAND_AS_OF, handTable } from './fixtures'
import { allRows } from './helpers'

// Pages of members sorted by a field, against a comparator sort of the reference members
// (answersReference.ts naiveOrder): missing values last in both directions, ties in row order.

let demo: Reference
const hand: Reference = { table: handTable(), rows: [], asOf: HAND_AS_OF }
hand.rows = allRows(hand.table)

beforeAll(() => {
  demo = demoReference(5, 3000)
})

// Both strategies must give the same pages: partialMax 0 always sorts all members (and caches),
// Infinity always uses the bounded heap.
const STRATEGIES = { full: 0, partial: Infinity, default: undefined } as const

function checkPages(ref: Reference, logic: JsonLogic, field: string, pages: [number, number][]): void {
  const engine = new Engine(ref.table, { asOf: ref.asOf })
  const bits = engine.evaluate(logic)
  const members = membersOfRule(ref, logic)
  for (const direction of ['asc', 'desc'] as const) {
    const want = naiveOrder(ref, members, field, direction)
    for (const [name, partialMax] of Object.entries(STRATEGIES)) {
      for (const [offset, limit] of pages) {
        const got = pageIndexes(ref.table, bits, { sortField: field, direction, offset, limit }, { partialMax })
        expect(got, `${field} ${direction} ${name} ${offset}+${limit}`).toEqual(want.slice(offset, offset + limit))
      }
    }
  }
}

describe('pages sorted by a field', () => {
  it('hand table: every sortable type, with missing values, ties, 0 and -0, empty strings', () => {
    const pages: [number, number][] = [[0, 14], [0, 3], [2, 5], [10, 10], [20, 5]]
    for (const field of ['spend', 'name', 'level', 'vip', 'joined', 'seen', 'id']) {
      checkPages(hand, true, field, pages)
      checkPages(hand, { '!=': [{ var: 'level' }, 'gold'] }, field, pages)
    }
  })

  it('demo: numbers, dates, categories, text and booleans over segments, early and late pages', () => {
    const pages: [number, number][] = [[0, 50], [0, 500], [450, 500], [1200, 37], [2990, 500]]
    const segments: JsonLogic[] = [true, { '>=': [{ var: 'order_count' }, 2] }, { list_any: [{ var: 'tags' }, ['运动']] }]
    for (const logic of segments) {
      for (const field of ['total_amount', 'last_order_date', 'age', 'city', 'customer_id', 'email_opt_in', 'signup_date']) {
        checkPages(demo, logic, field, pages)
      }
    }
  })

  it('a segment with no members has an empty first page', () => {
    const empty = new Bitset(hand.table.rowCount)
    expect(memberPage(hand.table, empty, { sortField: 'spend', direction: 'asc', offset: 0, limit: 10 })).toEqual({ rows: [], total: 0 })
  })
})

describe('memberPage', () => {
  it('gives rows with the id first and the member count; without a sort field, row order', () => {
    const logic = { '>': [{ var: 'order_count' }, 1] }
    const bits = new Engine(demo.table, { asOf: demo.asOf }).evaluate(logic)
    const members = membersOfRule(demo, logic)
    const page = memberPage(demo.table, bits, { direction: 'desc', offset: 40, limit: 25 }, { idField: 'customer_id' })
    expect(page.total).toBe(members.length)
    expect(page.rows).toEqual(members.slice(40, 65).map((i) => listRow(demo, i, 'customer_id')))
    expect(Object.keys(page.rows[0])[0]).toBe('customer_id')
  })

  it('sorts all members once per rule, field and direction, then serves later pages from the cache', () => {
    const logic = { '>=': [{ var: 'order_count' }, 1] }
    const bits = new Engine(demo.table, { asOf: demo.asOf }).evaluate(logic)
    const want = naiveOrder(demo, membersOfRule(demo, logic), 'total_amount', 'desc')
    const cache = new MemberOrderCache()
    const orders = { cache, ruleKey: JSON.stringify(logic) }
    const opts = (offset: number): PageOptions => ({ sortField: 'total_amount', direction: 'desc', offset, limit: 500 })
    // The first page is picked by partial selection and caches nothing.
    expect(pageIndexes(demo.table, bits, opts(0), { orders })).toEqual(want.slice(0, 500))
    expect(cache.size).toBe(0)
    expect(pageIndexes(demo.table, bits, opts(1000), { orders })).toEqual(want.slice(1000, 1500))
    expect(cache.size).toBe(1)
    // From now on the cached order answers, for every page of this rule.
    expect(pageIndexes(demo.table, bits, opts(0), { orders })).toEqual(want.slice(0, 500))
    expect(pageIndexes(demo.table, bits, opts(500), { orders })).toEqual(want.slice(500, 1000))
    expect(cache.size).toBe(1)
    pageIndexes(demo.table, bits, { ...opts(1000), direction: 'asc' }, { orders })
    expect(cache.size).toBe(2)
  })

  it('keeps the order cache within its byte budget', () => {
    const bits = Bitset.full(demo.table.rowCount)
    const cache = new MemberOrderCache(4 * demo.table.rowCount + 500)
    for (const field of ['age', 'city', 'total_amount']) {
      pageIndexes(demo.table, bits, { sortField: field, direction: 'asc', offset: 0, limit: 10 }, { orders: { cache, ruleKey: 'true' }, partialMax: 0 })
    }
    expect(cache.size).toBe(1)
  })

  it('refuses unknown fields and tag lists', () => {
    const all = Bitset.full(hand.table.rowCount)
    expect(sortFieldIssue(hand.table, 'spend')).toBeNull()
    expect(sortFieldIssue(hand.table, 'nope')).toMatch(/Unknown sort field "nope"/)
    expect(() => memberPage(hand.table, all, { sortField: 'tags', direction: 'asc', offset: 0, limit: 5 })).toThrow(/tag list/)
  })

  it('orders text by the zh-CN collation and breaks its ties by code units', () => {
    const words = ['张三', 'b', '李四', 'B', 'a', '王五', '', 'ａ']
    const sorted = [...words].sort(compareText)
    expect(sorted).toEqual([...words].sort((x, y) => x.localeCompare(y, 'zh-CN') || (x < y ? -1 : x > y ? 1 : 0)))
    expect(sorted.indexOf('李四')).toBeLessThan(sorted.indexOf('王五'))
    expect(sorted.indexOf('王五')).toBeLessThan(sorted.indexOf('张三'))
  })
})
