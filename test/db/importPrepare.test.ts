import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Row } from '../../src/core/engine/columns'
import type { FieldMeta } from '../../src/core/fields/types'
import { getDataset, listDatasets } from '../../src/db/datasets'
import type { ImportPrepareResult, ImportPreviewResult } from '../../src/worker/importProtocol'
import type { ImportTableResult } from '../../src/worker/protocol'
import { createHarness } from '../unit/worker/harness'
import type { Harness } from '../unit/worker/harness'
import { dumpDb } from './fixtures'

// The review-then-commit import through the worker's dispatcher on fake-indexeddb: prepare stores
// nothing; commit stores atomically, skipping or keeping bad rows; a cancel or a full disk leaves a
// full dump of the database as it was.

const enc = new TextEncoder()
const fileOf = (text: string): Blob => new Blob([enc.encode(text)])

// Row 2 has a bad age, row 3 repeats c1, row 4 has no id, row 5 is short (ragged).
const CSV = 'id,city,age\nc1,上海,31\nc2,北京,abc\nc1,上海,40\n,广州,22\nc5,深圳\nc6,上海,1,2\n'
const GOOD_ROWS: Row[] = [{ id: 'c1', city: '上海', age: 31 }]

let h: Harness
beforeEach(() => {
  h = createHarness({ chunkSize: 2 })
})
afterEach(async () => {
  await h.db.delete()
})

async function preview(text: string, fileName = 'shop.csv'): Promise<ImportPreviewResult> {
  return h.call<ImportPreviewResult>('importPreview', { file: fileOf(text), fileName })
}

function prepareOf(text: string, fields: (FieldMeta | null)[], header: string[], extra: Record<string, unknown> = {}) {
  return { file: fileOf(text), fileName: 'shop.csv', name: 'Shop', kind: 'customers', header, fields, idField: 'id', asOf: Date.UTC(2025, 5, 30), ...extra }
}

const FIELDS: FieldMeta[] = [{ name: 'id', type: 'text' }, { name: 'city', type: 'category' }, { name: 'age', type: 'number' }]

async function rowsOf(datasetId: string): Promise<Row[]> {
  return (await h.call<{ rows: Row[] }>('rows', { datasetId, offset: 0, limit: 100 })).rows
}

describe('importPreview', () => {
  it('reads the head, detects format and delimiter, proposes types with examples', async () => {
    const p = await preview('编号\t金额\t日期\nA1\t¥1,234.50\t2024/3/1\nA2\t"$5"\t20240301\n', 'x.tsv')
    expect(p.info).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: '\t' })
    expect(p.fields).toEqual([{ name: '编号', type: 'text' }, { name: '金额', type: 'number' }, { name: '日期', type: 'date', dateFormat: 'date' }])
    expect(p.examples).toEqual([['A1', 'A2'], ['¥1,234.50', '$5'], ['2024/3/1', '20240301']])
  })

  it('refuses a file it cannot read with an invalid answer naming the file', async () => {
    const m = await h.send('importPreview', { file: fileOf('not json'), fileName: 'x.json' })
    expect(m).toMatchObject({ type: 'error', error: { code: 'invalid', message: expect.stringContaining('x.json') } })
  })
})

describe('importPrepare / importCommit', () => {
  it('prepares without writing and reports bad values, ragged rows, empty and repeated ids', async () => {
    const before = await dumpDb(h.db)
    const p = await preview(CSV)
    const r = await h.call<ImportPrepareResult>('importPrepare', prepareOf(CSV, FIELDS, p.header))
    expect(await dumpDb(h.db)).toEqual(before)
    expect(r.report).toMatchObject({ rowCount: 6, badRowCount: 5, emptyIds: 1, duplicateIds: 1, format: 'csv', encoding: 'utf-8' })
    const counts = Object.fromEntries(r.report.counts.map((c) => [c.code, c.count]))
    expect(counts).toEqual({ not_a_number: 1, duplicate_id: 1, empty_id: 1, ragged_row: 2 })
    expect(r.report.issues).toContainEqual(expect.objectContaining({ row: 2, field: 'age', code: 'not_a_number', params: { value: 'abc' } }))
  })

  it('"skip" stores only the good rows; "keep" stores all with bad values empty', async () => {
    const p = await preview(CSV)
    const skip = await h.call<ImportPrepareResult>('importPrepare', prepareOf(CSV, FIELDS, p.header))
    const skipped = await h.call<ImportTableResult>('importCommit', { prepareId: skip.prepareId, badRows: 'skip' })
    expect(skipped.rowCount).toBe(1)
    expect(await rowsOf(skipped.datasetId)).toEqual(GOOD_ROWS)
    const keep = await h.call<ImportPrepareResult>('importPrepare', prepareOf(CSV, FIELDS, p.header))
    const kept = await h.call<ImportTableResult>('importCommit', { prepareId: keep.prepareId, badRows: 'keep' })
    expect(await rowsOf(kept.datasetId)).toEqual([
      { id: 'c1', city: '上海', age: 31 }, { id: 'c2', city: '北京', age: null }, { id: 'c1', city: '上海', age: 40 },
      { id: null, city: '广州', age: 22 }, { id: 'c5', city: '深圳', age: null }, { id: 'c6', city: '上海', age: 1 },
    ])
    expect(await getDataset(kept.datasetId, h.db)).toMatchObject({ name: 'Shop', source: 'shop.csv', rowCount: 6, status: 'ready' })
  })

  it('a discarded or unknown prepare cannot be committed', async () => {
    const p = await preview(CSV)
    const r = await h.call<ImportPrepareResult>('importPrepare', prepareOf(CSV, FIELDS, p.header))
    expect(await h.call('importDiscard', { prepareId: r.prepareId })).toEqual({ discarded: true })
    expect(await h.send('importCommit', { prepareId: r.prepareId, badRows: 'keep' })).toMatchObject({ type: 'error', error: { code: 'not_found' } })
    expect(await listDatasets(h.db)).toEqual([])
  })

  it('a prepare cancelled half-way answers cancelled and leaves the database as it was', async () => {
    await h.call('ensureDemo', {})
    const before = await dumpDb(h.db)
    const lines = ['id,score']
    for (let i = 0; i < 300_000; i++) lines.push(`k${i},${i}`)
    const text = lines.join('\n')
    let seenRows = 0
    h.onPost = (m) => {
      if (m.seq === 91 && m.type === 'progress' && m.progress.phase === 'read' && m.progress.done > 0 && seenRows === 0) {
        seenRows = m.progress.rows ?? 0
        void h.dispatcher.handle({ type: 'cancel', seq: 91 })
      }
    }
    const m = await h.send('importPrepare', prepareOf(text, [{ name: 'id', type: 'text' }, { name: 'score', type: 'number' }], ['id', 'score']), 91)
    expect(m).toMatchObject({ type: 'error', error: { code: 'cancelled' } })
    // Half-way: some rows were read, not all.
    expect(seenRows).toBeGreaterThan(0)
    expect(seenRows).toBeLessThan(300_000)
    expect(await dumpDb(h.db)).toEqual(before)
  })

  it('a commit failing on quota leaves the database as it was, and can be tried again', async () => {
    await h.call('ensureDemo', {})
    const before = await dumpDb(h.db)
    const p = await preview(CSV)
    const r = await h.call<ImportPrepareResult>('importPrepare', prepareOf(CSV, FIELDS, p.header))
    let full = true
    h.db.chunks.hook('creating', (_key, obj) => {
      if (full && obj.chunk === 1) throw new DOMException('full', 'QuotaExceededError')
    })
    const m = await h.send('importCommit', { prepareId: r.prepareId, badRows: 'keep' })
    expect(m).toMatchObject({ type: 'error', error: { code: 'quota' } })
    expect(await dumpDb(h.db)).toEqual(before)
    full = false
    const ok = await h.call<ImportTableResult>('importCommit', { prepareId: r.prepareId, badRows: 'keep' })
    expect(ok.rowCount).toBe(6)
  })

  it('refuses a prepare whose id column is not imported', async () => {
    const m = await h.send('importPrepare', prepareOf(CSV, [null, FIELDS[1], FIELDS[2]], ['id', 'city', 'age']))
    expect(m).toMatchObject({ type: 'error', error: { code: 'invalid' } })
  })
})
