import { formatDate, type ColumnarTable } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { OPERATORS } from '../../../src/core/logic/operators'
import { conditionToJsonLogic, toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, ConditionValue, JsonLogic, Operator } from '../../../src/core/logic/types'

/** One builder condition as canonical JSON-logic, with a readable label. */
export interface OperatorCase {
  op: Operator
  label: string
  logic: JsonLogic
}

function pick<T>(xs: T[], k: number): T[] {
  if (xs.length <= k) return xs
  return Array.from({ length: k }, (_, j) => xs[Math.round((j * (xs.length - 1)) / (k - 1))])
}

function distinctStrings(table: ColumnarTable, name: string): string[] {
  const col = table.columns[name]
  return 'dict' in col ? [...new Set(col.dict)] : []
}

function distinctNumbers(table: ColumnarTable, name: string): number[] {
  const col = table.columns[name]
  if (col.type !== 'number' && col.type !== 'date') return []
  return [...new Set(Array.from(col.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b)
}

/** Values taken from the data (smallest, largest, some in between) plus a few that are not in it. */
function valuesFor(op: Operator, f: FieldMeta, table: ColumnarTable, k: number): ConditionValue[] {
  const strings = pick(distinctStrings(table, f.name), k)
  const numbers = pick(distinctNumbers(table, f.name), k)
  const dates = numbers.map((ms) => formatDate(ms, 'date'))
  const dateTimes = f.dateFormat === 'datetime' ? numbers.map((ms) => formatDate(ms, 'datetime')) : []
  switch (op) {
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
      return [...numbers, 0, -1, (numbers.at(-1) ?? 0) + 1]
    case 'between': return [[numbers[0] ?? 0, numbers.at(-1) ?? 0], [numbers[1] ?? 0, numbers[1] ?? 0], [5, 1]]
    case 'text_eq': return [...strings, '', 'zzz-absent']
    case 'contains': return [...strings.map((s) => s.slice(0, 1)), '', 'b', 'zzz-absent']
    case 'in_list': case 'any_of': case 'none_of':
      return [strings.slice(0, 1), strings.slice(0, 3), [], ['zzz-absent', ...strings.slice(-1)]]
    case 'before': case 'after': return [...dates, ...dateTimes, '2026-06-30']
    case 'date_between': return [[dates[0] ?? '2000-01-01', dates.at(-1) ?? '2030-01-01'], [dates[1] ?? '2026-01-01', '2026-06-30'], ['2026-06-30', '2026-01-01']]
    case 'in_last_days': case 'days_ago_at_least': case 'in_next_days': return [0, 1, 2, 7, 30, 365, 0.5, 100000]
    case 'not_between': return [[numbers[0] ?? 0, numbers.at(-1) ?? 0], [numbers[1] ?? 0, numbers[1] ?? 0], [5, 1]]
    case 'text_ne': case 'starts_with': case 'ends_with': return [...strings, '', 'zzz-absent', ...strings.map((s) => s.slice(0, 1))]
    case 'not_contains': return [...strings.map((s) => s.slice(0, 1)), '', 'b', 'zzz-absent']
    case 'not_in_list': case 'all_of':
      return [strings.slice(0, 1), strings.slice(0, 3), [], ['zzz-absent', ...strings.slice(-1)]]
    case 'on': return [...dates, ...dateTimes, '2026-06-30', 'not a date']
    case 'in_last_weeks': return [0, 1, 2, 52, 0.5]
    case 'in_last_months': return [0, 1, 3, 12, 1.5, 100000]
    case 'anniversary_month': return [0, 1, 6, 12, 13]
    default: return [null]
  }
}

/**
 * Every builder operator on every field of a type it applies to, with values chosen from the
 * data; each plain and, with `negated`, inside a negated group too (the `!` path).
 */
export function operatorCases(table: ColumnarTable, perField = 4, negated = true): OperatorCase[] {
  const out: OperatorCase[] = []
  for (const f of table.fields) {
    for (const info of OPERATORS) {
      if (!info.types.includes(f.type)) continue
      for (const value of valuesFor(info.op, f, table, perField)) {
        const cond: Condition = { kind: 'condition', id: 'c', field: f.name, op: info.op, value, fieldType: f.type }
        const label = `${f.name} (${f.type}) ${info.op} ${JSON.stringify(value)}`
        out.push({ op: info.op, label, logic: conditionToJsonLogic(cond) })
        if (info.ignoreCase) out.push({ op: info.op, label: `${label} ignoring case`, logic: conditionToJsonLogic({ ...cond, ignoreCase: true }) })
        if (negated) out.push({ op: info.op, label: `not(${label})`, logic: toJsonLogic({ kind: 'group', id: 'g', combinator: 'and', not: true, children: [cond] }) })
      }
    }
  }
  return [...out, ...fieldCompareCases(table)]
}

/** Each fieldCompare operator between every two number fields, and every two date fields of one format. */
function fieldCompareCases(table: ColumnarTable): OperatorCase[] {
  const out: OperatorCase[] = []
  const fields = table.fields.filter((f) => f.type === 'number' || f.type === 'date')
  for (const info of OPERATORS.filter((o) => o.fieldCompare)) {
    for (const f of fields) {
      for (const g of fields) {
        if (!info.types.includes(f.type) || g.type !== f.type || g.dateFormat !== f.dateFormat) continue
        const cond: Condition = { kind: 'condition', id: 'c', field: f.name, op: info.op, value: { field: g.name }, fieldType: f.type }
        out.push({ op: info.op, label: `${f.name} ${info.op} field ${g.name}`, logic: conditionToJsonLogic(cond) })
      }
    }
  }
  return out
}
