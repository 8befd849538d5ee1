import type { ColumnarTable } from '../engine/columns'
import type { ParsedValue } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { makeColumnBuilder } from '../io/buildColumnsBuilders'
import { mulberry32 } from './random'
import type { Rng } from './random'

export const DAY_MS = 86_400_000

/**
 * Builds a `count`-row table with `fields` from `draw(i)`, which returns row `i`'s values in field order
 * and a profile (whatever the event generator needs to know about that row); returns both.
 */
export function generateRows<P>(
  fields: readonly FieldMeta[], count: number, draw: (i: number) => { row: ParsedValue[]; profile: P },
): { table: ColumnarTable; profiles: P[] } {
  const builders = fields.map((f) => makeColumnBuilder(f, count))
  const profiles: P[] = []
  for (let i = 0; i < count; i++) {
    const { row, profile } = draw(i)
    row.forEach((v, k) => builders[k].push(v))
    profiles.push(profile)
  }
  const columns = Object.fromEntries(fields.map((f, k) => [f.name, builders[k].finish()]))
  return { table: { rowCount: count, fields: fields.map((f) => ({ ...f })), columns }, profiles }
}

/** A generated table and its field list. */
export interface DemoTable {
  fields: FieldMeta[]
  table: ColumnarTable
}

/** How a demo's customer and event tables are drawn (UTC day numbers; events within [windowStart, asOfDay]). */
export interface LinkedGenerators<P> {
  idField: string
  customers: (rng: Rng, count: number, asOfDay: number, windowStart: number) => { table: ColumnarTable; profiles: P[] }
  events: (rng: Rng, profiles: readonly P[], customerIds: readonly string[], windowStart: number, asOfDay: number) => ColumnarTable
}

/**
 * A customer table and its event table from one seeded generator: `count` customers, then their
 * events over the `windowDays` days up to `asOf` (epoch ms, UTC midnight).
 */
export function generateLinked<P>(
  seed: number, count: number, asOf: number, windowDays: number, gen: LinkedGenerators<P>,
): { customers: DemoTable; events: DemoTable } {
  const rng = mulberry32(seed)
  const asOfDay = asOf / DAY_MS
  const windowStart = asOfDay - windowDays
  const { table: customers, profiles } = gen.customers(rng, count, asOfDay, windowStart)
  const idCol = customers.columns[gen.idField]
  if (idCol?.type !== 'text') throw new Error(`demo: ${gen.idField} must be text`)
  const events = gen.events(rng, profiles, idCol.dict, windowStart, asOfDay)
  return {
    customers: { fields: customers.fields.map((f) => ({ ...f })), table: customers },
    events: { fields: events.fields.map((f) => ({ ...f })), table: events },
  }
}
