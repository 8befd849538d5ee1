import { expect } from 'vitest'
import { formatDate } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'
import type { DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { computeOrder, deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { guessStandardColumns, standardDefinitions } from '../../../src/core/derive/standardSet'
import { generateDemo } from '../../../src/core/demo/generateDemo'
import { generateHotelDemo } from '../../../src/core/demo/generateHotelDemo'
import { flowSql, segmentSql } from '../../../src/core/io/sql/buildSql'
import type { SqlExportOptions } from '../../../src/core/io/sql/buildSql'
import type { SqlDialectName } from '../../../src/core/io/sql/dialects'
import { randomBranchLogics } from '../../../src/core/flows/randomSplit'
import { applyLogic, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import { expandedJsonLogic, lookupIn } from '../../../src/core/logic/segmentRefs'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import { allRows, referenceMembers } from '../engine/helpers'
import { c, commonSegments, g } from './demoSegments'

/** A demo dataset as the SQL export tests read it: customers, their events and the derived fields over them. */
export interface Case {
  customers: ColumnarTable
  events: ColumnarTable
  idField: string
  eventId: string
  asOf: number
  definitions: DerivedFieldDefinition[]
}

/** Extra aggregates with filters and windows, besides the standard set (its `mode` included: the favourite category). */
function extraDefinitions(date: string, amount: string, filter: Group, category: string): DerivedFieldDefinition[] {
  const base = { kind: 'aggregate', events: 'ev', dateField: date } as const
  return [
    // The mall template's field: the category of most purchases in the last 90 days.
    { ...base, name: 'x_recent_category', aggregate: 'mode', of: category, window: { lastDays: 90 } },
    { ...base, name: 'x_mode_amount', aggregate: 'mode', of: amount, filter },
    { ...base, name: 'x_recent_90', aggregate: 'count', window: { lastDays: 90 } },
    { ...base, name: 'x_filtered_sum_365', aggregate: 'sum', of: amount, filter, window: { lastDays: 365 } },
    { ...base, name: 'x_avg', aggregate: 'avg', of: amount },
    { ...base, name: 'x_min', aggregate: 'min', of: amount }, { ...base, name: 'x_max', aggregate: 'max', of: amount },
    { ...base, name: 'x_last', aggregate: 'last_date' }, { ...base, name: 'x_first_2025', aggregate: 'first_date', window: { from: '2025-01-01', to: '2025-12-31' } },
    { ...base, name: 'x_filtered_last', aggregate: 'days_since_last', filter },
    { kind: 'ratio', name: 'x_share', numerator: 'x_filtered_sum_365', denominator: 'monetary' },
  ]
}

/** Segments over the derived fields (every aggregate, ratio and RFM part read by some segment). */
export function derivedSegments(): Group[] {
  return [
    g('and', [c('recency_days', 'lt', 30)]), g('and', [c('frequency', 'ge', 8)]), g('and', [c('monetary', 'gt', 3000)]),
    g('and', [c('avg_order_value', 'between', [200, 400])]), g('and', [c('tenure_days', 'ge', 600)]),
    g('and', [c('rfm_r', 'eq', 5)]), g('and', [c('rfm_f', 'ge', 4)]), g('and', [c('rfm_m', 'le', 2)]),
    g('and', [c('rfm_cell', 'text_eq', '555', { fieldType: 'text' })]), g('and', [c('rfm_cell', 'starts_with', '5', { fieldType: 'text' })]),
    g('and', [c('rfm_class', 'any_of', ['重要价值客户'], { fieldType: 'category' })]), g('and', [c('rfm_class', 'is_empty')]),
    g('and', [c('x_recent_90', 'ge', 2)]), g('and', [c('x_filtered_sum_365', 'gt', 500)]), g('and', [c('x_avg', 'gt', 300)]),
    g('and', [c('x_min', 'lt', 50)]), g('and', [c('x_max', 'ge', 1000)]), g('and', [c('x_last', 'in_last_days', 45)]),
    g('and', [c('x_first_2025', 'before', '2025-03-01')]), g('and', [c('x_filtered_last', 'le', 100)]),
    g('and', [c('x_share', 'ge', 0.5)]), g('and', [c('x_max', 'gt', { field: 'x_avg' })]),
    g('and', [c('x_last', 'after', { field: 'signup_date' })]), g('and', [c('x_first_2025', 'on', { field: 'x_last' })]),
    g('and', [c('x_recent_category', 'is_empty', undefined, { fieldType: 'category' })]), g('and', [c('x_mode_amount', 'ge', 300)]),
  ]
}

/** Segments on the category modes (each case's own category values: the first two of the events' dictionary). */
export function modeSegments(values: readonly string[], withFavourite: boolean): Group[] {
  return values.flatMap((v) => [
    g('and', [c('x_recent_category', 'any_of', [v], { fieldType: 'category' })]),
    ...(withFavourite ? [g('and', [c('favourite_category', 'any_of', [v], { fieldType: 'category' })])] : []),
  ])
}

export function retailCase(): Case {
  const demo = generateDemo()
  const cols = guessStandardColumns(demo.orders.table.fields, 'customer_id')
  const std = standardDefinitions('ev', cols).definitions
  const filter = g('and', [c('category', 'any_of', ['运动', '数码'], { fieldType: 'category' })])
  return { customers: demo.customers.table, events: demo.orders.table, idField: 'customer_id', eventId: 'customer_id', asOf: demo.asOf, definitions: [...std, ...extraDefinitions('order_date', 'amount', filter, 'category')] }
}

export function hotelCase(): Case {
  const demo = generateHotelDemo()
  const cols = guessStandardColumns(demo.stays.table.fields, 'guest_id')
  const std = standardDefinitions('ev', cols).definitions
  const filter = g('and', [c('invoice_printed', 'is_true')])
  return { customers: demo.guests.table, events: demo.stays.table, idField: 'guest_id', eventId: 'guest_id', asOf: demo.asOf, definitions: [...std, ...extraDefinitions('check_in_date', 'amount', filter, 'room_type')] }
}

/** A case ready to compare: rows with the derived fields (as the app computes them), export options and the segments. */
export interface DemoFixture {
  k: Case
  rows: Row[]
  ids: string[]
  /** Derived fields by CTEs from the `customers` and `events` tables. */
  options: SqlExportOptions
  /** Derived fields read from `customers_derived` (derivedCustomersSql materialised once). */
  materialised: SqlExportOptions
  /** Every segment's JSON-logic, segment references expanded. */
  segments: { id: string; logic: JsonLogic }[]
}

export function demoFixture(k: Case, bool: string, dialect: SqlDialectName): DemoFixture {
  const derived = deriveAll({ customers: k.customers, idField: k.idField, asOf: k.asOf, events: { ev: { table: k.events, customerIdField: k.eventId } } }, k.definitions)
  const full = withColumns(k.customers, derived)
  const rows = allRows(full)
  const options: SqlExportOptions = {
    dialect, fields: full.fields, asOf: formatDate(k.asOf), idField: k.idField,
    derivation: { definitions: computeOrder(k.definitions), events: { ev: { table: 'events', fields: k.events.fields, customerIdField: k.eventId } } },
  }
  const modeField = (k.definitions.find((d) => d.name === 'x_recent_category') as { of: string }).of
  const col = k.events.columns[modeField] as { dict: string[] }
  const segments = [...commonSegments(k.idField, bool), ...derivedSegments(), ...modeSegments(col.dict.slice(0, 2), k.definitions.some((d) => d.name === 'favourite_category'))].map((rule, i) => ({ id: `s${i}`, name: `s${i}`, rule }))
  // Segment references, expanded as the app does: "in s2 and not in s5".
  segments.push({ id: 'ref', name: 'ref', rule: g('and', [{ kind: 'segment', id: 'r1', segmentId: 's2' }, { kind: 'segment', id: 'r2', segmentId: 's5', not: true }]) })
  const lookup = lookupIn(segments)
  return {
    k, rows, ids: rows.map((r) => String(r[k.idField])), options, materialised: { ...options, table: 'customers_derived', derivation: undefined },
    segments: segments.map((s) => ({ id: s.id, logic: expandedJsonLogic(s.rule, lookup, s.id) })),
  }
}

/** A database the statements run on: the ids a segment selects, the (id, action) rows of a flow. */
export interface SqlEngine {
  members: (sql: string) => Promise<string[]>
  pairs: (sql: string) => Promise<[string, string | null][]>
}

/** Every segment selects the customers json-logic-js selects (every `fullEvery`-th with its CTEs, the others from the materialised table). */
export async function expectSegmentsMatch(f: DemoFixture, db: SqlEngine, fullEvery: number): Promise<void> {
  let nonEmpty = 0
  for (const [i, s] of f.segments.entries()) {
    const want = referenceMembers(f.rows, s.logic, f.k.asOf).map((r) => f.ids[r]).sort()
    const got = (await db.members(segmentSql(s.logic, i % fullEvery === 0 ? f.options : f.materialised))).sort()
    expect(got, `${s.id}: ${JSON.stringify(s.logic)}`).toEqual(want)
    if (want.length > 0 && want.length < f.rows.length) nonEmpty++
  }
  // The segments must discriminate, or equality proves little.
  expect(nonEmpty).toBeGreaterThan(f.segments.length * 0.7)
}

/** A flow's statement routes every customer to the action json-logic-js routes them to (action ids written as `names`). */
export async function expectFlowMatches(f: DemoFixture, db: SqlEngine, flow: JsonLogic, names: Readonly<Record<string, string>> = {}): Promise<[string, string | null][]> {
  setEvaluationAsOf(f.k.asOf)
  const want = new Map(f.rows.map((r, i) => [f.ids[i], applyLogic(flow, r) as string | null]))
  const got = await db.pairs(flowSql(flow, f.materialised, names))
  expect(got.length).toBe(f.rows.length)
  const named = (a: string | null): string | null => (a !== null && Object.hasOwn(names, a) ? names[a] : a)
  for (const [id, action] of got) expect(action, id).toBe(named(want.get(id) ?? null))
  return got
}

/** A random split with a 10 % control group and a 45 / 45 rest. */
export function randomSplitFlow(f: DemoFixture): JsonLogic {
  const [control, half] = randomBranchLogics(f.k.idField, 'campaign-7', [1000, 4500])
  return { if: [control, 'control', half, 'a', 'b'] }
}

/** Nested `if`s over a segment and derived fields, with a customer who reaches no action (NULL). */
export function nestedFlow(f: DemoFixture): JsonLogic {
  return {
    if: [f.segments[2].logic, 'young', toJsonLogic(g('and', [c('rfm_class', 'not_empty')])),
      { if: [toJsonLogic(g('and', [c('rfm_r', 'ge', 4)])), 'vip', 'care'] }, null],
  }
}
