import { daysBetween } from '../engine/columns'
import type { Column, ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import { columnLength } from '../io/buildColumnsChunks'
import { buildIdIndex, mapIdsToIndex } from './idIndex'

export interface DeriveOrderOptions {
  /** Event column with the event's date (type date). */
  dateField: string
  /** Event column with the amount (type number). */
  amountField: string
  /** Reference date for `days_since_last_order`, epoch ms UTC. */
  asOf: number
  /** Put before every derived name, for a second event table (`stay_` → `stay_order_count`). */
  prefix?: string
}

/** Derived fields plus the number of events whose customer id is missing or not in the customer table. */
export interface DerivedColumns {
  fields: FieldMeta[]
  columns: Record<string, Column>
  unmatched: number
}

function requireColumn<T extends Column['type']>(
  table: ColumnarTable, name: string, types: readonly T[], role: string,
): Extract<Column, { type: T }> {
  const col = table.columns[name]
  if (!col) throw new Error(`${role}: no column "${name}"`)
  if (!(types as readonly string[]).includes(col.type)) {
    throw new TypeError(`${role}: column "${name}" is ${col.type}, expected ${types.join(' or ')}`)
  }
  return col as Extract<Column, { type: T }>
}

/**
 * Per-customer aggregates of an event table, aligned with the customer table's rows:
 * - `order_count`: events of the customer (0 when none);
 * - `total_amount`: sum of present amounts (0 when none);
 * - `avg_amount`: mean of present amounts (missing when none: an average of nothing is unknown, not 0);
 * - `last_order_date`: latest present date (missing when none);
 * - `days_since_last_order`: whole UTC days from it to `asOf` (missing when none).
 * Events whose customer id is missing or unknown are only counted in `unmatched`. When customer ids
 * repeat, events go to the first customer with that id. Linear time: ids are hashed once.
 */
export function deriveOrderFields(
  customers: ColumnarTable,
  customerIdField: string,
  events: ColumnarTable,
  eventCustomerIdField: string,
  opts: DeriveOrderOptions,
): DerivedColumns {
  const idCol = requireColumn(customers, customerIdField, ['text', 'category', 'number'], 'customers')
  const evIdCol = requireColumn(events, eventCustomerIdField, ['text', 'category', 'number'], 'events')
  const dateCol = requireColumn(events, opts.dateField, ['date'], 'events')
  const amountCol = requireColumn(events, opts.amountField, ['number'], 'events')
  const n = customers.rowCount
  const index = buildIdIndex(idCol, n)
  const target = mapIdsToIndex(evIdCol, events.rowCount, (key) => index.get(key) ?? -1)
  const acc = accumulate(target, dateCol.values, amountCol.values, n)
  return {
    fields: derivedFieldMetas(opts.prefix ?? '', dateCol.dateFormat),
    columns: finishColumns(acc, opts, dateCol.dateFormat),
    unmatched: acc.unmatched,
  }
}

interface Accumulators {
  count: Float64Array
  total: Float64Array
  withAmount: Float64Array
  last: Float64Array
  unmatched: number
}

function accumulate(target: Int32Array, dates: Float64Array, amounts: Float64Array, n: number): Accumulators {
  const acc: Accumulators = {
    count: new Float64Array(n),
    total: new Float64Array(n),
    withAmount: new Float64Array(n),
    last: new Float64Array(n).fill(NaN),
    unmatched: 0,
  }
  for (let r = 0; r < target.length; r++) {
    const t = target[r]
    if (t < 0) {
      acc.unmatched++
      continue
    }
    acc.count[t]++
    const a = amounts[r]
    if (!Number.isNaN(a)) {
      acc.total[t] += a
      acc.withAmount[t]++
    }
    const d = dates[r]
    // `!(d <= last)` is also true while `last` is still NaN.
    if (!Number.isNaN(d) && !(d <= acc.last[t])) acc.last[t] = d
  }
  return acc
}

function finishColumns(acc: Accumulators, opts: DeriveOrderOptions, dateFormat: 'date' | 'datetime'): Record<string, Column> {
  const n = acc.count.length
  const avg = new Float64Array(n)
  const days = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    avg[i] = acc.withAmount[i] > 0 ? acc.total[i] / acc.withAmount[i] : NaN
    days[i] = Number.isNaN(acc.last[i]) ? NaN : daysBetween(acc.last[i], opts.asOf)
  }
  const p = opts.prefix ?? ''
  return {
    [`${p}order_count`]: { type: 'number', values: acc.count },
    [`${p}total_amount`]: { type: 'number', values: acc.total },
    [`${p}avg_amount`]: { type: 'number', values: avg },
    [`${p}last_order_date`]: { type: 'date', values: acc.last, dateFormat },
    [`${p}days_since_last_order`]: { type: 'number', values: days },
  }
}

function derivedFieldMetas(p: string, dateFormat: 'date' | 'datetime'): FieldMeta[] {
  return [
    { name: `${p}order_count`, type: 'number', derived: true },
    { name: `${p}total_amount`, type: 'number', derived: true },
    { name: `${p}avg_amount`, type: 'number', derived: true },
    { name: `${p}last_order_date`, type: 'date', dateFormat, derived: true },
    { name: `${p}days_since_last_order`, type: 'number', derived: true },
  ]
}

/**
 * A new table with the derived fields added (at the end) or replaced (in place, when a field of that
 * name exists). The input table is not modified; unchanged columns are shared, not copied.
 */
export function applyDerived(
  table: ColumnarTable,
  derived: { fields: readonly FieldMeta[]; columns: Record<string, Column> },
): ColumnarTable {
  for (const f of derived.fields) {
    const col = derived.columns[f.name]
    if (!col) throw new Error(`applyDerived: no column for derived field "${f.name}"`)
    if (columnLength(col) !== table.rowCount) {
      throw new RangeError(`applyDerived: "${f.name}" has ${columnLength(col)} rows, the table ${table.rowCount}`)
    }
  }
  const byName = new Map(derived.fields.map((f) => [f.name, f]))
  const fields = table.fields.map((f) => ({ ...(byName.get(f.name) ?? f) }))
  const existing = new Set(table.fields.map((f) => f.name))
  for (const f of derived.fields) if (!existing.has(f.name)) fields.push({ ...f })
  const columns: Record<string, Column> = { ...table.columns }
  for (const f of derived.fields) columns[f.name] = derived.columns[f.name]
  return { rowCount: table.rowCount, fields, columns }
}
