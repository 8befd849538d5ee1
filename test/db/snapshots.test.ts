import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { getInvalidDocuments, openDatabase } from '../../src/db/database'
import { deleteSnapshot, getSnapshot, listSnapshots, putSnapshot, snapshotKey, type SnapshotSummary } from '../../src/db/snapshots'
import { listRuleSets } from '../../src/db/ruleSets'

const name = (): string => `snapshots-test-${Math.random().toString(36).slice(2)}`

// The version-1 schema as shipped before the snapshot tables (a saved fixture of database.ts).
const V1_STORES = {
  datasets: 'id, kind, parentId, status', chunks: '[datasetId+field+chunk], datasetId', dicts: '[datasetId+field], datasetId',
  ruleSets: 'id', segments: 'id, ruleSetId', flows: 'id, ruleSetId', settings: 'key',
}

const summary = (asOf: number, extra: Partial<SnapshotSummary> = {}): SnapshotSummary => ({
  id: snapshotKey('rs', 'ds', asOf), ruleSetId: 'rs', datasetId: 'ds', asOf, datasetVersion: 1, takenAt: 5, total: 3, matched: 3,
  measure: 'monetary', segments: [{ id: 's', name: 'S', size: 2, revenue: 30 }], ...extra,
})
const members = {
  ids: ['a', 'b', 'c'], groups: [Uint32Array.of(0b011)], value: Float64Array.from([10, 20, NaN]),
  tenureDays: Float32Array.from([1, 2, 3]), recencyDays: null, rfm: Int8Array.from([0, 7, -1]),
}

describe('database version 2 (snapshots)', () => {
  it('upgrades a version-1 database keeping its documents', async () => {
    const n = name()
    const old = new Dexie(n)
    old.version(1).stores(V1_STORES)
    await old.open()
    await old.table('ruleSets').put({ id: 'r1', name: 'Mine', createdAt: 1, schemaVersion: 1 })
    await old.table('settings').put({ key: 'k', value: 42, schemaVersion: 1 })
    await old.table('segments').put({ id: 'g1', ruleSetId: 'r1', name: 'x', schemaVersion: 1 })
    old.close()

    const db = openDatabase(n)
    await db.open()
    expect(db.verno).toBe(2)
    expect((await listRuleSets(db)).map((r) => r.name)).toEqual(['Mine'])
    expect(await db.settings.get('k')).toMatchObject({ value: 42 })
    expect(await db.segments.count()).toBe(1)
    await putSnapshot(summary(100), members, db)
    expect(await listSnapshots('rs', 'ds', db)).toHaveLength(1)
    await db.delete()
  })

  it('stores typed arrays as they are, replaces the same key, lists oldest first and deletes both parts', async () => {
    const db = openDatabase(name())
    await putSnapshot(summary(200), members, db)
    await putSnapshot(summary(100), members, db)
    await putSnapshot(summary(200, { total: 9 }), members, db)
    const list = await listSnapshots('rs', 'ds', db)
    expect(list.map((s) => [s.asOf, s.total])).toEqual([[100, 3], [200, 9]])
    const got = await getSnapshot(list[1].id, db)
    expect(got.members.groups[0]).toBeInstanceOf(Uint32Array)
    expect([...got.members.rfm!]).toEqual([0, 7, -1])
    expect(got.members.value![2]).toBeNaN()
    await deleteSnapshot(list[0].id, db)
    expect(await db.snapshotMembers.count()).toBe(1)
    await expect(getSnapshot(list[0].id, db)).rejects.toMatchObject({ code: 'not_found' })
    await db.delete()
  })

  it('skips and reports a summary that fails validation', async () => {
    const db = openDatabase(name())
    await db.snapshots.put({ ...summary(1), total: 'many' as unknown as number, schemaVersion: 1 })
    expect(await listSnapshots('rs', 'ds', db)).toEqual([])
    expect(getInvalidDocuments(db).map((d) => d.table)).toEqual(['snapshots'])
    await db.delete()
  })
})
