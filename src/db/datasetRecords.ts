import type { Column } from '../core/engine/columns'
import type { FieldMeta } from '../core/fields/types'
import type { DatasetMeta } from '../core/io/types'
import { chunksToColumn, columnLength, columnsToChunks } from '../core/io/buildColumnsChunks'
import { sliceColumn } from '../core/io/buildColumnsTables'
import { reportInvalid, SCHEMA_VERSION } from './database'
import type { SegmentFlowDb, StoredChunk, StoredDataset } from './database'
import { DbError } from './errors'
import { describeIssues, storedDatasetSchema } from './schemas'

// Record-level helpers shared by the dataset repository's read and write halves.

/** The stored dataset if it exists and passes its schema; invalid ones are reported and skipped. */
export function checkStoredDataset(db: SegmentFlowDb, doc: StoredDataset | undefined): StoredDataset | undefined {
  if (!doc) return undefined
  const r = storedDatasetSchema.safeParse(doc)
  if (r.success) return doc
  reportInvalid(db, { table: 'datasets', key: String((doc as { id?: unknown }).id), reason: describeIssues(r.error) })
  return undefined
}

/** The ready dataset `id`, or a `not_found` error (staging and invalid datasets are invisible). */
export async function requireReady(db: SegmentFlowDb, id: string): Promise<StoredDataset> {
  const doc = checkStoredDataset(db, await db.datasets.get(id))
  if (!doc || doc.status !== 'ready') throw new DbError('not_found', `Dataset ${id} does not exist.`)
  return doc
}

/** The domain view of a stored dataset (without storage bookkeeping). */
export function toMeta(doc: StoredDataset): DatasetMeta {
  const { schemaVersion: _v, chunkSize: _c, derivations: _d, ...meta } = doc
  return meta
}

/** Deletes datasets with their chunks and dictionaries; call inside a transaction to make it atomic. */
export async function removeDatasetRecords(db: SegmentFlowDb, ids: string[]): Promise<void> {
  for (const id of ids) {
    await db.chunks.where('datasetId').equals(id).delete()
    await db.dicts.where('datasetId').equals(id).delete()
    await db.datasets.delete(id)
  }
}

/** Deletes the chunks and dictionary of one column. */
export async function removeFieldRecords(db: SegmentFlowDb, id: string, field: string): Promise<void> {
  await db.chunks.where('[datasetId+field+chunk]').between([id, field, -Infinity], [id, field, Infinity], true, true).delete()
  await db.dicts.delete([id, field])
}

/** Checks that a column fits its field and its table: same type, `rowCount` rows. */
export function checkColumn(field: FieldMeta, col: Column | undefined, rowCount: number): Column {
  if (!col) throw new DbError('invalid', `Field "${field.name}" has no column.`)
  if (col.type !== field.type) throw new DbError('invalid', `Field "${field.name}" is ${field.type} but its column is ${col.type}.`)
  if (columnLength(col) !== rowCount) throw new DbError('invalid', `Column "${field.name}" has ${columnLength(col)} rows, expected ${rowCount}.`)
  return col
}

/**
 * The field as stored: a date field states its column's format, because chunks do not carry it
 * and reading must restore the same column.
 */
export function storedField(field: FieldMeta, col: Column): FieldMeta {
  return col.type === 'date' ? { ...field, dateFormat: col.dateFormat } : field
}

/** The chunk records of one column, numbered from 0. */
export function chunkRecords(id: string, field: string, col: Column, chunkSize: number): StoredChunk[] {
  return columnsToChunks(col, chunkSize).chunks.map((data, chunk) => ({ schemaVersion: SCHEMA_VERSION, datasetId: id, field, chunk, data }))
}

/** Chunk `k` of one column as a record; cut on demand so a large import never holds two copies of its table. */
export function chunkRecordAt(id: string, field: string, col: Column, chunkSize: number, k: number): StoredChunk {
  const part = sliceColumn(col, k * chunkSize, Math.min(columnLength(col), (k + 1) * chunkSize))
  return { schemaVersion: SCHEMA_VERSION, datasetId: id, field, chunk: k, data: columnsToChunks(part, chunkSize).chunks[0] }
}

/** Writes a column's dictionary, stored once for all its chunks (number, date, boolean have none). */
export async function putDict(db: SegmentFlowDb, id: string, field: string, col: Column): Promise<void> {
  if (col.type === 'text' || col.type === 'category' || col.type === 'list') {
    await db.dicts.put({ schemaVersion: SCHEMA_VERSION, datasetId: id, field, dict: col.dict })
  }
}

/**
 * Reads chunks `[from, to]` of one column and joins them. Returns the column of those rows only.
 * Throws `invalid` when chunks are missing, so a damaged dataset is reported rather than misread.
 */
export async function readColumn(db: SegmentFlowDb, doc: StoredDataset, field: FieldMeta, from: number, to: number): Promise<Column> {
  const records = await db.chunks.where('[datasetId+field+chunk]').between([doc.id, field.name, from], [doc.id, field.name, to], true, true).toArray()
  const expected = Math.max(0, to - from + 1)
  if (records.length !== expected || records.some((r, k) => r.chunk !== from + k)) {
    throw new DbError('invalid', `Dataset "${doc.name}": column "${field.name}" is damaged (missing chunks).`)
  }
  const dict = (await db.dicts.get([doc.id, field.name]))?.dict
  const rowCount = Math.max(0, Math.min(doc.rowCount, (to + 1) * doc.chunkSize) - from * doc.chunkSize)
  const meta = { type: field.type, dateFormat: field.dateFormat, dict, rowCount, chunkSize: doc.chunkSize }
  try {
    return chunksToColumn({ meta, chunks: records.map((r) => r.data) })
  } catch (e) {
    throw new DbError('invalid', `Dataset "${doc.name}": column "${field.name}" is damaged (${(e as Error).message}).`)
  }
}
