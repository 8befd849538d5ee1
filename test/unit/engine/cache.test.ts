import { describe, expect, it } from 'vitest'
import { ByteLru } from '../../../src/core/engine/cache'
import { Engine } from '../../../src/core/engine/evaluate'
import { canonicalKey } from '../../../src/core/engine/semantics'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, Group, JsonLogic } from '../../../src/core/logic/types'
import { handTable, HAND_AS_OF } from './fixtures'
import { allRows, membersOf, referenceMembers } from './helpers'

const table = handTable()
const rows = allRows(table)

function rule(spendAtLeast: number): Group {
  const conditions: Condition[] = [
    { kind: 'condition', id: '1', field: 'spend', op: 'ge', value: spendAtLeast, fieldType: 'number' },
    { kind: 'condition', id: '2', field: 'level', op: 'any_of', value: ['gold', 'silver'], fieldType: 'category' },
    { kind: 'condition', id: '3', field: 'joined', op: 'in_last_days', value: 400, fieldType: 'date' },
  ]
  return { kind: 'group', id: 'g', combinator: 'and', children: conditions }
}

function expectExact(engine: Engine, logic: JsonLogic): void {
  expect(membersOf(engine.evaluate(logic))).toEqual(referenceMembers(rows, logic, HAND_AS_OF))
}

describe('condition cache', () => {
  it('answers a repeated rule from the cache without compiling again', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const logic = toJsonLogic(rule(5))
    expectExact(engine, logic)
    const first = { ...engine.stats }
    expect(first.compiled).toBeGreaterThan(0)
    expectExact(engine, structuredClone(logic))
    expect(engine.stats.compiled).toBe(first.compiled)
    expect(engine.stats.fallback).toBe(first.fallback)
    expect(engine.stats.cacheHits).toBeGreaterThan(first.cacheHits)
  })

  it('recompiles only the edited condition', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    expectExact(engine, toJsonLogic(rule(5)))
    const before = { ...engine.stats }
    expectExact(engine, toJsonLogic(rule(6)))
    // One new `>=` bitset and the two untouched conditions from the cache; the `!= null` guard is
    // not needed at all (a missing spend fails `>= 6` by itself).
    expect(engine.stats.compiled - before.compiled).toBe(1)
    expect(engine.stats.fallback).toBe(before.fallback)
    expect(engine.stats.cacheHits - before.cacheHits).toBe(2)
  })

  it('keys ignore object key order but keep -0 and 0 apart', () => {
    expect(canonicalKey({ a: 1, b: [2, { y: 1, x: 2 }] })).toBe(canonicalKey({ b: [2, { x: 2, y: 1 }], a: 1 }))
    expect(canonicalKey({ '/': [1, -0] })).not.toBe(canonicalKey({ '/': [1, 0] }))
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    expectExact(engine, { '<': [{ var: 'spend' }, { '/': [1, 0] }] })
    expectExact(engine, { '<': [{ var: 'spend' }, { '/': [1, -0] }] })
  })

  it('stays exact when the budget is too small to keep anything', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF, cacheBytes: 1 })
    const logic = toJsonLogic(rule(5))
    expectExact(engine, logic)
    expectExact(engine, logic)
    expect(engine.stats.cacheHits).toBe(0)
    expect(engine.cacheBytes).toBe(0)
  })
})

describe('evaluateShared', () => {
  it('gives the cached bitset itself, with the members evaluate gives a copy of', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const logic = toJsonLogic(rule(5))
    const shared = engine.evaluateShared(logic)
    expect(membersOf(shared)).toEqual(referenceMembers(rows, logic, HAND_AS_OF))
    expect(engine.evaluateShared(structuredClone(logic))).toBe(shared)
    const owned = engine.evaluate(logic)
    expect(owned).not.toBe(shared)
    expect(membersOf(owned)).toEqual(membersOf(shared))
    // Changing the caller's copy leaves the cache as it was.
    owned.not()
    expect(membersOf(engine.evaluateShared(logic))).toEqual(referenceMembers(rows, logic, HAND_AS_OF))
  })

  it('answers a rule the reference throws on from its own cache entry, exactly', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const logic: JsonLogic = { or: [{ var: 'vip' }, { no_such_op: [1] }] }
    const first = engine.evaluateShared(logic)
    expect(membersOf(first)).toEqual(referenceMembers(rows, logic, HAND_AS_OF))
    expect(engine.evaluateShared(logic)).toBe(first)
  })
})

describe('ByteLru', () => {
  it('evicts the least recently used entries to stay within its byte budget', () => {
    const lru = new ByteLru<string>(10)
    lru.set('a', 'A', 4)
    lru.set('b', 'B', 4)
    expect(lru.get('a')).toBe('A') // a is now the most recent
    lru.set('c', 'C', 4) // over budget: b goes
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBe('A')
    expect(lru.get('c')).toBe('C')
    expect(lru.bytes).toBe(8)
  })

  it('replaces an entry under the same key and refuses one larger than the budget', () => {
    const lru = new ByteLru<number>(10)
    lru.set('a', 1, 6)
    lru.set('a', 2, 3)
    expect(lru.bytes).toBe(3)
    expect(lru.get('a')).toBe(2)
    lru.set('huge', 3, 11)
    expect(lru.get('huge')).toBeUndefined()
    expect(lru.size).toBe(1)
  })
})
