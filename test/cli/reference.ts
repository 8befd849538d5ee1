import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import type { Row, RowValue } from '../../src/core/engine/columns'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../src/core/logic/customOps'
import type { JsonLogic } from '../../src/core/logic/types'

// Expected values for the headless-use tests, computed without the import and engine code under test:
// fixtures read with papaparse and converted by hand, order fields derived by a plain loop, and
// membership decided by json-logic-js row by row.

export const REPO = fileURLToPath(new URL('../..', import.meta.url))
export const FIXTURES = join(REPO, 'test', 'fixtures')
const DAY = 86_400_000

function readCsvObjects(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data
}

const numberOrNull = (s: string): number | null => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s))

/** `2025/1/3` → `2025-01-03`. */
const isoDate = (s: string): string => s.split(/[/-]/).map((p, i) => (i === 0 ? p : p.padStart(2, '0'))).join('-')

/** test/fixtures/customers.csv in row form, 年龄 read as a number ("abc" and blanks missing). */
export function fixtureCustomers(): Row[] {
  return readCsvObjects(join(FIXTURES, 'customers.csv')).map((r) => ({
    会员编号: r['会员编号'], 性别: r['性别'], 年龄: numberOrNull(r['年龄']), 城市: r['城市'], 等级: r['等级'],
    注册日期: isoDate(r['注册日期']), 邮编: Number(r['邮编']), 标签: r['标签'] === '' ? null : r['标签'].split('|'),
  }))
}

/** test/fixtures/orders.csv in row form. */
export function fixtureOrders(): Row[] {
  return readCsvObjects(join(FIXTURES, 'orders.csv')).map((r) => ({
    订单号: r['订单号'], 会员编号: r['会员编号'], 下单日期: r['下单日期'], 金额: Number(r['金额']), 品类: r['品类'],
  }))
}

export interface OrderColumns { customerId: string; orderCustomerId: string; date: string; amount: string }

/**
 * The customers with the five order fields added by a plain loop: count and total (0 without
 * orders), mean of present amounts, latest date and whole days from it to `asOf` (missing without).
 */
export function withOrderFields(customers: Row[], orders: Row[], c: OrderColumns, asOf: number): Row[] {
  const byId = new Map<string, Row[]>()
  for (const o of orders) {
    const key = String(o[c.orderCustomerId])
    byId.set(key, [...(byId.get(key) ?? []), o])
  }
  return customers.map((row) => {
    const mine = byId.get(String(row[c.customerId])) ?? []
    const amounts = mine.map((o) => o[c.amount]).filter((a): a is number => typeof a === 'number')
    const total = amounts.reduce((s, a) => s + a, 0)
    const dates = mine.map((o) => o[c.date]).filter((d): d is string => typeof d === 'string').sort()
    const last = dates.length > 0 ? dates[dates.length - 1] : null
    return {
      ...row,
      order_count: mine.length,
      total_amount: total,
      avg_amount: amounts.length > 0 ? total / amounts.length : null,
      last_order_date: last,
      days_since_last_order: last === null ? null : Math.round((asOf - Date.parse(`${last}T00:00:00Z`)) / DAY),
    }
  })
}

/** The rows json-logic-js selects (truthy result), as of `asOf` for `in_last_days`. */
export function referenceMembers(rows: readonly Row[], logic: JsonLogic, asOf: number): Row[] {
  setEvaluationAsOf(asOf)
  try {
    return rows.filter((row) => isTruthy(applyLogic(logic, row)))
  } finally {
    setEvaluationAsOf(null)
  }
}

/** The value json-logic-js computes for each row (e.g. a compiled flow's action id). */
export function referenceValues(rows: readonly Row[], logic: JsonLogic, asOf: number): unknown[] {
  setEvaluationAsOf(asOf)
  try {
    return rows.map((row) => applyLogic(logic, row))
  } finally {
    setEvaluationAsOf(null)
  }
}

/** A member file written by `--out`, read with papaparse: [header, ...ids]. */
export function readMemberFile(file: string): { bom: boolean; header: string[]; ids: string[] } {
  const text = readFileSync(file, 'utf8')
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
  return { bom: text.charCodeAt(0) === 0xfeff, header: rows[0], ids: rows.slice(1).map((r) => r[0]) }
}

export const idsOf = (rows: readonly Row[], idField: string): string[] => rows.map((r) => String(r[idField] as RowValue))
