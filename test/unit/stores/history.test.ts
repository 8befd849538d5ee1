import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { HISTORY_LIMIT, useHistory } from '../../../src/stores/history'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet } from '../../../src/db/ruleSets'
import { newCondition } from '../../../src/core/logic/tree'
import type { Condition, Group } from '../../../src/core/logic/types'

describe('useHistory', () => {
  it('undoes and redoes in order, and a new edit forgets the redo steps', () => {
    const h = useHistory<number>()
    let state = 0
    const edit = (next: number) => { h.record(state); state = next }
    edit(1); edit(2); edit(3)
    expect(h.canUndo.value).toBe(true)
    expect(h.canRedo.value).toBe(false)
    state = h.undo(state)!
    state = h.undo(state)!
    expect(state).toBe(1)
    expect(h.canRedo.value).toBe(true)
    state = h.redo(state)!
    expect(state).toBe(2)
    edit(9)
    expect(h.canRedo.value).toBe(false)
    expect(h.redo(state)).toBeUndefined()
    const seen: number[] = []
    for (let prev = h.undo(state); prev !== undefined; prev = h.undo(state)) seen.push((state = prev))
    expect(seen).toEqual([2, 1, 0])
    expect(h.canUndo.value).toBe(false)
  })

  it('keeps at least 100 steps and drops the oldest beyond its limit', () => {
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100)
    const h = useHistory<number>()
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) h.record(i)
    let state = HISTORY_LIMIT + 50
    let steps = 0
    for (let prev = h.undo(state); prev !== undefined; prev = h.undo(state)) { state = prev; steps++ }
    expect(steps).toBe(HISTORY_LIMIT)
    expect(state).toBe(50) // 0…49 were dropped
    const small = useHistory<number>({ limit: 3 })
    for (let i = 0; i < 10; i++) small.record(i)
    expect([small.undo(10), small.undo(9), small.undo(8), small.undo(7)]).toEqual([9, 8, 7, undefined])
  })

  it('coalesces edits with the same key inside the window into one step', () => {
    let t = 0
    const h = useHistory<string>({ coalesceMs: 1000, now: () => t })
    let state = ''
    const type = (next: string, key?: string) => { h.record(state, key); state = next }
    type('1', 'v'); t += 200
    type('12', 'v'); t += 200
    type('123', 'v') // one step: "" → "123"
    t += 5000
    type('1234', 'v') // too late: a new step
    type('x', 'other') // another key: a new step
    type('y') // no key: always a new step
    type('z')
    expect([h.undo(state), h.undo('y'), h.undo('x'), h.undo('1234'), h.undo('123')]).toEqual(['y', 'x', '1234', '123', ''])
  })
})

vi.mock('@/worker/client', () => ({
  getEngineClient: () => {
    const never = () => new Promise(() => {})
    return { count: never, counts: never, breakdown: never, page: never, fieldValues: never }
  },
}))
const { useSegmentsStore } = await import('../../../src/stores/segments')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')

describe('segments store undo/redo', () => {
  let db: SegmentFlowDb
  beforeEach(async () => {
    db = openDatabase(`history-${Math.random()}`)
    setDefaultDatabase(db)
    setActivePinia(createPinia())
    const ws = useWorkspaceStore()
    ws.ruleSetId = (await createRuleSet('rs', db)).id
  })
  afterEach(async () => {
    await useSegmentsStore().flush()
    setDefaultDatabase(null)
    await db.delete()
  })

  const age = newCondition({ name: 'age', type: 'number' }) as Condition

  it('steps rule, name and colour edits back and forth, per segment', async () => {
    const store = useSegmentsStore()
    const a = await store.create('A')
    expect(store.canUndo).toBe(false)
    const r1: Group = { ...a.rule, children: [age] }
    store.updateRule(r1)
    store.update(a.id, { name: 'VIP' })
    store.update(a.id, { color: '#123456' })
    const b = await store.create('B') // selects B: its own, empty history
    expect(store.canUndo).toBe(false)
    store.update(b.id, { name: 'B2' })
    store.selectedId = a.id
    expect(store.canUndo).toBe(true)
    expect(store.undo()).toBe(true)
    expect(store.selected).toMatchObject({ name: 'VIP', color: a.color })
    store.undo()
    store.undo()
    expect(store.selected).toMatchObject({ name: 'A 1', rule: a.rule })
    expect(store.undo()).toBe(false)
    expect(store.canRedo).toBe(true)
    store.redo()
    store.redo()
    store.redo()
    expect(store.selected).toMatchObject({ name: 'VIP', color: '#123456', rule: r1 })
    expect(store.segments.find((s) => s.id === b.id)?.name).toBe('B2')
  })

  it('counts typing into one value box as one step, but a new operator as another', async () => {
    const store = useSegmentsStore()
    const a = await store.create('A')
    const withValue = (v: number, op: Condition['op'] = 'ge'): Group => ({ ...a.rule, children: [{ ...age, op, value: v }] })
    store.updateRule(withValue(1)) // structural: a step
    store.updateRule(withValue(12))
    store.updateRule(withValue(123)) // these two join one step
    store.updateRule(withValue(123, 'gt')) // another step
    store.undo()
    expect((store.selected!.rule.children[0] as Condition).value).toBe(123)
    store.undo()
    expect((store.selected!.rule.children[0] as Condition).value).toBe(1)
    store.undo()
    expect(store.selected!.rule.children).toEqual([])
  })
})
