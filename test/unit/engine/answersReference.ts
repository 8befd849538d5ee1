import type { ColumnarTable, Row, RowValue } from '../../../src/core/engine/columns'
import { applyDerived, deriveOrderFields } from '../../../src/core/derive/deriveOrderFields'
import { DEMO_LINKS, generateDemo } from '../../../src/core/demo/generateDemo'
import type { FieldType } from '../../../src/core/fields/types'
import { nodeToJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Group, JsonLogic, RuleNode } from '../../../src/core/logic/types'
import { allRows, referenceMembers } from './helpers'

// Independent answers for the "answers the UI needs" tests (issue 4 item 5): plain loops over
// row objects and json-logic-js membership, never the bitsets or sort code under test.

export interface Reference {
  table: ColumnarTable
  rows: Row[]
  asOf: number
}

/** The demo customers with their derived order fields, as the app stores them. */
export function demoReference(seed: number, customers: number): Reference {
  const demo = generateDemo(seed, customers)
  const derived = deriveOrderFields(demo.customers.table, DEMO_LINKS.customerIdField, demo.orders.table, DEMO_LINKS.eventCustomerIdField, {
    dateField: DEMO_LINKS.dateField, amountField: DEMO_LINKS.amountField, asOf: demo.asOf,
  })
  const table = applyDerived(demo.customers.table, derived)
  return { table, rows: allRows(table), asOf: demo.asOf }
}

/** Members by json-logic-js, row by row. */
export function membersOfRule(ref: Reference, logic: JsonLogic): number[] {
  return referenceMembers(ref.rows, logic, ref.asOf)
}

/** Sum, count, average and share of a number field, by a loop over row objects (null skipped). */
export function naiveMeasure(rows: Row[], members: number[], field: string) {
  let sum = 0, present = 0, totalSum = 0
  for (const i of members) {
    const v = rows[i][field]
    if (typeof v === 'number') {
      sum += v
      present++
    }
  }
  for (const row of rows) {
    const v = row[field]
    if (typeof v === 'number') totalSum += v
  }
  return { field, sum, present, totalSum, avg: present ? sum / present : null, share: totalSum ? sum / totalSum : null }
}

/** |A ∩ B| for every pair, with sets. */
export function naiveOverlap(memberLists: number[][]): number[][] {
  const sets = memberLists.map((m) => new Set(m))
  return sets.map((a) => sets.map((b) => [...a].filter((i) => b.has(i)).length))
}

function compareByType(type: FieldType, a: RowValue, b: RowValue): number {
  if (type === 'text' || type === 'category') {
    const x = a as string, y = b as string
    return x.localeCompare(y, 'zh-CN') || (x < y ? -1 : x > y ? 1 : 0)
  }
  // Numbers by value, booleans false < true, dates as ISO strings of one format (chronological).
  const x = a as number | string | boolean, y = b as number | string | boolean
  return x < y ? -1 : x > y ? 1 : 0
}

/** Members sorted by a field with a comparator sort: missing last, ties in row order. */
export function naiveOrder(ref: Reference, members: number[], field: string, direction: 'asc' | 'desc'): number[] {
  const type = ref.table.fields.find((f) => f.name === field)!.type
  const value = (i: number) => ref.rows[i][field]
  const sign = direction === 'desc' ? -1 : 1
  const present = members.filter((i) => value(i) !== null)
  present.sort((i, j) => sign * compareByType(type, value(i), value(j)) || i - j)
  return [...present, ...members.filter((i) => value(i) === null)]
}

/** Row `i` as a list shows it: the id field first. */
export function listRow(ref: Reference, i: number, idField: string): Row {
  return { [idField]: ref.rows[i][idField], ...ref.rows[i] }
}

/** Per-node counts and AND-group funnels, each by json-logic-js on the node's own logic. */
export function naiveBreakdown(ref: Reference, rule: Group) {
  const alone: Record<string, number> = {}
  const remaining: Record<string, number> = {}
  const visit = (node: RuleNode): void => {
    alone[node.id] = membersOfRule(ref, nodeToJsonLogic(node)).length
    if (node.kind !== 'group') return
    node.children.forEach((child, k) => {
      visit(child)
      if (node.combinator === 'and') {
        remaining[child.id] = membersOfRule(ref, { and: node.children.slice(0, k + 1).map(nodeToJsonLogic) }).length
      }
    })
  }
  visit(rule)
  return { alone, remaining, total: ref.rows.length }
}
