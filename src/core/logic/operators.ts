import type { FieldType } from '../fields/types'
import { parseIsoDate } from '../engine/columns'
import type { ConditionValue, FieldRef, Operator, OperatorInfo } from './types'

/**
 * The operator catalogue. Order matters: `operatorsFor` keeps it, and the UI lists operators
 * in this order. `any_of`/`none_of` serve both category fields (value in the list) and list
 * fields (the tag list shares an element with the values); toJsonLogic tells them apart by the
 * condition's `fieldType`.
 */
export const OPERATORS: readonly OperatorInfo[] = [
  { op: 'eq', types: ['number'], value: 'number', fieldCompare: true },
  { op: 'ne', types: ['number'], value: 'number', fieldCompare: true },
  { op: 'lt', types: ['number'], value: 'number', fieldCompare: true },
  { op: 'le', types: ['number'], value: 'number', fieldCompare: true },
  { op: 'gt', types: ['number'], value: 'number', fieldCompare: true },
  { op: 'ge', types: ['number'], value: 'number', fieldCompare: true },
  { op: 'between', types: ['number'], value: 'numberRange' },
  { op: 'not_between', types: ['number'], value: 'numberRange' },
  { op: 'text_eq', types: ['text'], value: 'text', fieldCompare: true, ignoreCase: true },
  { op: 'text_ne', types: ['text'], value: 'text', fieldCompare: true, ignoreCase: true },
  { op: 'contains', types: ['text'], value: 'text', ignoreCase: true },
  { op: 'not_contains', types: ['text'], value: 'text', ignoreCase: true },
  { op: 'starts_with', types: ['text'], value: 'text', ignoreCase: true },
  { op: 'ends_with', types: ['text'], value: 'text', ignoreCase: true },
  { op: 'in_list', types: ['text'], value: 'textList', ignoreCase: true },
  { op: 'not_in_list', types: ['text'], value: 'textList', ignoreCase: true },
  { op: 'any_of', types: ['category', 'list'], value: 'categoryList' },
  { op: 'all_of', types: ['list'], value: 'categoryList' },
  { op: 'none_of', types: ['category', 'list'], value: 'categoryList' },
  { op: 'is_true', types: ['boolean'], value: 'none' },
  { op: 'is_false', types: ['boolean'], value: 'none' },
  { op: 'before', types: ['date'], value: 'date', fieldCompare: true },
  { op: 'after', types: ['date'], value: 'date', fieldCompare: true },
  { op: 'on', types: ['date'], value: 'date', fieldCompare: true },
  { op: 'date_between', types: ['date'], value: 'dateRange' },
  { op: 'in_last_days', types: ['date'], value: 'days' },
  { op: 'in_last_weeks', types: ['date'], value: 'weeks' },
  { op: 'in_last_months', types: ['date'], value: 'months' },
  { op: 'days_ago_at_least', types: ['date'], value: 'days' },
  { op: 'in_next_days', types: ['date'], value: 'days' },
  { op: 'anniversary_month', types: ['date'], value: 'month' },
  { op: 'is_empty', types: ['number', 'text', 'category', 'boolean', 'date', 'list'], value: 'none' },
  { op: 'not_empty', types: ['number', 'text', 'category', 'boolean', 'date', 'list'], value: 'none' },
]

const BY_OP = new Map<Operator, OperatorInfo>(OPERATORS.map((o) => [o.op, o]))

/** Every operator name of the catalogue. */
export const ALL_OPERATORS: readonly Operator[] = OPERATORS.map((o) => o.op)

/** The catalogue entry of `op`, or undefined for a name that is not an operator. */
export function operatorInfo(op: string): OperatorInfo | undefined {
  return BY_OP.get(op as Operator)
}

/** Operators the builder offers for a field of type `type`, in catalogue order. */
export function operatorsFor(type: FieldType): Operator[] {
  return OPERATORS.filter((o) => o.types.includes(type)).map((o) => o.op)
}

/** Whether `op` may be used on a field of type `type`. */
export function operatorFits(op: Operator, type: FieldType): boolean {
  return BY_OP.get(op)?.types.includes(type) ?? false
}

/** Whether a condition value is a FieldRef (compare with another field). */
export function isFieldRef(v: unknown): v is FieldRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as FieldRef).field === 'string'
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(parseIsoDate(v))
const isPair = <T>(v: unknown, item: (x: unknown) => x is T): v is [T, T] =>
  Array.isArray(v) && v.length === 2 && item(v[0]) && item(v[1])

/**
 * Whether `value` has the shape operator `op` needs (see ConditionValue): a finite number,
 * a pair, a string list, an ISO date, a non-negative day count, or nothing at all.
 */
export function valueFitsOperator(op: Operator, value: ConditionValue | undefined): boolean {
  const info = BY_OP.get(op)
  if (isFieldRef(value)) return info?.fieldCompare === true && value.field !== ''
  switch (info?.value) {
    case 'number': return isNum(value)
    case 'numberRange': return isPair(value, isNum)
    case 'text': return typeof value === 'string'
    case 'textList':
    case 'categoryList': return Array.isArray(value) && value.every((v) => typeof v === 'string')
    case 'date': return isDate(value)
    case 'dateRange': return isPair(value, isDate)
    case 'days':
    case 'weeks':
    case 'months': return isNum(value) && value >= 0
    case 'month': return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 12
    case 'none': return value === undefined || value === null
    default: return false
  }
}
