import type { ColumnarTable } from '../../../src/core/engine/columns'
import { DEMO_LINKS, generateDemo } from '../../../src/core/demo/generateDemo'
import { applyDerived, deriveOrderFields } from '../../../src/core/derive/deriveOrderFields'
import { Engine } from '../../../src/core/engine/evaluate'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group } from '../../../src/core/logic/types'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { allRows, makeTable, membersOf, referenceMembers, type Cell } from '../engine/helpers'

export const AS_OF = Date.UTC(2026, 5, 30)
export const FIELDS = { recency: 'rec', frequency: 'freq', monetary: 'spend' }

const meta: FieldMeta[] = [
  { name: 'id', type: 'text' }, { name: 'rec', type: 'number' }, { name: 'freq', type: 'number' }, { name: 'spend', type: 'number' },
]

/** A table of [id, recency, frequency, monetary] rows (null = missing). */
export function valueTable(rows: Array<[string, Cell, Cell, Cell]>): ColumnarTable {
  return makeTable(meta, rows.map(([id, rec, freq, spend]) => ({ id, rec, freq, spend })))
}

/** Members of `rule` by the Engine, after checking json-logic-js selects the same rows. */
export function ruleMembers(table: ColumnarTable, rule: Group): number[] {
  const logic = toJsonLogic(rule)
  const engine = membersOf(new Engine(table, { asOf: AS_OF }).evaluate(logic))
  const reference = referenceMembers(allRows(table), logic, AS_OF)
  if (JSON.stringify(engine) !== JSON.stringify(reference)) throw new Error(`engine ${engine} ≠ json-logic-js ${reference}`)
  return engine
}

/** The retail demo's customers with the order fields the app derives when it stores them. */
export function retailCustomers(n = 1500, seed?: number): ColumnarTable {
  const demo = generateDemo(seed, n)
  const l = DEMO_LINKS
  const derived = deriveOrderFields(demo.customers.table, l.customerIdField, demo.orders.table, l.eventCustomerIdField, {
    dateField: l.dateField, amountField: l.amountField, asOf: demo.asOf,
  })
  return applyDerived(demo.customers.table, derived)
}

