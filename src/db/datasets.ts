import { rowAt } from '../core/engine/columns'
import type { Column, ColumnarTable, Row } from '../core/engine/columns'
import type { DatasetMeta } from '../core/io/types'
import { columnLength } from '../core/io/buildColumnsChunks'
import { getDatabase } from './database'
import type { SegmentFlowDb, StoredDataset } from './database'
import { checkStoredDataset, readColumn, removeDatasetRecords, requireReady, toMeta } from './datasetRecords'
import { DbError } from './errors'
import { importsInProgress } from './locks'

export { replaceColumns, saveDataset } from './datasetWrites'
export type { SaveOptions, SaveProgress } from './datasetWrites'

// Every function takes the database last, defaulting to the app's; tests pass their own.

/** Ready datasets (customer and event tables), oldest first. Staging and invalid ones are left out. */
export async function listDatasets(db: SegmentFlowDb = getDatabase()): Promise<DatasetMeta[]> {
  const docs = await db.datasets.where('status').equals('ready').toArray()
  return docs
    .map((d) => checkStoredDataset(db, d))
    .filter((d): d is StoredDataset => d !== undefined)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map(toMeta)
}

/** A ready dataset's meta, or undefined. */
export async function getDataset(id: string, db: SegmentFlowDb = getDatabase()): Promise<DatasetMeta | undefined> {
  const doc = checkStoredDataset(db, await db.datasets.get(id))
  return doc?.status === 'ready' ? toMeta(doc) : undefined
}

/** A dataset's meta and its whole table, read in one transaction so both are of the same version. */
export async function loadDataset(id: string, db: SegmentFlowDb = getDatabase()): Promise<{ meta: DatasetMeta; table: ColumnarTable }> {
  return db.transaction('r', db.datasets, db.chunks, db.dicts, async () => {
    const doc = await requireReady(db, id)
    const last = Math.ceil(doc.rowCount / doc.chunkSize) - 1
    const columns: Record<string, Column> = {}
    // Column by column, so that peak memory is one column's chunks plus the joined table.
    for (const f of doc.fields) {
      const col = await readColumn(db, doc, f, 0, last)
      if (columnLength(col) !== doc.rowCount) throw new DbError('invalid', `Dataset "${doc.name}": column "${f.name}" has the wrong length.`)
      columns[f.name] = col
    }
    return { meta: toMeta(doc), table: { rowCount: doc.rowCount, fields: doc.fields, columns } }
  })
}

/** A ready dataset's table, in memory. */
export async function loadTable(id: string, db: SegmentFlowDb = getDatabase()): Promise<ColumnarTable> {
  return (await loadDataset(id, db)).table
}

/** Rows `[offset, offset + limit)` as json-logic-js sees them; reads only the chunks that hold them. */
export async function readRows(id: string, offset: number, limit: number, db: SegmentFlowDb = getDatabase()): Promise<Row[]> {
  return db.transaction('r', db.datasets, db.chunks, db.dicts, async () => {
    const doc = await requireReady(db, id)
    const start = Math.max(0, Math.floor(offset))
    const end = Math.min(doc.rowCount, start + Math.max(0, Math.floor(limit)))
    if (end <= start) return []
    const first = Math.floor(start / doc.chunkSize)
    const last = Math.floor((end - 1) / doc.chunkSize)
    const columns: Record<string, Column> = {}
    for (const f of doc.fields) columns[f.name] = await readColumn(db, doc, f, first, last)
    const window: ColumnarTable = { rowCount: (last - first + 1) * doc.chunkSize, fields: doc.fields, columns }
    const base = first * doc.chunkSize
    const rows: Row[] = []
    for (let i = start; i < end; i++) rows.push(rowAt(window, i - base))
    return rows
  })
}

/** Deletes a dataset, its event tables, and all their chunks and dictionaries, in one transaction. */
export async function deleteDataset(id: string, db: SegmentFlowDb = getDatabase()): Promise<void> {
  await db.transaction('rw', db.datasets, db.chunks, db.dicts, async () => {
    const children = await db.datasets.where('parentId').equals(id).primaryKeys()
    await removeDatasetRecords(db, [...children, id])
  })
}

/**
 * Removes what a crashed or killed import left behind: staging datasets no live import holds, and
 * chunks or dictionaries whose dataset is gone. Call on app start. Returns how many datasets it removed.
 */
export async function cleanupStaging(db: SegmentFlowDb = getDatabase()): Promise<number> {
  const live = await importsInProgress()
  return db.transaction('rw', db.datasets, db.chunks, db.dicts, async () => {
    const staging = await db.datasets.where('status').equals('staging').primaryKeys()
    const stale = staging.filter((id) => !live.has(id))
    const known = new Set(await db.datasets.toCollection().primaryKeys())
    const referenced = new Set([
      ...(await db.chunks.orderBy('datasetId').uniqueKeys()),
      ...(await db.dicts.orderBy('datasetId').uniqueKeys()),
    ].map(String))
    const orphans = [...referenced].filter((id) => !known.has(id))
    await removeDatasetRecords(db, [...stale, ...orphans])
    return stale.length
  })
}

/** Asks the browser to keep our data under storage pressure; false when refused or unsupported. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
  if (!storage || typeof storage.persist !== 'function') return false
  try {
    if (await storage.persisted()) return true
    return await storage.persist()
  } catch {
    return false
  }
}
