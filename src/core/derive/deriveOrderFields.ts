import type { Column, ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import { columnLength } from '../io/buildColumnsChunks'
import type { AggregateDefinition } from './definition'
import { deriveAll, Deriver, withColumns } from './deriveFields'

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

/** The derived order fields, each a definition over one event table (`eventsId`). */
export function orderFieldDefinitions(
  eventsId: string, opts: { dateField: string; amountField: string; prefix?: string },
): AggregateDefinition[] {
  const p = opts.prefix ?? ''
  const base = { kind: 'aggregate', events: eventsId, dateField: opts.dateField } as const
  return [
    { ...base, name: `${p}order_count`, aggregate: 'count' },
    { ...base, name: `${p}total_amount`, aggregate: 'sum', of: opts.amountField },
    { ...base, name: `${p}avg_amount`, aggregate: 'avg', of: opts.amountField },
    { ...base, name: `${p}last_order_date`, aggregate: 'last_date' },
    { ...base, name: `${p}days_since_last_order`, aggregate: 'days_since_last' },
  ]
}

/**
 * Per-customer aggregates of an event table, aligned with the customer table's rows — the definitions
 * of `orderFieldDefinitions` computed by the general mechanism (deriveFields.ts):
 * - `order_count`: events of the customer (0 when none);
 * - `total_amount`: sum of present amounts (0 when none);
 * - `avg_amount`: mean of present amounts (missing when none: an average of nothing is unknown, not 0);
 * - `last_order_date`: latest present date (missing when none);
 * - `days_since_last_order`: whole UTC days from it to `asOf` (missing when none).
 * Events dated after the as-of day do not count; events without a date do. Events whose customer id
 * is missing or unknown are only counted in `unmatched`. When customer ids repeat, events go to the
 * first customer with that id. Linear time: ids are hashed once.
 */
export function deriveOrderFields(
  customers: ColumnarTable,
  customerIdField: string,
  events: ColumnarTable,
  eventCustomerIdField: string,
  opts: DeriveOrderOptions,
): DerivedColumns {
  requireColumn(customers, customerIdField, ['text', 'category', 'number'], 'customers')
  requireColumn(events, eventCustomerIdField, ['text', 'category', 'number'], 'events')
  requireColumn(events, opts.dateField, ['date'], 'events')
  requireColumn(events, opts.amountField, ['number'], 'events')
  const input = { customers, idField: customerIdField, asOf: opts.asOf, events: { events: { table: events, customerIdField: eventCustomerIdField } } }
  const deriver = new Deriver(input)
  const derived = deriveAll(input, orderFieldDefinitions('events', opts), deriver)
  return {
    fields: derived.map((d) => d.field),
    columns: Object.fromEntries(derived.map((d) => [d.field.name, d.column])),
    unmatched: deriver.unmatched('events'),
  }
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
  return withColumns(table, derived.fields.map((field) => ({ field, column: derived.columns[field.name] })))
}
