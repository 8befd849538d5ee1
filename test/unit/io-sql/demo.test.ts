import { describe, expect, it } from 'vitest'
import { formatDate } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'
import type { DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { computeOrder, deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { guessStandardColumns, standardDefinitions } from '../../../src/core/derive/standardSet'
import { generateDemo } from '../../../src/core/demo/generateDemo'
import { generateHotelDemo } from '../../../src/core/demo/generateHotelDemo'
import { derivedCustomersSql, flowSql, segmentSql } from '../../../src/core/io/sql/buildSql'
import type { SqlExportOptions } from '../../../src/core/io/sql/buildSql'
import { randomBranchLogics } from '../../../src/core/flows/randomSplit'
import { expandedJsonLogic, lookupIn } from '../../../src/core/logic/segmentRefs'
import { applyLogic, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import { allRows, referenceMembers } from '../engine/helpers'
import { c, commonSegments, g } from './demoSegments'
import { duckSuite, firstColumn, loadTable, pairs } from './duckdb'

interface Case {
  customers: ColumnarTable
  events: ColumnarTable
  idField: string
  eventId: string
  asOf: number
  definitions: DerivedFieldDefinition[]
}

/** Extra aggregates with filters and windows, besides the standard set (minus `mode`, which SQL export refuses). */
function extraDefinitions(date: string, amount: string, filter: Group): DerivedFieldDefinition[] {
  const base = { kind: 'aggregate', events: 'ev', dateField: date } as const
  return [
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
function derivedSegments(): Group[] {
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
  ]
}

function retailCase(): Case {
  const demo = generateDemo()
  const cols = guessStandardColumns(demo.orders.table.fields, 'customer_id')
  const std = standardDefinitions('ev', cols).definitions.filter((d) => !(d.kind === 'aggregate' && d.aggregate === 'mode'))
  const filter = g('and', [c('category', 'any_of', ['运动', '数码'], { fieldType: 'category' })])
  return { customers: demo.customers.table, events: demo.orders.table, idField: 'customer_id', eventId: 'customer_id', asOf: demo.asOf, definitions: [...std, ...extraDefinitions('order_date', 'amount', filter)] }
}

function hotelCase(): Case {
  const demo = generateHotelDemo()
  const cols = guessStandardColumns(demo.stays.table.fields, 'guest_id')
  const std = standardDefinitions('ev', cols).definitions.filter((d) => !(d.kind === 'aggregate' && d.aggregate === 'mode'))
  const filter = g('and', [c('invoice_printed', 'is_true')])
  return { customers: demo.guests.table, events: demo.stays.table, idField: 'guest_id', eventId: 'guest_id', asOf: demo.asOf, definitions: [...std, ...extraDefinitions('check_in_date', 'amount', filter)] }
}

for (const [name, make, bool] of [['retail', retailCase, 'email_opt_in'], ['hotel', hotelCase, 'corporate_guest']] as const) {
  describe(`SQL export on the ${name} demo = the app (DuckDB)`, () => {
    const k = make()
    const derived = deriveAll({ customers: k.customers, idField: k.idField, asOf: k.asOf, events: { ev: { table: k.events, customerIdField: k.eventId } } }, k.definitions)
    const full = withColumns(k.customers, derived)
    const rows: Row[] = allRows(full)
    const ids = rows.map((r) => String(r[k.idField]))
    const con = duckSuite(async (db, dir) => {
      await loadTable(db, dir, 'customers', k.customers)
      await loadTable(db, dir, 'events', k.events)
      // Most segments read the derived fields materialised once by the same CTEs (for speed); the
      // whole statements, CTEs included, are run for a sample below.
      await db.run(`CREATE TABLE customers_derived AS ${derivedCustomersSql(options)}`)
    })

    const options: SqlExportOptions = {
      dialect: 'duckdb', fields: full.fields, asOf: formatDate(k.asOf), idField: k.idField,
      derivation: { definitions: computeOrder(k.definitions), events: { ev: { table: 'events', fields: k.events.fields, customerIdField: k.eventId } } },
    }
    const materialised: SqlExportOptions = { ...options, table: 'customers_derived', derivation: undefined }
    const segments = [...commonSegments(k.idField, bool), ...derivedSegments()].map((rule, i) => ({ id: `s${i}`, name: `s${i}`, rule }))
    // Segment references, expanded as the app does: "in s2 and not in s5".
    segments.push({ id: 'ref', name: 'ref', rule: g('and', [{ kind: 'segment', id: 'r1', segmentId: 's2' }, { kind: 'segment', id: 'r2', segmentId: 's5', not: true }]) })
    const lookup = lookupIn(segments)

    it('every segment: the same members as json-logic-js', async () => {
      let nonEmpty = 0
      for (const [i, s] of segments.entries()) {
        const logic = expandedJsonLogic(s.rule, lookup, s.id)
        const want = referenceMembers(rows, logic, k.asOf).map((r) => ids[r]).sort()
        const got = (await firstColumn(con(), segmentSql(logic, i % 8 === 0 ? options : materialised))).sort()
        expect(got, `${s.id}: ${JSON.stringify(logic)}`).toEqual(want)
        if (want.length > 0 && want.length < rows.length) nonEmpty++
      }
      // The segments must discriminate, or equality proves little.
      expect(nonEmpty).toBeGreaterThan(segments.length * 0.7)
    }, 60_000)

    it('a random split (10 % control): every customer in the same branch as the app (hash in SQL)', async () => {
      const [control, half] = randomBranchLogics(k.idField, 'campaign-7', [1000, 4500])
      const flow: JsonLogic = { if: [control, 'control', half, 'a', 'b'] }
      setEvaluationAsOf(k.asOf)
      const got = await pairs(con(), flowSql(flow, materialised))
      const want = new Map(rows.map((r, i) => [ids[i], applyLogic(flow, r) as string]))
      expect(got.length).toBe(rows.length)
      for (const [id, action] of got) expect(action, id).toBe(want.get(id))
      expect(got.filter(([, a]) => a === 'control').length).toBeGreaterThan(0)
      expect(() => flowSql(flow, { ...materialised, dialect: 'postgres' })).toThrow(/random split \("bucket"\).*DuckDB only/)
    }, 60_000)

    it('a flow as CASE WHEN: every customer gets the action json-logic-js routes them to', async () => {
      const flow: JsonLogic = {
        if: [expandedJsonLogic(segments[2].rule, lookup), 'young', expandedJsonLogic(g('and', [c('rfm_class', 'not_empty')]), lookup),
          { if: [expandedJsonLogic(g('and', [c('rfm_r', 'ge', 4)]), lookup), 'vip', 'care'] }, null],
      }
      setEvaluationAsOf(k.asOf)
      const want = new Map(rows.map((r, i) => [ids[i], applyLogic(flow, r) as string | null]))
      const names = { young: '年轻客户', vip: 'VIP', care: "win'back" }
      const got = await pairs(con(), flowSql(flow, materialised, names))
      expect(got.length).toBe(rows.length)
      for (const [id, action] of got) expect(action, id).toBe(want.get(id) === null ? null : names[want.get(id) as keyof typeof names])
    }, 60_000)
  })
}
