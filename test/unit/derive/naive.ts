import type { Row, RowValue } from '../../../src/core/engine/columns'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'

// The reference for derived fields, written without the columnar code under test: row objects (rowAt),
// ISO date strings compared as text, json-logic-js for filters, one customer at a time.

const DAY = 86_400_000

export interface NaiveDefinition {
  aggregate: string
  of?: string
  dateField?: string
  filter?: JsonLogic | null
  window?: { lastDays: number } | { from: string; to: string }
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Whether an event row counts for the definition (filter, as-of cut-off, window). */
function counts(e: Row, def: NaiveDefinition, asOf: number): boolean {
  if (def.filter && !isTruthy(applyLogic(def.filter, e))) return false
  if (!def.dateField) return true
  const d = e[def.dateField]
  if (d === null) return !def.window
  const day = String(d).slice(0, 10)
  if (day > isoDay(asOf)) return false
  if (!def.window) return true
  if ('lastDays' in def.window) return day >= isoDay(asOf - (def.window.lastDays - 1) * DAY)
  return day >= def.window.from && day <= def.window.to
}

function less(a: RowValue, b: RowValue): boolean {
  return typeof a === 'boolean' ? !a && b === true : (a as number | string) < (b as number | string)
}

function modeOf(values: RowValue[]): RowValue {
  const n = new Map<RowValue, number>()
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1)
  let best: RowValue = null
  for (const [v, c] of n) {
    const bc = best === null ? -1 : n.get(best)!
    if (c > bc || (c === bc && less(v, best))) best = v
  }
  return best
}

/** Whole days from a date's UTC day to the as-of date (a UTC midnight in these tests). */
function daysSince(day: string | null, asOf: number): number | null {
  return day === null ? null : Math.round((asOf - Date.parse(`${day.slice(0, 10)}T00:00:00Z`)) / DAY)
}

/** The aggregate over one customer's events, as the README defines it. */
export function naiveAggregate(events: Row[], def: NaiveDefinition, asOf: number): RowValue {
  const present = def.of ? events.map((e) => e[def.of!]).filter((v) => v !== null) : []
  const dates = def.dateField ? events.map((e) => e[def.dateField!]).filter((v): v is string => v !== null).sort() : []
  const sum = (present as number[]).reduce((s, v) => s + v, 0)
  const sorted = [...present].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0))
  switch (def.aggregate) {
    case 'count': return events.length
    case 'sum': return sum
    case 'avg': return present.length ? sum / present.length : null
    case 'min': return sorted.length ? sorted[0] : null
    case 'max': return sorted.length ? sorted[sorted.length - 1] : null
    case 'distinct_count': return new Set(present).size
    case 'first_date': return dates[0] ?? null
    case 'last_date': return dates.at(-1) ?? null
    case 'days_since_first': return daysSince(dates[0] ?? null, asOf)
    case 'days_since_last': return daysSince(dates.at(-1) ?? null, asOf)
    case 'mode': return modeOf(present)
    default: throw new Error(`unknown aggregate ${def.aggregate}`)
  }
}

/**
 * The derived field for every customer: events go to the first customer with their id (ids compared as
 * strings), filtered and windowed, then aggregated.
 */
export function naiveDerive(customers: Row[], idField: string, events: Row[], evIdField: string, def: NaiveDefinition, asOf: number): RowValue[] {
  const owner = new Map<string, number>()
  customers.forEach((c, i) => {
    if (c[idField] !== null && !owner.has(String(c[idField]))) owner.set(String(c[idField]), i)
  })
  const mine: Row[][] = customers.map(() => [])
  setEvaluationAsOf(asOf)
  try {
    for (const e of events) {
      const i = e[evIdField] === null ? undefined : owner.get(String(e[evIdField]))
      if (i !== undefined && counts(e, def, asOf)) mine[i].push(e)
    }
  } finally {
    setEvaluationAsOf(null)
  }
  return mine.map((evs) => naiveAggregate(evs, def, asOf))
}
