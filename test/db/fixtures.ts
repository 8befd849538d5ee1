import { BOOL_MISSING, parseIsoDate } from '../../src/core/engine/columns'
import type { Column, ColumnarTable, RowValue } from '../../src/core/engine/columns'
import type { FieldMeta } from '../../src/core/fields/types'
import type { DatasetMeta } from '../../src/core/io/types'
import { openDatabase } from '../../src/db/database'
import type { SegmentFlowDb } from '../../src/db/database'

/** Every field type, both date formats. */
export const ALL_FIELDS: FieldMeta[] = [
  { name: 'id', type: 'text' },
  { name: 'age', type: 'number' },
  { name: 'joined', type: 'date', dateFormat: 'date' },
  { name: 'last_seen', type: 'date', dateFormat: 'datetime' },
  { name: 'vip', type: 'boolean' },
  { name: 'city', type: 'category' },
  { name: 'tags', type: 'list' },
]

function encodeDict(values: (string | null)[]): { codes: Int32Array; dict: string[] } {
  const dict: string[] = []
  const index = new Map<string, number>()
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1
    if (!index.has(v)) index.set(v, dict.push(v) - 1)
    return index.get(v)!
  })
  return { codes, dict }
}

function encodeList(values: (string[] | null)[]): Column {
  const flat = values.flatMap((v) => v ?? [])
  const { codes, dict } = encodeDict(flat)
  const offsets = new Int32Array(values.length + 1)
  values.forEach((v, i) => (offsets[i + 1] = offsets[i] + (v?.length ?? 0)))
  return { type: 'list', offsets, codes, dict, missing: Uint8Array.from(values, (v) => (v === null ? 1 : 0)) }
}

/** Encodes row objects (in json-logic-js form) as a columnar table; a test-only encoder. */
export function tableFromRows(fields: FieldMeta[], rows: Record<string, RowValue>[]): ColumnarTable {
  const columns: Record<string, Column> = {}
  for (const f of fields) {
    const vals = rows.map((r) => r[f.name] ?? null)
    if (f.type === 'number') columns[f.name] = { type: 'number', values: Float64Array.from(vals, (v) => (v === null ? NaN : Number(v))) }
    else if (f.type === 'date') columns[f.name] = { type: 'date', dateFormat: f.dateFormat ?? 'date', values: Float64Array.from(vals, (v) => (v === null ? NaN : parseIsoDate(String(v)))) }
    else if (f.type === 'boolean') columns[f.name] = { type: 'boolean', values: Uint8Array.from(vals, (v) => (v === null ? BOOL_MISSING : v ? 1 : 0)) }
    else if (f.type === 'list') columns[f.name] = encodeList(vals as (string[] | null)[])
    else columns[f.name] = { type: f.type, ...encodeDict(vals as (string | null)[]) }
  }
  return { rowCount: rows.length, fields, columns }
}

const CITIES = ['上海', 'Beijing', 'Shenzhen', null]
const TAGS = ['sports', 'kids', '会员', 'outdoor']

/** `n` deterministic rows using every type, with missing values in every column. */
export function sampleRows(n: number): Record<string, RowValue>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    age: i % 7 === 3 ? null : 18 + (i * 13) % 60,
    joined: i % 11 === 5 ? null : `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    last_seen: i % 9 === 4 ? null : `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:30`,
    vip: i % 5 === 2 ? null : i % 3 === 0,
    city: CITIES[i % CITIES.length],
    tags: i % 6 === 1 ? null : TAGS.filter((_, k) => (i >> k) & 1),
  }))
}

/** A dataset meta for a table. */
export function metaFor(id: string, table: ColumnarTable, extra: Partial<DatasetMeta> = {}): DatasetMeta {
  return {
    id, name: `dataset ${id}`, kind: 'customers', idField: 'id', rowCount: table.rowCount, fields: table.fields,
    asOf: Date.UTC(2025, 5, 30), version: 1, createdAt: Date.now(), status: 'ready', source: 'test', ...extra,
  }
}

let counter = 0

/** A fresh, empty database with a unique name. */
export function freshDb(): SegmentFlowDb {
  return openDatabase(`segmentflow-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`)
}

/** Every record of every table, in key order: compare before/after to prove nothing changed. */
export async function dumpDb(db: SegmentFlowDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of db.tables) out[t.name] = await t.toArray()
  return out
}
