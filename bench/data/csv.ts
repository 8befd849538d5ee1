// The data bench's customer file: the engine bench's 30 generated fields (bench/customers.ts) written
// as a CSV the way marketers' exports write them — "¥12,345.60" amounts, "2024/3/1" dates, 是/否 and
// Y/N booleans, "35%" rates, "a|b" tag lists — in pieces, so a million rows never become one string.
// The bench keeps the generator's values of a few sample rows as the answer the import must give.
import type { ColumnarTable, Row, RowValue } from '../../src/core/engine/columns'
import { rowAt } from '../../src/core/engine/columns'
import type { FieldMeta } from '../../src/core/fields/types'
import { BENCH_FIELDS, generateBenchCustomers } from '../customers'

/** How one field's values are written (the default: JavaScript's shortest number form, true/false, tags joined by |). */
type CellWriter = (v: Exclude<RowValue, null>) => string

/** 1234567.5 → "1,234,567.50", as a Chinese spreadsheet shows an amount. */
function grouped(n: number): string {
  const [int, frac] = Math.abs(n).toFixed(2).split('.')
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`
}

/** "2024-03-01" → "2024/3/1". */
const slashDate = (iso: string): string => iso.split('-').map((p, k) => (k === 0 ? p : String(Number(p)))).join('/')

const WRITERS: Readonly<Record<string, CellWriter>> = {
  lifetime_value: (v) => `¥${grouped(v as number)}`,
  discount_rate: (v) => `${Math.round((v as number) * 100)}%`,
  last_purchase_date: (v) => slashDate(v as string),
  sms_opt_in: (v) => (v ? '是' : '否'),
  app_user: (v) => (v ? 'Y' : 'N'),
}

const needsQuotes = /[",\r\n]/

/** The text of one cell, before CSV quoting: missing is empty. */
export function cellText(field: FieldMeta, v: RowValue): string {
  if (v === null) return ''
  const write = WRITERS[field.name]
  return write ? write(v) : Array.isArray(v) ? v.join('|') : String(v)
}

/** One cell as CSV: quoted when it holds a comma, quote or line break. */
export function csvCell(field: FieldMeta, v: RowValue): string {
  const text = cellText(field, v)
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A row as the import must read it back from this CSV. An empty cell cannot tell an empty tag list
 * from a missing one, and the importer drops repeated tags (core/fields/parseValue.ts: splitListText):
 * so a list is its distinct tags in order, and an empty list is missing.
 */
export function expectedRow(row: Row): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) out[k] = Array.isArray(v) ? (v.length === 0 ? null : [...new Set(v)]) : v
  return out
}

/** A sample row: what the app's import must give back, and the texts written in the file. */
export interface SampleRow {
  row: Row
  /** Cell texts by field name (what papaparse reads before typing). */
  texts: Record<string, string>
}

export interface GeneratedCsv {
  /** The file, UTF-8 without BOM. */
  file: File
  rows: number
  fields: readonly FieldMeta[]
  /** Row index → its sample (see expectedRow). */
  samples: Map<number, SampleRow>
}

/** Sample rows checked after import and open: the first, the last, and ~200 spread over the file. */
export function sampleIndices(rowCount: number): number[] {
  const step = Math.max(1, Math.floor(rowCount / 200))
  const out = new Set<number>([0, rowCount - 1])
  for (let i = 7; i < rowCount; i += step) out.add(i)
  return [...out].sort((a, b) => a - b)
}

/** Rows `[from, to)` of the table as CSV lines (each ending in \r\n, as Excel writes them). */
function csvLines(table: ColumnarTable, from: number, to: number): string {
  const lines: string[] = []
  for (let i = from; i < to; i++) {
    const row = rowAt(table, i)
    lines.push(`${table.fields.map((f) => csvCell(f, row[f.name])).join(',')}\r\n`)
  }
  return lines.join('')
}

/** Rows per piece of the file: a few MB of text at a time. */
const PIECE_ROWS = 10_000

/** `rowCount` customers × 30 fields as a CSV File, deterministic (the engine bench's seed). */
export function generateCustomerCsv(rowCount: number, fileName = 'customers.csv'): GeneratedCsv {
  const { table } = generateBenchCustomers(rowCount)
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = [encoder.encode(`${table.fields.map((f) => f.name).join(',')}\r\n`)]
  for (let from = 0; from < rowCount; from += PIECE_ROWS) {
    parts.push(encoder.encode(csvLines(table, from, Math.min(rowCount, from + PIECE_ROWS))))
  }
  const samples = new Map(sampleIndices(rowCount).map((i): [number, SampleRow] => {
    const row = rowAt(table, i)
    return [i, { row: expectedRow(row), texts: Object.fromEntries(table.fields.map((f) => [f.name, cellText(f, row[f.name])])) }]
  }))
  return { file: new File(parts as BlobPart[], fileName, { type: 'text/csv' }), rows: rowCount, fields: BENCH_FIELDS, samples }
}
