import type { ColumnarTable } from '../engine/columns'
import { rfmClassCodes } from '../derive/rfm'
import { guessValueFields, valueColumns } from './rfmFields'

const DAY = 86_400_000
const TENURE_NUMBER = /(^|_)tenure_days$/
const TENURE_DATE = /first.*(order|purchase|stay)|signup|注册|join/i

/** The per-row columns a snapshot stores beside the membership (core/analysis/snapshot.ts). */
export interface SnapshotColumns {
  measure: string | null
  value?: Float64Array
  tenureDays?: Float64Array
  recencyDays?: Float64Array
  rfm?: Int32Array
}

/**
 * Tenure in days per row: a number field named `tenure_days` (days since the first purchase, the
 * standard behaviour set), else the first date field named like a first purchase or signup date
 * (days from it to `asOf`); undefined when there is neither.
 */
export function tenureColumn(table: ColumnarTable, asOf: number): Float64Array | undefined {
  const n = table.rowCount
  const num = table.fields.find((f) => f.type === 'number' && TENURE_NUMBER.test(f.name))
  if (num) return (table.columns[num.name] as { values: Float64Array }).values.slice(0, n)
  const date = table.fields.find((f) => f.type === 'date' && TENURE_DATE.test(f.name))
  if (!date) return undefined
  const values = (table.columns[date.name] as { values: Float64Array }).values
  return Float64Array.from(values.subarray(0, n), (v) => (Number.isNaN(v) ? NaN : Math.floor((asOf - v) / DAY)))
}

/** The measure (the RFM monetary field, when the dataset has R, F and M), recency, RFM classes and tenure. */
export function snapshotColumns(table: ColumnarTable, asOf: number): SnapshotColumns {
  const tenureDays = tenureColumn(table, asOf)
  const fields = guessValueFields(table.fields)
  if (!fields) return { measure: null, tenureDays }
  const cols = valueColumns(table, fields)
  return {
    measure: fields.monetary, value: cols.monetary, recencyDays: cols.recency, tenureDays,
    rfm: rfmClassCodes({ recency: cols.recency, frequency: cols.frequency, monetary: cols.monetary }, cols.buyers),
  }
}
