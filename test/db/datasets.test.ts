import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rowAt } from '../../src/core/engine/columns'
import type { ColumnarTable } from '../../src/core/engine/columns'
import type { SegmentFlowDb } from '../../src/db/database'
import {
  cleanupStaging, deleteDataset, getDataset, listDatasets, loadTable, readRows, replaceColumns, saveDataset,
} from '../../src/db/datasets'
import { DbError } from '../../src/db/errors'
import { ALL_FIELDS, dumpDb, freshDb, metaFor, sampleRows, tableFromRows } from './fixtures'

let db: SegmentFlowDb
beforeEach(() => {
  db = freshDb()
})
afterEach(async () => {
  await db.delete()
})

function allRows(t: ColumnarTable) {
  return Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))
}

describe('saveDataset / loadTable', () => {
  it('round-trips every column type with missing values', async () => {
    const rows = sampleRows(40)
    const table = tableFromRows(ALL_FIELDS, rows)
    await saveDataset(metaFor('a', table), table, {}, db)
    const loaded = await loadTable('a', db)
    expect(loaded.rowCount).toBe(40)
    expect(loaded.fields).toEqual(ALL_FIELDS)
    expect(loaded.columns).toEqual(table.columns)
    expect(allRows(loaded)).toEqual(rows)
    // Missing values really are in the fixture, in every column.
    for (const f of ALL_FIELDS.filter((f) => f.name !== 'id')) expect(rows.some((r) => r[f.name] === null)).toBe(true)
  })

  it('splits columns into chunks and joins them back, with a last partial chunk', async () => {
    const rows = sampleRows(1001)
    const table = tableFromRows(ALL_FIELDS, rows)
    const progress: number[] = []
    await saveDataset(metaFor('big', table), table, { chunkSize: 100, onProgress: (p) => progress.push(p.done) }, db)
    const perField = await db.chunks.where('[datasetId+field+chunk]').between(['big', 'tags', 0], ['big', 'tags', Infinity]).toArray()
    expect(perField.map((c) => c.chunk)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(await db.chunks.count()).toBe(11 * ALL_FIELDS.length)
    expect(await db.dicts.count()).toBe(3) // id, city, tags
    expect(progress).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1001])
    expect(allRows(await loadTable('big', db))).toEqual(rows)
  })

  it('reports a dataset with a missing chunk as damaged instead of misreading it', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(30))
    await saveDataset(metaFor('a', table), table, { chunkSize: 10 }, db)
    await db.chunks.delete(['a', 'age', 1])
    await expect(loadTable('a', db)).rejects.toMatchObject({ code: 'invalid' })
  })

  it('keeps a datetime column datetime even when its field meta omits the format', async () => {
    const rows = sampleRows(12)
    const table = tableFromRows(ALL_FIELDS, rows)
    const fields = ALL_FIELDS.map((f) => (f.name === 'last_seen' ? { name: f.name, type: f.type } : f))
    await saveDataset(metaFor('a', { ...table, fields }), { ...table, fields }, { chunkSize: 5 }, db)
    expect(allRows(await loadTable('a', db)).map((r) => r.last_seen)).toEqual(rows.map((r) => r.last_seen))
  })

  it('stores an empty table', async () => {
    const table = tableFromRows(ALL_FIELDS, [])
    await saveDataset(metaFor('empty', table), table, { chunkSize: 8 }, db)
    const loaded = await loadTable('empty', db)
    expect(loaded.rowCount).toBe(0)
    expect(Object.keys(loaded.columns).sort()).toEqual(ALL_FIELDS.map((f) => f.name).sort())
  })

  it('marks saved documents with schemaVersion 1 and lists only ready datasets', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(5))
    await saveDataset(metaFor('a', table), table, {}, db)
    await db.datasets.add({ ...metaFor('s', table), status: 'staging', schemaVersion: 1, chunkSize: 4 })
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['a'])
    expect(await getDataset('s', db)).toBeUndefined()
    expect((await db.datasets.get('a'))?.schemaVersion).toBe(1)
    expect((await db.chunks.toArray()).every((c) => c.schemaVersion === 1)).toBe(true)
    expect((await getDataset('a', db))?.status).toBe('ready')
  })

  it('refuses to overwrite an existing dataset and leaves it intact', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(5))
    await saveDataset(metaFor('a', table), table, {}, db)
    const before = await dumpDb(db)
    const other = tableFromRows(ALL_FIELDS, sampleRows(9))
    await expect(saveDataset(metaFor('a', other), other, {}, db)).rejects.toMatchObject({ code: 'conflict' })
    expect(await dumpDb(db)).toEqual(before)
  })

  it('rejects a table whose column does not fit its field', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(5))
    const bad = { ...table, columns: { ...table.columns, age: table.columns.city } }
    await expect(saveDataset(metaFor('a', bad), bad, {}, db)).rejects.toMatchObject({ code: 'invalid' })
    expect(await db.datasets.count()).toBe(0)
  })

  it('skips a stored dataset that fails validation instead of crashing', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(5))
    await saveDataset(metaFor('a', table), table, {}, db)
    await db.datasets.put({ ...metaFor('broken', table), rowCount: -3, schemaVersion: 1, chunkSize: 4 })
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['a'])
    expect(db.invalidDocuments.has('datasets:broken')).toBe(true)
  })
})

describe('failed imports leave the database exactly as before', () => {
  async function seeded(): Promise<Record<string, unknown[]>> {
    const table = tableFromRows(ALL_FIELDS, sampleRows(30))
    await saveDataset(metaFor('existing', table), table, { chunkSize: 8 }, db)
    await db.settings.put({ key: 'k', value: 1, schemaVersion: 1 })
    return dumpDb(db)
  }

  it('when a chunk write throws mid-way', async () => {
    const before = await seeded()
    let writes = 0
    db.chunks.hook('creating', (_key, obj) => {
      if (obj.datasetId === 'new' && ++writes === 3 * ALL_FIELDS.length + 2) throw new Error('disk on fire')
    })
    const table = tableFromRows(ALL_FIELDS, sampleRows(100))
    await expect(saveDataset(metaFor('new', table), table, { chunkSize: 10 }, db)).rejects.toThrow()
    expect(writes).toBeGreaterThan(3 * ALL_FIELDS.length)
    expect(await dumpDb(db)).toEqual(before)
  })

  it('when the import is aborted after some batches', async () => {
    const before = await seeded()
    const ac = new AbortController()
    const table = tableFromRows(ALL_FIELDS, sampleRows(100))
    const saving = saveDataset(metaFor('new', table), table, {
      chunkSize: 10, signal: ac.signal, onProgress: (p) => p.done >= 40 && ac.abort(),
    }, db)
    await expect(saving).rejects.toMatchObject({ code: 'aborted' })
    expect(await dumpDb(db)).toEqual(before)
  })

  it('when the finalize step (e.g. deriving onto the parent) fails', async () => {
    const before = await seeded()
    const table = tableFromRows(ALL_FIELDS, sampleRows(20))
    const finalize = async () => {
      await db.datasets.update('existing', { name: 'changed by finalize' })
      throw new Error('derive failed')
    }
    await expect(saveDataset(metaFor('new', table), table, { chunkSize: 10, finalize }, db)).rejects.toThrow('derive failed')
    expect(await dumpDb(db)).toEqual(before)
  })

  it('reports a quota error with code "quota"', async () => {
    const before = await seeded()
    db.chunks.hook('creating', (_key, obj) => {
      if (obj.datasetId === 'new' && obj.chunk === 1) throw new DOMException('full', 'QuotaExceededError')
    })
    const table = tableFromRows(ALL_FIELDS, sampleRows(30))
    const err = await saveDataset(metaFor('new', table), table, { chunkSize: 10 }, db).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DbError)
    expect((err as DbError).code).toBe('quota')
    expect(await dumpDb(db)).toEqual(before)
  })
})

describe('cleanupStaging', () => {
  it('removes a crashed import and orphaned chunks, and keeps ready datasets', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(12))
    await saveDataset(metaFor('keep', table), table, { chunkSize: 5 }, db)
    const before = await dumpDb(db)
    // What a tab killed mid-import leaves: a staging meta with some chunks, plus stray chunks.
    await db.datasets.add({ ...metaFor('crashed', table), status: 'staging', schemaVersion: 1, chunkSize: 5 })
    await db.chunks.add({ datasetId: 'crashed', field: 'age', chunk: 0, schemaVersion: 1, data: { kind: 'float64', values: new Float64Array(5) } })
    await db.dicts.add({ datasetId: 'crashed', field: 'city', dict: ['x'], schemaVersion: 1 })
    await db.chunks.add({ datasetId: 'ghost', field: 'age', chunk: 0, schemaVersion: 1, data: { kind: 'float64', values: new Float64Array(5) } })
    expect(await cleanupStaging(db)).toBe(1)
    expect(await dumpDb(db)).toEqual(before)
  })
})

describe('readRows', () => {
  it('reads a page across chunk boundaries, clamped to the table', async () => {
    const rows = sampleRows(57)
    const table = tableFromRows(ALL_FIELDS, rows)
    await saveDataset(metaFor('a', table), table, { chunkSize: 10 }, db)
    expect(await readRows('a', 8, 15, db)).toEqual(rows.slice(8, 23))
    expect(await readRows('a', 50, 100, db)).toEqual(rows.slice(50))
    expect(await readRows('a', 60, 5, db)).toEqual([])
    await expect(readRows('nope', 0, 5, db)).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('deleteDataset', () => {
  it('cascades to event tables, chunks and dicts and leaves other datasets alone', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(25))
    await saveDataset(metaFor('other', table), table, { chunkSize: 10 }, db)
    const before = await dumpDb(db)
    await saveDataset(metaFor('cust', table), table, { chunkSize: 10 }, db)
    await saveDataset(metaFor('orders', table, { kind: 'events', parentId: 'cust', customerIdField: 'id' }), table, { chunkSize: 10 }, db)
    await deleteDataset('cust', db)
    expect(await dumpDb(db)).toEqual(before)
  })
})

describe('replaceColumns', () => {
  it('adds derived columns, replaces them again, and bumps the version', async () => {
    const rows = sampleRows(23)
    const table = tableFromRows(ALL_FIELDS, rows)
    await saveDataset(metaFor('a', table), table, { chunkSize: 10 }, db)
    const derivedField = { name: 'order_count', type: 'number' as const, derived: true }
    const fav = { name: 'fav', type: 'category' as const, derived: true }
    const d1 = tableFromRows([derivedField, fav], rows.map((_, i) => ({ order_count: i, fav: i % 2 ? 'x' : null })))
    const m1 = await replaceColumns('a', d1.fields, d1.columns, db)
    expect(m1.version).toBe(2)
    expect(m1.fields.map((f) => f.name)).toEqual([...ALL_FIELDS.map((f) => f.name), 'order_count', 'fav'])
    const d2 = tableFromRows([derivedField], rows.map((_, i) => ({ order_count: 100 + i })))
    const m2 = await replaceColumns('a', d2.fields, d2.columns, db)
    expect(m2.version).toBe(3)
    expect(m2.fields.filter((f) => f.name === 'order_count')).toHaveLength(1)
    const loaded = await loadTable('a', db)
    expect(Array.from((loaded.columns.order_count as { values: Float64Array }).values)).toEqual(rows.map((_, i) => 100 + i))
    expect(allRows(loaded).map((r) => r.fav)).toEqual(rows.map((_, i) => (i % 2 ? 'x' : null)))
    expect(allRows(loaded).map((r) => r.city)).toEqual(rows.map((r) => r.city))
  })

  it('will not let a derived field replace imported data, and changes nothing then', async () => {
    const table = tableFromRows(ALL_FIELDS, sampleRows(5))
    await saveDataset(metaFor('a', table), table, {}, db)
    const before = await dumpDb(db)
    const d = tableFromRows([{ name: 'age', type: 'number', derived: true }], sampleRows(5).map(() => ({ age: 1 })))
    await expect(replaceColumns('a', d.fields, d.columns, db)).rejects.toMatchObject({ code: 'conflict' })
    expect(await dumpDb(db)).toEqual(before)
  })
})
