import type { ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import { meanOver, rfmBuyers } from '../derive/rfm'

/** Which number fields play recency (days since the last purchase), frequency and monetary. */
export interface ValueFields {
  recency: string
  frequency: string
  monetary: string
}

/** The three columns of ValueFields, with the buyers (customers who bought at least once). */
export interface ValueColumns {
  recency: Float64Array
  frequency: Float64Array
  monetary: Float64Array
  /** 1 when recency, frequency and monetary are all present and frequency > 0 (core/derive/rfm.ts). */
  buyers: Uint8Array
}

// Candidates per role, most preferred first: the standard behaviour set (README "Behaviour fields"),
// the order fields every events import derives, and the hotel demo's words.
const CANDIDATES: Record<keyof ValueFields, string[]> = {
  recency: ['recency_days', 'days_since_last_order', 'days_since_last_stay'],
  frequency: ['frequency', 'order_count', 'stay_count'],
  monetary: ['monetary', 'total_amount'],
}

/**
 * Default fields for R, F and M among a dataset's number fields: the first present candidate per
 * role (any field whose name ends with a candidate, e.g. a prefixed second event table, counts too).
 * Null when a role has no candidate: the user then picks.
 */
export function guessValueFields(fields: readonly FieldMeta[]): ValueFields | null {
  const numbers = fields.filter((f) => f.type === 'number').map((f) => f.name)
  const pick = (role: keyof ValueFields): string | undefined => {
    for (const c of CANDIDATES[role]) {
      const hit = numbers.find((n) => n === c) ?? numbers.find((n) => n.endsWith(`_${c}`))
      if (hit) return hit
    }
    return undefined
  }
  const recency = pick('recency'), frequency = pick('frequency'), monetary = pick('monetary')
  return recency && frequency && monetary ? { recency, frequency, monetary } : null
}

/** Why `fields` cannot be read from `table` (unknown or not a number field); null when they can. */
export function valueFieldsIssue(table: ColumnarTable, fields: ValueFields): string | null {
  for (const name of [fields.recency, fields.frequency, fields.monetary]) {
    if (!Object.hasOwn(table.columns, name)) return `Unknown field "${name}"`
    if (table.columns[name].type !== 'number') return `Field "${name}" is not a number field`
  }
  return null
}

/** The columns of `fields` (see valueFieldsIssue: throws when one is unusable) and the buyers. */
export function valueColumns(table: ColumnarTable, fields: ValueFields): ValueColumns {
  const issue = valueFieldsIssue(table, fields)
  if (issue) throw new Error(issue)
  const col = (name: string): Float64Array => (table.columns[name] as { values: Float64Array }).values.subarray(0, table.rowCount)
  const recency = col(fields.recency), frequency = col(fields.frequency), monetary = col(fields.monetary)
  return { recency, frequency, monetary, buyers: rfmBuyers({ recency, frequency, monetary }) }
}

/** Mean of `values` over the buyers (NaN when there are none): the same function the derived class field uses. */
export const buyerMean = meanOver

/** Median of `values` over the buyers: the middle value, or the mean of the two middle ones; NaN when none. */
export function buyerMedian(values: Float64Array, buyers: Uint8Array): number {
  const sorted = values.filter((_, i) => buyers[i] === 1).sort()
  const n = sorted.length
  if (n === 0) return NaN
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
