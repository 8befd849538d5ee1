import type { Column, ColumnarTable } from '../core/engine/columns'
import type { FieldMeta } from '../core/fields/types'
import type { DatasetMeta } from '../core/io/types'
import { DEFAULT_CHUNK_SIZE, getDatabase, SCHEMA_VERSION } from './database'
import type { SegmentFlowDb, StoredChunk, StoredDataset } from './database'
import { checkColumn, chunkRecordAt, chunkRecords, putDict, removeDatasetRecords, removeFieldRecords, requireReady, storedField, toMeta } from './datasetRecords'
import { DbError, throwIfAborted, toDbError } from './errors'
import { withImportLock } from './locks'

export interface SaveProgress { phase: 'save'; done: number; total: number }

export interface SaveOptions {
  /** Called after each written batch; `done`/`total` count rows. */
  onProgress?: (p: SaveProgress) => void
  /** Aborting removes everything written so far. */
  signal?: AbortSignal
  /** Rows per stored chunk (tests use small values to exercise several chunks). */
  chunkSize?: number
  /**
   * Runs inside the final transaction that makes the dataset visible (it may write datasets,
   * chunks and dicts, e.g. `replaceColumns` on the parent): both commit, or neither does.
   */
  finalize?: () => Promise<void>
}

function checkTable(meta: DatasetMeta, table: ColumnarTable): void {
  if (meta.rowCount !== table.rowCount) throw new DbError('invalid', `Dataset "${meta.name}": meta says ${meta.rowCount} rows, table has ${table.rowCount}.`)
  const names = new Set<string>()
  for (const f of meta.fields) {
    if (names.has(f.name)) throw new DbError('invalid', `Dataset "${meta.name}": field "${f.name}" appears twice.`)
    names.add(f.name)
    checkColumn(f, table.columns[f.name], table.rowCount)
  }
}

/**
 * Stores a new dataset atomically: the meta is written as 'staging' (invisible), the columns in
 * batches of one chunk per field, and a final transaction flips it to 'ready'. On any error or abort
 * everything staged is deleted, so the database is as before. Never overwrites: an existing id is a
 * `conflict`. Quota errors become `DbError('quota')`. Returns the stored meta.
 */
export async function saveDataset(meta: DatasetMeta, table: ColumnarTable, options: SaveOptions = {}, db: SegmentFlowDb = getDatabase()): Promise<DatasetMeta> {
  checkTable(meta, table)
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new DbError('invalid', `chunkSize must be a positive integer, got ${chunkSize}.`)
  const fields = meta.fields.map((f) => storedField(f, table.columns[f.name]))
  const doc: StoredDataset = { ...meta, fields, status: 'staging', schemaVersion: SCHEMA_VERSION, chunkSize }
  return withImportLock(meta.id, async () => {
    let staged = false
    try {
      throwIfAborted(options.signal)
      await stage(db, doc, table)
      staged = true
      await writeChunks(db, doc, table, options)
      throwIfAborted(options.signal)
      await publish(db, doc.id, options.finalize)
      return toMeta({ ...doc, status: 'ready' })
    } catch (e) {
      // Best effort: if even this fails (database closed), cleanupStaging() removes it on next start.
      if (staged) await db.transaction('rw', db.datasets, db.chunks, db.dicts, () => removeDatasetRecords(db, [doc.id])).catch(() => undefined)
      throw toDbError(e)
    }
  })
}

async function stage(db: SegmentFlowDb, doc: StoredDataset, table: ColumnarTable): Promise<void> {
  await db.transaction('rw', db.datasets, db.dicts, async () => {
    if (await db.datasets.get(doc.id)) throw new DbError('conflict', `A dataset with id ${doc.id} already exists.`)
    await db.datasets.add(doc)
    for (const f of doc.fields) await putDict(db, doc.id, f.name, table.columns[f.name])
  })
}

async function writeChunks(db: SegmentFlowDb, doc: StoredDataset, table: ColumnarTable, options: SaveOptions): Promise<void> {
  const batches = Math.ceil(doc.rowCount / doc.chunkSize)
  options.onProgress?.({ phase: 'save', done: 0, total: doc.rowCount })
  for (let k = 0; k < batches; k++) {
    throwIfAborted(options.signal)
    const batch: StoredChunk[] = doc.fields.map((f) => chunkRecordAt(doc.id, f.name, table.columns[f.name], doc.chunkSize, k))
    await db.chunks.bulkAdd(batch)
    options.onProgress?.({ phase: 'save', done: Math.min(doc.rowCount, (k + 1) * doc.chunkSize), total: doc.rowCount })
  }
}

async function publish(db: SegmentFlowDb, id: string, finalize: (() => Promise<void>) | undefined): Promise<void> {
  await db.transaction('rw', db.datasets, db.chunks, db.dicts, async () => {
    const current = await db.datasets.get(id)
    // Another tab's cleanupStaging() may have removed our staging record; then the import failed.
    if (current?.status !== 'staging') throw new DbError('conflict', 'The import was interrupted (its staging data was removed).')
    await db.datasets.update(id, { status: 'ready' })
    await finalize?.()
  })
}

function mergeFields(existing: FieldMeta[], incoming: FieldMeta[]): FieldMeta[] {
  const byName = new Map(incoming.map((f) => [f.name, f]))
  const kept = existing.map((f) => byName.get(f.name) ?? f)
  const added = incoming.filter((f) => !existing.some((e) => e.name === f.name))
  return [...kept, ...added]
}

/**
 * Adds or replaces columns of a ready dataset (derived fields) in one transaction and bumps its
 * version. A derived column never replaces an imported one (`conflict`). Returns the new meta.
 */
export async function replaceColumns(id: string, fields: FieldMeta[], columns: Record<string, Column>, db: SegmentFlowDb = getDatabase()): Promise<DatasetMeta> {
  try {
    return await db.transaction('rw', db.datasets, db.chunks, db.dicts, async () => {
      const doc = await requireReady(db, id)
      for (const f of fields) {
        const old = doc.fields.find((e) => e.name === f.name)
        if (old && !old.derived && f.derived) throw new DbError('conflict', `Field "${f.name}" holds imported data; a derived field cannot replace it.`)
        const col = checkColumn(f, columns[f.name], doc.rowCount)
        await removeFieldRecords(db, id, f.name)
        await db.chunks.bulkAdd(chunkRecords(id, f.name, col, doc.chunkSize))
        await putDict(db, id, f.name, col)
      }
      const stored = fields.map((f) => storedField(f, columns[f.name]))
      const next: StoredDataset = { ...doc, fields: mergeFields(doc.fields, stored), version: doc.version + 1 }
      await db.datasets.put(next)
      return toMeta(next)
    })
  } catch (e) {
    throw toDbError(e)
  }
}
