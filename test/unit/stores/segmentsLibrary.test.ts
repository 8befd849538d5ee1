import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet, listSegments, putSegment } from '../../../src/db/ruleSets'
import type { Group, RuleNode, Segment } from '../../../src/core/logic/types'

// The worker never answers: these tests are about the library's documents, not counts.
vi.mock('@/worker/client', () => ({
  getEngineClient: () => ({
    count: () => new Promise(() => {}),
    counts: () => new Promise(() => {}),
    breakdown: () => new Promise(() => {}),
    page: () => new Promise(() => {}),
  }),
}))

const { useSegmentsStore } = await import('../../../src/stores/segments')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')

let db: SegmentFlowDb
beforeEach(async () => {
  db = openDatabase(`segments-library-${Math.random()}`)
  setDefaultDatabase(db)
  setActivePinia(createPinia())
  const rs = await createRuleSet('rs', db)
  useWorkspaceStore().ruleSetId = rs.id
})
afterEach(async () => {
  await useSegmentsStore().flush()
  setDefaultDatabase(null)
  await db.delete()
})

const ids = (n: RuleNode): string[] => (n.kind === 'group' ? [n.id, ...n.children.flatMap(ids)] : [n.id])
/** The tree with its ids blanked: what must be equal between a segment and its copy. */
const shape = (n: RuleNode): unknown => (n.kind === 'group' ? { ...n, id: '', children: n.children.map(shape) } : { ...n, id: '' })

const rule: Group = {
  kind: 'group', id: 'root', combinator: 'and',
  children: [
    { kind: 'condition', id: 'c1', field: 'age', op: 'ge', value: 30, fieldType: 'number' },
    {
      kind: 'group', id: 'g1', combinator: 'or', not: true,
      children: [
        { kind: 'condition', id: 'c2', field: 'city', op: 'any_of', value: ['上海', '北京'], fieldType: 'category' },
        { kind: 'advanced', id: 'a1', logic: { '>': [{ var: 'orders' }, 2] } },
      ],
    },
  ],
}

describe('segment library in the store', () => {
  it('duplicates a segment: new id and name, same rule with fresh node ids, saved and selected', async () => {
    const store = useSegmentsStore()
    const seg = await store.create('分群')
    store.update(seg.id, { name: '高价值', rule, description: '第一行\n第二行', tags: ['VIP', '上海'], color: '#123456' })
    const other = await store.create('分群')
    store.selectedId = other.id

    const copy = await store.duplicate(seg.id, '副本')
    expect(copy).not.toBeNull()
    expect(copy!.id).not.toBe(seg.id)
    expect(copy!.name).toBe('高价值 副本')
    expect(copy!.description).toBe('第一行\n第二行')
    expect(copy!.tags).toEqual(['VIP', '上海'])
    expect(copy!.color).toBe('#123456')
    expect(shape(copy!.rule)).toEqual(shape(rule))
    const copyIds = ids(copy!.rule)
    expect(new Set(copyIds).size).toBe(5)
    expect(copyIds.filter((i) => ids(rule).includes(i))).toEqual([])
    expect(store.selectedId).toBe(copy!.id)
    expect(store.segments.map((s) => s.name)).toEqual(['高价值', '分群 2', '高价值 副本'])

    await store.flush()
    const saved = await listSegments(seg.ruleSetId)
    expect(saved.map((s) => s.name)).toEqual(['高价值', '分群 2', '高价值 副本'])
    expect(saved[2].rule).toEqual(copy!.rule)
    // The original is untouched by the copy.
    expect(saved[0].rule).toEqual(rule)
  })

  it('returns null and changes nothing for an unknown id', async () => {
    const store = useSegmentsStore()
    await store.create('分群')
    expect(await store.duplicate('nope', 'copy')).toBeNull()
    expect(store.segments).toHaveLength(1)
  })

  it('saves description and tags and reads them back after a reload', async () => {
    const store = useSegmentsStore()
    const seg = await store.create('Segment')
    store.update(seg.id, { description: 'Lapsed\nbig spenders', tags: ['winback'] })
    await store.flush()
    setActivePinia(createPinia())
    const ws = useWorkspaceStore()
    ws.ruleSetId = seg.ruleSetId
    const fresh = useSegmentsStore()
    await fresh.load()
    expect(fresh.segments[0].description).toBe('Lapsed\nbig spenders')
    expect(fresh.segments[0].tags).toEqual(['winback'])
  })

  it('stored segments without description or tags still load; malformed tags are refused', async () => {
    const store = useSegmentsStore()
    const seg = await store.create('S')
    expect((await listSegments(seg.ruleSetId))[0]).not.toHaveProperty('tags')
    const bad = { ...seg, tags: 'VIP' } as unknown as Segment
    await expect(putSegment(bad)).rejects.toThrow(/tags/)
  })

  it('refuses to delete a segment another segment refers to, and lists only references without a cycle', async () => {
    const store = useSegmentsStore()
    const a = await store.create('分群')
    const b = await store.create('分群')
    store.update(b.id, { rule: { kind: 'group', id: 'rb', combinator: 'and', children: [{ kind: 'segment', id: 'ref', segmentId: a.id }] } })
    expect(store.referrersOf(a.id).map((s) => s.id)).toEqual([b.id])
    await expect(store.remove(a.id)).rejects.toThrow(/used by 分群 2/)
    expect(store.segments.map((s) => s.id)).toEqual([a.id, b.id])
    // From a, b is not offered (b already refers to a); from b, a is.
    store.selectedId = a.id
    expect(store.referable.map((s) => s.id)).toEqual([])
    store.selectedId = b.id
    expect(store.referable.map((s) => s.id)).toEqual([a.id])
    expect(store.segmentLogic[b.id]).toEqual({ and: [true] })
    // An undo can bring a cycle back: the segment then selects nobody and the store names the chain.
    store.update(a.id, { rule: { kind: 'group', id: 'ra', combinator: 'and', children: [{ kind: 'segment', id: 'back', segmentId: b.id }] } })
    store.selectedId = a.id
    expect(store.cycle).toEqual(['分群 1', '分群 2', '分群 1'])
    expect(store.segmentLogic[a.id]).toBe(false)
    await store.remove(b.id).catch(() => undefined)
    expect(store.segments).toHaveLength(2)
  })
})
