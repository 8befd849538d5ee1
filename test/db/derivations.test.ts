import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DerivedFieldDefinition } from '../../src/core/derive/definition'
import { orderFieldDefinitions } from '../../src/core/derive/deriveOrderFields'
import { rowAt } from '../../src/core/engine/columns'
import type { Column } from '../../src/core/engine/columns'
import { getInvalidDocuments } from '../../src/db/database'
import type { SegmentFlowDb } from '../../src/db/database'
import { getDataset, loadTable, saveDataset } from '../../src/db/datasets'
import { getDerivations, writeDerived } from '../../src/db/derivations'
import { LEGACY, storeLegacyFixture } from './deriveFixtures'
import { dumpDb, freshDb, metaFor, tableFromRows } from './fixtures'

let db: SegmentFlowDb
beforeEach(() => {
  db = freshDb()
})
afterEach(async () => {
  await db.delete()
})

const num = (...v: number[]): Column => ({ type: 'number', values: Float64Array.from(v) })
const count: DerivedFieldDefinition = { kind: 'aggregate', name: 'n', events: 'ev', aggregate: 'count' }
const ratio: DerivedFieldDefinition = { kind: 'ratio', name: 'r', numerator: 'age', denominator: 'n' }

async function seed(): Promise<void> {
  const customers = tableFromRows([{ name: 'id', type: 'text' }, { name: 'age', type: 'number' }], [{ id: 'a', age: 30 }, { id: 'b', age: 40 }])
  await saveDataset(metaFor('cu', customers), customers, { chunkSize: 1 }, db)
  const events = tableFromRows([{ name: 'cid', type: 'text' }], [{ cid: 'a' }])
  await saveDataset(metaFor('ev', events, { kind: 'events', parentId: 'cu', customerIdField: 'cid', idField: 'cid' }), events, {}, db)
}

describe('writeDerived / getDerivations', () => {
  beforeEach(seed)

  it('stores columns and definitions together and bumps the version', async () => {
    const meta = await writeDerived('cu', {
      definitions: [count, ratio], remove: [],
      columns: [{ field: { name: 'n', type: 'number', derived: true }, column: num(1, 0) }, { field: { name: 'r', type: 'number', derived: true }, column: num(30, NaN) }],
    }, db)
    expect(meta.version).toBe(2)
    expect(meta.fields.map((f) => [f.name, !!f.derived])).toEqual([['id', false], ['age', false], ['n', true], ['r', true]])
    expect(await getDerivations('cu', db)).toEqual([count, ratio])
    const table = await loadTable('cu', db)
    expect([rowAt(table, 0), rowAt(table, 1)]).toEqual([{ id: 'a', age: 30, n: 1, r: 30 }, { id: 'b', age: 40, n: 0, r: null }])
    // The meta the rest of the app sees carries no storage detail.
    expect(Object.keys((await getDataset('cu', db))!)).not.toContain('derivations')
  })

  it('drops removed fields with their chunks, sets the as-of date on the events too, deletes event tables', async () => {
    await writeDerived('cu', { definitions: [count], remove: [], columns: [{ field: { name: 'n', type: 'number', derived: true }, column: num(1, 0) }] }, db)
    const asOf = Date.UTC(2030, 0, 1)
    await writeDerived('cu', { definitions: [], remove: ['n', 'age'], columns: [], asOf }, db)
    const meta = (await getDataset('cu', db))!
    expect(meta.fields.map((f) => f.name)).toEqual(['id', 'age']) // an imported field is never removed
    expect(meta.asOf).toBe(asOf)
    expect(await db.chunks.where('[datasetId+field+chunk]').between(['cu', 'n', 0], ['cu', 'n', Infinity]).count()).toBe(0)
    expect((await getDataset('ev', db))).toMatchObject({ asOf, version: 2 })
    await writeDerived('cu', { definitions: [], remove: [], columns: [], deleteEvents: ['ev'] }, db)
    expect(await getDataset('ev', db)).toBeUndefined()
    expect(await db.chunks.where('datasetId').equals('ev').count()).toBe(0)
  })

  it('changes nothing when a derived field would replace imported data, or the dataset moved on', async () => {
    const before = await dumpDb(db)
    await expect(writeDerived('cu', { definitions: [], remove: [], columns: [{ field: { name: 'age', type: 'number', derived: true }, column: num(1, 2) }] }, db))
      .rejects.toMatchObject({ code: 'conflict' })
    await expect(writeDerived('cu', { definitions: [count], remove: [], columns: [{ field: { name: 'n', type: 'number', derived: true }, column: num(1, 0) }], expectVersion: 7 }, db))
      .rejects.toMatchObject({ code: 'conflict' })
    await expect(writeDerived('cu', { definitions: [], remove: [], columns: [], deleteEvents: ['cu'] }, db)).rejects.toMatchObject({ code: 'not_found' })
    await expect(writeDerived('ev', { definitions: [], remove: [], columns: [] }, db)).rejects.toMatchObject({ code: 'invalid' })
    expect(await dumpDb(db)).toEqual(before)
  })

  it('skips and reports a stored definition that fails its schema, and keeps it stored', async () => {
    const broken = { kind: 'aggregate', name: 'x', events: 'ev', aggregate: 'median' }
    await db.datasets.update('cu', { derivations: [count, broken] })
    expect(await getDerivations('cu', db)).toEqual([count])
    expect(getInvalidDocuments(db).map((d) => d.key)).toEqual(['cu/derivations/1'])
    await writeDerived('cu', { definitions: [ratio], remove: [], columns: [] }, db)
    expect((await db.datasets.get('cu'))!.derivations).toEqual([ratio, broken])
  })
})

describe('documents stored before definitions existed (saved v1 fixture)', () => {
  it('read as order-field definitions over their one event table (the up step)', async () => {
    await storeLegacyFixture(db)
    expect(await db.datasets.get('legacy-customers')).toEqual(LEGACY.datasets[0])
    expect(await getDerivations('legacy-customers', db)).toEqual(orderFieldDefinitions('legacy-orders', { dateField: '下单日期', amountField: '金额' }))
    // Reading changes nothing stored; the definitions are written with the dataset's next derive.
    expect((await db.datasets.get('legacy-customers'))!.derivations).toBeUndefined()
    const table = await loadTable('legacy-customers', db)
    expect(rowAt(table, 0)).toEqual(LEGACY.rows['legacy-customers'][0])
  })
})
