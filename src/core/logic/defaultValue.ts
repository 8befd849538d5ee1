import type { FieldMeta } from '../fields/types'
import { isFieldRef, operatorInfo, valueFitsOperator } from './operators'
import type { ConditionValue, Operator, OperatorInfo } from './types'

/** Starting counts of the counting date operators: the most common question for each. */
const COUNT_DEFAULTS: Partial<Record<Operator, number>> = {
  in_last_days: 30,
  days_ago_at_least: 90,
  in_next_days: 7,
  in_last_weeks: 4,
  in_last_months: 3,
}

/** The fresh value of an editor shape (nothing kept). `date` is today's ISO date. */
function freshValue(op: Operator, kind: OperatorInfo['value'], date: string): ConditionValue | undefined {
  switch (kind) {
    case 'number': return 0
    case 'numberRange': return [0, 100]
    case 'text': return ''
    case 'textList':
    case 'categoryList': return []
    case 'date': return date
    case 'dateRange': return [date, date]
    case 'days':
    case 'weeks':
    case 'months': return COUNT_DEFAULTS[op] ?? 1
    // 0 = the month of the data's as-of date, the question that stays right as the data moves on.
    case 'month': return 0
    default: return undefined
  }
}

/**
 * Whether `previous` may stay on `op`. Within one editor shape (`previousOp` known) the value stays
 * as it is, even half-typed: an emptied box stays "no value yet", never a silent 0. Otherwise it
 * must fit the operator, with a count above 0.
 */
function keeps(op: Operator, info: OperatorInfo, previous: ConditionValue | undefined, previousOp?: Operator): boolean {
  if (previous === undefined) return false
  if (isFieldRef(previous)) return valueFitsOperator(op, previous)
  // 30 days are not 30 weeks nor the month 6: a count is kept only within the same unit.
  if (previousOp !== undefined) return operatorInfo(previousOp)?.value === info.value
  if (!valueFitsOperator(op, previous)) return false
  const counting = info.value === 'days' || info.value === 'weeks' || info.value === 'months'
  return !counting || (previous as number) > 0
}

/**
 * The value a condition starts with when the user picks operator `op` on `field`, keeping the
 * previous value where it still fits the operator's shape (so switching < to ≥ keeps the number).
 * A FieldRef stays when `op` allows field comparison. Pass `previousOp` (the operator being
 * replaced) so a count is only kept within the same unit; without it any fitting value is kept.
 * Defaults: 0, [0, 100], '', [], today, 30/90/7 days, 4 weeks, 3 months, month 0 (the as-of month).
 */
export function defaultValue(
  op: Operator, _field: FieldMeta, previous?: ConditionValue, today = new Date(), previousOp?: Operator,
): ConditionValue | undefined {
  const info = operatorInfo(op)
  if (!info || info.value === 'none') return undefined
  if (keeps(op, info, previous, previousOp)) return previous
  return freshValue(op, info.value, today.toISOString().slice(0, 10))
}
