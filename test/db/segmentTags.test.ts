import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SegmentTagsDefinition } from '../../src/core/derive/definition'
import { cellValue } from '../../src/core/engine/columns'
import type { Column } from '../../src/core/engine/columns'
import type { SegmentFlowDb } from '../../src/db/database'
import { loadTable, saveDataset } from '../../src/db/datasets'
import { derivationSchema } from '../../src/db/derivationSchema'
import { getDerivations, writeDerived } from '../../src/db/derivations'
import { freshDb, metaFor, tableFromRows } from './fixtures'

// Tag definitions through the schema and the database: a round trip keeps every part (live and frozen
// tags, segment ids, member ids), and malformed tags fail the schema.

const def: SegmentTagsDefinition = {
  kind: 'segmentTags', name: '分群标签', label: '分群标签',
  tags: [
    { label: '常客', logic: { '>=': [{ var: 'age' }, 35] }, segmentId: 's1' },
    { label: '冻结客', logic: { '==': [{ var: 'age' }, 30] }, segmentId: 's2', frozen: { at: '2026-06-30', ids: ['a'] } },
  ],
}

describe('segmentTags schema', () => {
  it('accepts live and frozen tags and refuses malformed ones', () => {
    expect(derivationSchema.safeParse(def).success).toBe(true)
    expect(derivationSchema.safeParse({ ...def, tags: [] }).success).toBe(false)
    expect(derivationSchema.safeParse({ ...def, tags: [{ label: '', logic: true }] }).success).toBe(false)
    expect(derivationSchema.safeParse({ ...def, tags: [{ label: 'x' }] }).success).toBe(false)
    expect(derivationSchema.safeParse({ ...def, tags: [{ label: 'x', logic: true, frozen: { ids: [1] } }] }).success).toBe(false)
  })
})

describe('segmentTags in the database', () => {
  let db: SegmentFlowDb
  beforeEach(async () => {
    db = freshDb()
    const customers = tableFromRows([{ name: 'id', type: 'text' }, { name: 'age', type: 'number' }], [{ id: 'a', age: 30 }, { id: 'b', age: 40 }])
    await saveDataset(metaFor('cu', customers), customers, { chunkSize: 1 }, db)
  })
  afterEach(async () => {
    await db.delete()
  })

  it('round-trips the definition and its list column', async () => {
    const column: Column = { type: 'list', offsets: Int32Array.from([0, 1, 2]), codes: Int32Array.from([1, 0]), dict: ['常客', '冻结客'], missing: new Uint8Array(2) }
    await writeDerived('cu', { definitions: [def], remove: [], columns: [{ field: { name: '分群标签', type: 'list', derived: true }, column }] }, db)
    expect(await getDerivations('cu', db)).toEqual([def])
    const t = await loadTable('cu', db)
    expect([0, 1].map((i) => cellValue(t.columns['分群标签'], i))).toEqual([['冻结客'], ['常客']])
  })
})
