import { daysBetween } from '../engine/columns'
import type { Column, ColumnarTable } from '../engine/columns'
import { deriveOrderFields } from '../derive/deriveOrderFields'
import type { DerivedColumns } from '../derive/deriveOrderFields'
import type { FieldMeta } from '../fields/types'

/** How the hotel demo's tables link. */
export const HOTEL_LINKS = {
  customerIdField: 'guest_id',
  eventCustomerIdField: 'guest_id',
  dateField: 'check_in_date',
  amountField: 'amount',
  invoiceField: 'invoice_printed',
} as const

/** “Recent” for stays_last_90_days and months_stayed_last_3: three 30-day months before the as-of date. */
export const RECENT_MONTHS = 3
export const MONTH_DAYS = 30

// The retail demo's order fields under the hotel's words (stay_count, not order_count).
const RENAMES: Record<string, string> = {
  order_count: 'stay_count',
  total_amount: 'total_amount',
  avg_amount: 'avg_amount',
  last_order_date: 'last_stay_date',
  days_since_last_order: 'days_since_last_stay',
}

/** The derived stay fields on the guests table, in this order. */
export const HOTEL_DERIVED_FIELDS: readonly FieldMeta[] = [
  { name: 'stay_count', type: 'number', derived: true },
  { name: 'total_amount', type: 'number', derived: true },
  { name: 'avg_amount', type: 'number', derived: true },
  { name: 'last_stay_date', type: 'date', dateFormat: 'date', derived: true },
  { name: 'days_since_last_stay', type: 'number', derived: true },
  { name: 'stays_last_90_days', type: 'number', derived: true },
  { name: 'months_stayed_last_3', type: 'number', derived: true },
  { name: 'invoice_stays', type: 'number', derived: true },
  { name: 'invoice_share', type: 'number', derived: true },
]

/**
 * deriveOrderFields over the stays `keep` accepts: the others get a missing guest id, which
 * deriveOrderFields leaves out (as it does any event without a known customer).
 */
function deriveOver(guests: ColumnarTable, stays: ColumnarTable, asOf: number, keep: (r: number) => boolean): DerivedColumns {
  const id = stays.columns[HOTEL_LINKS.eventCustomerIdField]
  if (id?.type !== 'text') throw new TypeError(`stays: "${HOTEL_LINKS.eventCustomerIdField}" must be a text column`)
  const codes = id.codes.map((c, r) => (keep(r) ? c : -1))
  const subset = { ...stays, columns: { ...stays.columns, [HOTEL_LINKS.eventCustomerIdField]: { ...id, codes } } }
  return deriveOrderFields(guests, HOTEL_LINKS.customerIdField, subset, HOTEL_LINKS.eventCustomerIdField, {
    dateField: HOTEL_LINKS.dateField, amountField: HOTEL_LINKS.amountField, asOf,
  })
}

const countsOf = (d: DerivedColumns): Float64Array => (d.columns.order_count as Extract<Column, { type: 'number' }>).values

/** Days from each stay's check-in to `asOf` (NaN when the date is missing). */
function daysBefore(stays: ColumnarTable, asOf: number): Float64Array {
  const col = stays.columns[HOTEL_LINKS.dateField]
  if (col?.type !== 'date') throw new TypeError(`stays: "${HOTEL_LINKS.dateField}" must be a date column`)
  return col.values.map((ms) => (Number.isNaN(ms) ? NaN : daysBetween(ms, asOf)))
}

/** Stays in the last `RECENT_MONTHS` 30-day months, and in how many of those months the guest stayed. */
function recentColumns(guests: ColumnarTable, stays: ColumnarTable, asOf: number): { recent: Float64Array; months: Float64Array } {
  const days = daysBefore(stays, asOf)
  const recent = countsOf(deriveOver(guests, stays, asOf, (r) => days[r] >= 0 && days[r] < RECENT_MONTHS * MONTH_DAYS))
  const months = new Float64Array(guests.rowCount)
  for (let m = 0; m < RECENT_MONTHS; m++) {
    const inMonth = countsOf(deriveOver(guests, stays, asOf, (r) => Math.floor(days[r] / MONTH_DAYS) === m))
    for (let i = 0; i < months.length; i++) if (inMonth[i] > 0) months[i]++
  }
  return { recent, months }
}

/** Invoice stays per guest and their share of the guest's stays in percent (0.1 steps; missing without stays). */
function invoiceColumns(guests: ColumnarTable, stays: ColumnarTable, asOf: number, stayCount: Float64Array): { count: Float64Array; share: Float64Array } {
  const col = stays.columns[HOTEL_LINKS.invoiceField]
  if (col?.type !== 'boolean') throw new TypeError(`stays: "${HOTEL_LINKS.invoiceField}" must be a boolean column`)
  const count = countsOf(deriveOver(guests, stays, asOf, (r) => col.values[r] === 1))
  const share = stayCount.map((n, i) => (n > 0 ? Math.round((1000 * count[i]) / n) / 10 : NaN))
  return { count, share }
}

/**
 * The guests' stay fields (HOTEL_DERIVED_FIELDS), computed with deriveOrderFields: stay_count,
 * total_amount, avg_amount, last_stay_date and days_since_last_stay as the retail demo's order fields;
 * stays_last_90_days (check-in 0…89 whole days before `asOf`, as “in the last 90 days”);
 * months_stayed_last_3 (how many of the 30-day months before `asOf` — days 0–29, 30–59, 60–89 — hold a
 * check-in: 3 means “stayed in each of the last three months”); invoice_stays (stays with
 * invoice_printed true) and invoice_share (invoice_stays / stay_count in percent, rounded to 0.1,
 * missing for a guest without stays).
 */
export function deriveHotelFields(guests: ColumnarTable, stays: ColumnarTable, asOf: number): DerivedColumns {
  const base = deriveOver(guests, stays, asOf, () => true)
  const columns: Record<string, Column> = {}
  for (const [from, to] of Object.entries(RENAMES)) columns[to] = base.columns[from]
  const stayCount = countsOf(base)
  const { recent, months } = recentColumns(guests, stays, asOf)
  const invoice = invoiceColumns(guests, stays, asOf, stayCount)
  columns.stays_last_90_days = { type: 'number', values: recent }
  columns.months_stayed_last_3 = { type: 'number', values: months }
  columns.invoice_stays = { type: 'number', values: invoice.count }
  columns.invoice_share = { type: 'number', values: invoice.share }
  return { fields: HOTEL_DERIVED_FIELDS.map((f) => ({ ...f })), columns, unmatched: base.unmatched }
}
