// The naive way, measured beside the app: the whole file read as one string, papaparse turning it into
// one object per row (header row as keys, numbers and booleans typed), and Dexie storing one record per
// row in a database of its own. Opening is `toArray()` of those records.
import Dexie from 'dexie'
import type { Table } from 'dexie'
import Papa from 'papaparse'
import { expectCount } from './check'
import type { SampleRow } from './csv'

const DB_NAME = 'bench-row-objects'

/** A parsed row: papaparse's dynamic typing gives numbers, booleans, strings and null. */
type RowObject = Record<string, unknown>

class RowObjectDb extends Dexie {
  customers!: Table<RowObject, string>

  constructor() {
    super(DB_NAME)
    this.version(1).stores({ customers: 'customer_id' })
  }
}

export interface BaselineImport {
  readMs: number
  parseMs: number
  storeMs: number
  rowCount: number
}

/** Reads, parses and stores the whole file the naive way; the database starts empty. */
export async function baselineImport(file: File): Promise<BaselineImport> {
  await Dexie.delete(DB_NAME)
  const db = new RowObjectDb()
  try {
    let t = performance.now()
    const text = await file.text()
    const readMs = performance.now() - t
    t = performance.now()
    const parsed = Papa.parse<RowObject>(text, { header: true, dynamicTyping: true, skipEmptyLines: true })
    const parseMs = performance.now() - t
    if (parsed.errors.length > 0) throw new Error(`papaparse: ${parsed.errors.length} errors, first ${JSON.stringify(parsed.errors[0])}`)
    t = performance.now()
    await db.customers.bulkAdd(parsed.data)
    const storeMs = performance.now() - t
    return { readMs, parseMs, storeMs, rowCount: parsed.data.length }
  } finally {
    db.close()
  }
}

/** A papaparse value as the text it was read from (numbers and booleans print as they were written). */
const asText = (v: unknown): string => (v === null || v === undefined ? '' : String(v))

function expectRowTexts(label: string, got: RowObject | undefined, want: SampleRow): void {
  if (!got) throw new Error(`${label}: missing`)
  for (const [k, text] of Object.entries(want.texts)) {
    if (asText(got[k]) !== text) throw new Error(`${label}, field ${k}: ${JSON.stringify(got[k])}, expected ${JSON.stringify(text)}`)
  }
}

/** Opens the stored records as the naive app would: every record into an array. Checks the count and the samples. */
export async function baselineOpen(samples: Map<number, SampleRow>, rowCount: number): Promise<{ ms: number }> {
  const db = new RowObjectDb()
  try {
    const t = performance.now()
    const rows = await db.customers.toArray()
    const ms = performance.now() - t
    expectCount('baseline: records read', rows.length, rowCount)
    // Records come back in key order (C1000000 sorts before C100001): find the samples by id.
    const wanted = new Map([...samples.values()].map((s) => [s.texts.customer_id, s]))
    let seen = 0
    for (const r of rows) {
      const s = wanted.get(asText(r.customer_id))
      if (s) {
        expectRowTexts(`baseline record ${s.texts.customer_id}`, r, s)
        seen++
      }
    }
    expectCount('baseline: sample records found', seen, wanted.size)
    return { ms }
  } finally {
    db.close()
  }
}
