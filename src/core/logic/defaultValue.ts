import type { FieldMeta } from '../fields/types'
import type { ConditionValue, Operator } from './types'

/**
 * The value a condition starts with when the user picks operator `op` on `field`, keeping the
 * previous value where it still fits the operator's shape (so switching < to ≥ keeps the number).
 */
export function defaultValue(op: Operator, _field: FieldMeta, previous?: ConditionValue, today = new Date()): ConditionValue | undefined {
  const date = today.toISOString().slice(0, 10)
  switch (op) {
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
      return typeof previous === 'number' ? previous : 0
    case 'between':
      return Array.isArray(previous) && typeof previous[0] === 'number' ? previous : [0, 100]
    case 'text_eq': case 'contains':
      return typeof previous === 'string' ? previous : ''
    case 'in_list': case 'any_of': case 'none_of':
      return Array.isArray(previous) && previous.every((v) => typeof v === 'string') ? previous : []
    case 'before': case 'after':
      return typeof previous === 'string' && /^\d{4}-\d{2}-\d{2}/.test(previous) ? previous : date
    case 'date_between':
      return [date, date]
    case 'in_last_days':
      return typeof previous === 'number' && previous > 0 ? previous : 30
    default:
      return undefined
  }
}
