import type { Column } from '../engine/columns'
import type { FieldType } from '../fields/types'
import { concatArrays, sliceColumn } from './buildColumnsTables'

/** Rows per stored chunk (DESIGN.md "Data at scale"). */
export const DEFAULT_CHUNK_SIZE = 65_536

/** One stored piece of a column; list offsets are relative to the chunk (the first is 0). */
export type ColumnChunk =
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'uint8'; values: Uint8Array }
  | { kind: 'codes'; codes: Int32Array }
  | { kind: 'list'; offsets: Int32Array; codes: Int32Array; missing: Uint8Array }

/** What is stored once per column: type, date format and the whole dictionary. */
export interface ChunkedColumnMeta {
  type: FieldType
  dateFormat?: 'date' | 'datetime'
  /** Text, category and list columns: one dictionary for all chunks. */
  dict?: string[]
  rowCount: number
  chunkSize: number
}

export interface ColumnChunks {
  meta: ChunkedColumnMeta
  chunks: ColumnChunk[]
}

/** Row count of a column. */
export function columnLength(col: Column): number {
  switch (col.type) {
    case 'text':
    case 'category':
      return col.codes.length
    case 'list':
      return col.missing.length
    default:
      return col.values.length
  }
}

/**
 * Splits a column into chunks of `chunkSize` rows for storage. Every chunk owns a copy of its arrays:
 * IndexedDB's structured clone of a typed-array view would store the view's whole underlying buffer.
 */
export function columnsToChunks(col: Column, chunkSize = DEFAULT_CHUNK_SIZE): ColumnChunks {
  if (!(chunkSize >= 1)) throw new RangeError(`chunkSize must be at least 1, got ${chunkSize}`)
  const rowCount = columnLength(col)
  const meta: ChunkedColumnMeta = { type: col.type, rowCount, chunkSize }
  if (col.type === 'date') meta.dateFormat = col.dateFormat
  if (col.type === 'text' || col.type === 'category' || col.type === 'list') meta.dict = col.dict
  const chunks: ColumnChunk[] = []
  for (let start = 0; start < rowCount; start += chunkSize) {
    chunks.push(toChunk(sliceColumn(col, start, Math.min(rowCount, start + chunkSize))))
  }
  return { meta, chunks }
}

function toChunk(part: Column): ColumnChunk {
  switch (part.type) {
    case 'number':
    case 'date':
      return { kind: 'float64', values: part.values }
    case 'boolean':
      return { kind: 'uint8', values: part.values }
    case 'text':
    case 'category':
      return { kind: 'codes', codes: part.codes }
    case 'list':
      return { kind: 'list', offsets: part.offsets, codes: part.codes, missing: part.missing }
  }
}

function pick<K extends ColumnChunk['kind']>(chunks: ColumnChunk[], kind: K): Extract<ColumnChunk, { kind: K }>[] {
  return chunks.map((c, k) => {
    if (c.kind !== kind) throw new TypeError(`chunk ${k} is "${c.kind}", expected "${kind}"`)
    return c as Extract<ColumnChunk, { kind: K }>
  })
}

/** Reassembles a column from its stored chunks (in order). Throws when chunks and meta disagree. */
export function chunksToColumn({ meta, chunks }: ColumnChunks): Column {
  const col = assemble(meta, chunks)
  if (columnLength(col) !== meta.rowCount) {
    throw new RangeError(`chunks hold ${columnLength(col)} rows, meta says ${meta.rowCount}`)
  }
  return col
}

function assemble(meta: ChunkedColumnMeta, chunks: ColumnChunk[]): Column {
  switch (meta.type) {
    case 'number':
    case 'date': {
      const values = concatArrays(pick(chunks, 'float64').map((c) => c.values), (n) => new Float64Array(n))
      return meta.type === 'date' ? { type: 'date', values, dateFormat: meta.dateFormat ?? 'date' } : { type: 'number', values }
    }
    case 'boolean':
      return { type: 'boolean', values: concatArrays(pick(chunks, 'uint8').map((c) => c.values), (n) => new Uint8Array(n)) }
    case 'text':
    case 'category':
      return { type: meta.type, dict: meta.dict ?? [], codes: concatArrays(pick(chunks, 'codes').map((c) => c.codes), (n) => new Int32Array(n)) }
    case 'list':
      return assembleList(meta.dict ?? [], pick(chunks, 'list'))
  }
}

function assembleList(dict: string[], parts: Extract<ColumnChunk, { kind: 'list' }>[]): Column {
  const missing = concatArrays(parts.map((p) => p.missing), (n) => new Uint8Array(n))
  const codes = concatArrays(parts.map((p) => p.codes), (n) => new Int32Array(n))
  const offsets = new Int32Array(missing.length + 1)
  let row = 0
  let base = 0
  for (const p of parts) {
    for (let k = 1; k <= p.missing.length; k++) offsets[row + k] = base + p.offsets[k]
    row += p.missing.length
    base += p.codes.length
  }
  return { type: 'list', offsets, codes, dict, missing }
}
