import { daysBetween } from '../engine/columns'
import type { Column } from '../engine/columns'
import type { Aggregate } from './definition'
import { distinctAndMode } from './groupedValues'

/*
 * One aggregate over the selected events (selectEvents: `targets[r]` is the customer row r counts for,
 * or -1), one pass over the events, into a column aligned with the customers:
 * - count: selected events (0 when none);
 * - sum: of the present values of `of` (0 when none: a missing amount is skipped, never read as 0);
 * - avg: mean of the present values (missing when there are none: an average of nothing is unknown);
 * - min, max: of the present values (number or date; missing when none);
 * - distinct_count: distinct present values (0 when no event);
 * - first_date, last_date: earliest/latest present event date (missing when none);
 * - days_since_last, days_since_first: whole UTC days from that date to the as-of date (missing when none);
 * - mode: the most frequent present value, ties to the smallest value (groupedValues.ts; missing when none).
 */

export interface AggregateInput {
  aggregate: Aggregate
  targets: Int32Array
  customerCount: number
  /** The column of `of` (event rows), when the aggregate takes one. */
  of: Column | null
  /** The event date column's values, for date aggregates. */
  dates: Float64Array | null
  dateFormat: 'date' | 'datetime'
  asOf: number
}

function countPerCustomer(targets: Int32Array, n: number): Float64Array {
  const out = new Float64Array(n)
  for (const t of targets) if (t >= 0) out[t]++
  return out
}

function sumAndCount(targets: Int32Array, values: Float64Array, n: number): { sum: Float64Array; count: Float64Array } {
  const sum = new Float64Array(n)
  const count = new Float64Array(n)
  for (let r = 0; r < targets.length; r++) {
    const t = targets[r]
    const v = values[r]
    if (t < 0 || Number.isNaN(v)) continue
    sum[t] += v
    count[t]++
  }
  return { sum, count }
}

/** Per customer the smallest (`sign` 1) or largest (`sign` -1) present value; NaN when none. */
function extreme(targets: Int32Array, values: Float64Array, n: number, sign: 1 | -1): Float64Array {
  const out = new Float64Array(n).fill(NaN)
  for (let r = 0; r < targets.length; r++) {
    const t = targets[r]
    const v = values[r]
    if (t < 0 || Number.isNaN(v)) continue
    // `!(x >= y)` is also true while the current value is still NaN.
    if (!(sign * v >= sign * out[t])) out[t] = v
  }
  return out
}

function daysSince(dates: Float64Array, asOf: number): Float64Array {
  return dates.map((d) => (Number.isNaN(d) ? NaN : daysBetween(d, asOf)))
}

function numericValues(col: Column | null, aggregate: Aggregate): Float64Array {
  if (col && (col.type === 'number' || col.type === 'date')) return col.values
  throw new TypeError(`${aggregate} needs a number${aggregate === 'min' || aggregate === 'max' ? ' or date' : ''} field`)
}

function requireDates(dates: Float64Array | null, aggregate: Aggregate): Float64Array {
  if (!dates) throw new TypeError(`${aggregate} needs the event table's date column`)
  return dates
}

/** The aggregate's column over the customers (see the rules above). */
export function computeAggregate(input: AggregateInput): Column {
  const { aggregate: agg, targets, customerCount: n, of, dates, asOf } = input
  const num = (values: Float64Array): Column => ({ type: 'number', values })
  const date = (values: Float64Array, format: 'date' | 'datetime'): Column => ({ type: 'date', values, dateFormat: format })
  switch (agg) {
    case 'count': return num(countPerCustomer(targets, n))
    case 'sum': return num(sumAndCount(targets, numericValues(of, agg), n).sum)
    case 'avg': {
      const { sum, count } = sumAndCount(targets, numericValues(of, agg), n)
      return num(sum.map((s, i) => (count[i] > 0 ? s / count[i] : NaN)))
    }
    case 'min':
    case 'max': {
      const values = extreme(targets, numericValues(of, agg), n, agg === 'min' ? 1 : -1)
      return of?.type === 'date' ? date(values, of.dateFormat) : num(values)
    }
    case 'first_date': return date(extreme(targets, requireDates(dates, agg), n, 1), input.dateFormat)
    case 'last_date': return date(extreme(targets, requireDates(dates, agg), n, -1), input.dateFormat)
    case 'days_since_first': return num(daysSince(extreme(targets, requireDates(dates, agg), n, 1), asOf))
    case 'days_since_last': return num(daysSince(extreme(targets, requireDates(dates, agg), n, -1), asOf))
    case 'distinct_count':
    case 'mode': {
      if (!of) throw new TypeError(`${agg} needs a field`)
      const { distinct, mode } = distinctAndMode(targets, of, n, agg === 'mode')
      return agg === 'mode' ? mode! : num(distinct)
    }
  }
}
