import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Group, Segment } from '../../src/core/logic/types'
import type { Flow } from '../../src/core/flows/types'
import type { SegmentFlowDb } from '../../src/db/database'
import { getInvalidDocuments } from '../../src/db/database'
import {
  createRuleSet, deleteFlow, deleteRuleSet, deleteSegment, importRuleSet, listFlows, listRuleSets, listSegments,
  putFlow, putSegment, renameRuleSet,
} from '../../src/db/ruleSets'
import { dumpDb, freshDb } from './fixtures'

let db: SegmentFlowDb
beforeEach(() => {
  db = freshDb()
})
afterEach(async () => {
  await db.delete()
})

function segment(id: string, ruleSetId: string, createdAt = 1): Segment {
  return {
    id, ruleSetId, name: `seg ${id}`, color: '#2f6fed', createdAt, updatedAt: createdAt,
    rule: {
      kind: 'group', id: `g-${id}`, combinator: 'and', children: [
        { kind: 'condition', id: `c-${id}`, field: 'age', op: 'between', value: [20, 30] },
        { kind: 'group', id: `n-${id}`, combinator: 'or', not: true, children: [{ kind: 'advanced', id: `a-${id}`, logic: { '==': [{ var: 'city' }, 'x'] } }] },
      ],
    },
  }
}

function flow(id: string, ruleSetId: string, entrySegment: string | null, createdAt = 1): Flow {
  return {
    id, ruleSetId, name: `flow ${id}`, createdAt, updatedAt: createdAt,
    nodes: [
      { id: 'e', type: 'entry', position: { x: 0, y: 0 }, data: { segmentId: entrySegment } },
      { id: 's', type: 'split', position: { x: 0, y: 100 }, data: { branches: [{ id: 'b1', label: 'young', rule: segment('x', ruleSetId).rule }] } },
      { id: 'a', type: 'action', position: { x: 0, y: 200 }, data: { name: 'coupon', channel: 'coupon', offer: '10% off' } },
    ],
    edges: [{ id: 'e1', source: 'e', target: 's' }, { id: 'e2', source: 's', sourceHandle: 'b1', target: 'a' }],
  }
}

describe('rule sets, segments and flows', () => {
  it('create, rename, list, put and delete', async () => {
    const rs = await createRuleSet('Mine', db)
    await renameRuleSet(rs.id, 'Ours', db)
    expect(await listRuleSets(db)).toEqual([{ id: rs.id, name: 'Ours', createdAt: rs.createdAt }])
    await putSegment(segment('s1', rs.id, 2), db)
    await putSegment(segment('s2', rs.id, 1), db)
    expect((await listSegments(rs.id, db)).map((s) => s.id)).toEqual(['s2', 's1'])
    expect(await listSegments(rs.id, db)).toContainEqual(segment('s1', rs.id, 2))
    await putFlow(flow('f1', rs.id, 's1'), db)
    expect(await listFlows(rs.id, db)).toEqual([flow('f1', rs.id, 's1')])
    await deleteSegment('s2', db)
    await deleteFlow('f1', db)
    expect((await listSegments(rs.id, db)).map((s) => s.id)).toEqual(['s1'])
    expect(await listFlows(rs.id, db)).toEqual([])
  })

  it('refuses documents for a missing rule set, and invalid documents', async () => {
    await expect(putSegment(segment('s1', 'nope'), db)).rejects.toMatchObject({ code: 'not_found' })
    const rs = await createRuleSet('r', db)
    const bad = { ...segment('s1', rs.id), rule: { kind: 'group', id: 'g', combinator: 'xor', children: [] } } as unknown as Segment
    await expect(putSegment(bad, db)).rejects.toMatchObject({ code: 'invalid' })
    await expect(renameRuleSet('nope', 'x', db)).rejects.toMatchObject({ code: 'not_found' })
    expect(await db.segments.count()).toBe(0)
  })

  it('deleteRuleSet cascades to its segments and flows only', async () => {
    const keep = await createRuleSet('keep', db)
    await putSegment(segment('k1', keep.id), db)
    await putFlow(flow('kf', keep.id, 'k1'), db)
    const before = await dumpDb(db)
    const gone = await createRuleSet('gone', db)
    await putSegment(segment('g1', gone.id), db)
    await putFlow(flow('gf', gone.id, 'g1'), db)
    await deleteRuleSet(gone.id, db)
    expect(await dumpDb(db)).toEqual(before)
  })

  it('skips and reports a stored document that fails validation', async () => {
    const rs = await createRuleSet('r', db)
    await putSegment(segment('good', rs.id), db)
    await db.segments.put({ ...segment('bad', rs.id), rule: 'not a group', schemaVersion: 1 } as never)
    await db.flows.put({ ...flow('badflow', rs.id, null), nodes: [{ id: 'n', type: 'teleport' }], schemaVersion: 1 } as never)
    expect((await listSegments(rs.id, db)).map((s) => s.id)).toEqual(['good'])
    expect(await listFlows(rs.id, db)).toEqual([])
    expect(getInvalidDocuments(db).map((d) => `${d.table}:${d.key}`).sort()).toEqual(['flows:badflow', 'segments:bad'])
    expect(await db.segments.get('bad')).toBeDefined() // kept aside, not deleted
  })
})

describe('importRuleSet', () => {
  it('creates a new rule set with fresh ids, remaps entry segments and overwrites nothing', async () => {
    const rs = await createRuleSet('existing', db)
    const segs = [segment('s1', rs.id, 1), segment('s2', rs.id, 2)]
    for (const s of segs) await putSegment(s, db)
    const flows = [flow('f1', rs.id, 's2', 1), flow('f2', rs.id, null, 2), flow('f3', rs.id, 'not-in-file', 3)]
    for (const f of flows) await putFlow(f, db)
    const before = await dumpDb(db)

    // Importing the same documents again (same ids) must not touch the originals.
    const newId = await importRuleSet('Imported', segs, flows, { source: 'rules.json' }, db)
    expect(newId).not.toBe(rs.id)
    const after = await dumpDb(db)
    for (const t of Object.keys(before)) for (const doc of before[t]) expect(after[t]).toContainEqual(doc)

    const rsNew = (await listRuleSets(db)).find((r) => r.id === newId)
    expect(rsNew).toMatchObject({ name: 'Imported', source: 'rules.json' })
    const newSegs = await listSegments(newId, db)
    expect(newSegs).toHaveLength(2)
    expect(newSegs.map((s) => s.id).some((id) => id === 's1' || id === 's2')).toBe(false)
    expect(newSegs.map((s) => s.rule)).toEqual(segs.map((s) => s.rule))
    const byName = Object.fromEntries(newSegs.map((s) => [s.name, s.id]))
    const newFlows = await listFlows(newId, db)
    const entry = (f: Flow) => (f.nodes.find((n) => n.type === 'entry')!.data as { segmentId: string | null }).segmentId
    expect(newFlows.map((f) => f.name)).toEqual(['flow f1', 'flow f2', 'flow f3'])
    expect(newFlows.map(entry)).toEqual([byName['seg s2'], null, 'not-in-file'])
    expect(newFlows.every((f) => !['f1', 'f2', 'f3'].includes(f.id))).toBe(true)
    expect(newFlows[0].edges).toEqual(flows[0].edges)
  })

  it('moves segment references, descriptions and tags along with their segments', async () => {
    const a = { ...segment('s1', 'x', 1), description: '说明', tags: ['VIP'] }
    const b = segment('s2', 'x', 2)
    b.rule = { ...b.rule, children: [...b.rule.children, { kind: 'segment', id: 'r1', segmentId: 's1', not: true }, { kind: 'segment', id: 'r2', segmentId: 'elsewhere' }] }
    const newId = await importRuleSet('Refs', [a, b], [], {}, db)
    const [na, nb] = await listSegments(newId, db)
    expect(na).toMatchObject({ description: '说明', tags: ['VIP'] })
    expect(nb.rule.children.slice(2)).toEqual([
      { kind: 'segment', id: 'r1', segmentId: na.id, not: true },
      { kind: 'segment', id: 'r2', segmentId: 'elsewhere' },
    ])
  })

  it('moves the segment references of flow rules (branches, filters, inline entries) along with their segments', async () => {
    const a = segment('s1', 'x', 1)
    const inA = (id: string, not = false) => ({ kind: 'segment' as const, id, segmentId: 's1', ...(not ? { not: true } : {}) })
    const g = (...children: Group['children']): Group => ({ kind: 'group', id: `g${children.length}`, combinator: 'and', children })
    const f: Flow = {
      ...flow('f1', 'x', null, 1),
      nodes: [
        { id: 'e', type: 'entry', position: { x: 0, y: 0 }, data: { segmentId: null, rule: g(inA('r0')) } },
        { id: 'f', type: 'filter', position: { x: 0, y: 0 }, data: { label: 'f', rule: g(inA('r1', true)) } },
        { id: 's', type: 'split', position: { x: 0, y: 0 }, data: { branches: [{ id: 'b', label: 'b', rule: g(inA('r2'), { kind: 'segment', id: 'r3', segmentId: 'elsewhere' }) }] } },
      ],
      edges: [],
    }
    const id = await importRuleSet('Flow refs', [a], [f], {}, db)
    const [na] = await listSegments(id, db)
    const [nf] = await listFlows(id, db)
    expect(JSON.stringify(nf.nodes)).not.toContain('"s1"')
    const [e, fl, sp] = nf.nodes
    expect(e.type === 'entry' && e.data.rule?.children).toEqual([inA('r0')].map((r) => ({ ...r, segmentId: na.id })))
    expect(fl.type === 'filter' && fl.data.rule.children).toEqual([{ ...inA('r1', true), segmentId: na.id }])
    expect(sp.type === 'split' && sp.data.branches[0].rule.children).toEqual([{ ...inA('r2'), segmentId: na.id }, { kind: 'segment', id: 'r3', segmentId: 'elsewhere' }])
  })

  it('accepts segments and flows as a shared file holds them (no rule set, no timestamps, extra keys)', async () => {
    const s = segment('s1', 'x')
    const fileSegments = [{ id: 's1', name: 'B first', color: s.color, rule: s.rule, logic: { '>': [1, 0] } }, { id: 's2', name: 'A second', color: s.color, rule: s.rule, logic: true }]
    const { ruleSetId: _r, createdAt: _c, updatedAt: _u, ...fileFlow } = flow('f1', 'x', 's1')
    const id = await importRuleSet('From file', fileSegments, [fileFlow], {}, db)
    const segs = await listSegments(id, db)
    expect(segs.map((x) => x.name)).toEqual(['B first', 'A second']) // file order kept
    expect(segs.every((x) => x.ruleSetId === id && !('logic' in x))).toBe(true)
    const [f] = await listFlows(id, db)
    expect((f.nodes[0].data as { segmentId: string }).segmentId).toBe(segs[0].id)
  })

  it('writes nothing when one document is invalid', async () => {
    const before = await dumpDb(db)
    const bad = { ...segment('s2', 'x'), color: 42 } as unknown as Segment
    await expect(importRuleSet('Broken', [segment('s1', 'x'), bad], [], {}, db)).rejects.toMatchObject({ code: 'invalid' })
    expect(await dumpDb(db)).toEqual(before)
  })
})
