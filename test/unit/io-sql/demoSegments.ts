import type { Condition, ConditionValue, Group, Operator, RuleNode } from '../../../src/core/logic/types'

let n = 0
/** A builder condition (canonical JSON-logic comes from toJsonLogic). */
export function c(field: string, op: Operator, value?: ConditionValue, extra: Partial<Condition> = {}): Condition {
  const cond: Condition = { kind: 'condition', id: `c${++n}`, field, op, ...extra }
  if (value !== undefined) cond.value = value
  return cond
}

/** A builder group. */
export function g(combinator: 'and' | 'or', children: RuleNode[], not = false): Group {
  return { kind: 'group', id: `g${++n}`, combinator, children, ...(not ? { not } : {}) }
}

/** One segment per builder operator on the fields every demo has (customers: age, city, member_level, signup_date, tags, gender). */
export function commonSegments(id: string, bool: string): Group[] {
  return [
    g('and', [c('age', 'eq', 35)]), g('and', [c('age', 'ne', 35)]), g('and', [c('age', 'lt', 30)]), g('and', [c('age', 'le', 30)]),
    g('and', [c('age', 'gt', 50)]), g('and', [c('age', 'ge', 50)]), g('and', [c('age', 'between', [25, 35])]),
    g('and', [c('age', 'not_between', [25, 35])]), g('and', [c('age', 'is_empty')]), g('and', [c('age', 'not_empty')]),
    g('and', [c(id, 'starts_with', 'C0001', { fieldType: 'text' })]), g('and', [c(id, 'ends_with', '7', { fieldType: 'text' })]),
    g('and', [c(id, 'contains', '12', { fieldType: 'text' })]), g('and', [c(id, 'not_contains', '1', { fieldType: 'text' })]),
    g('and', [c('city', 'text_eq', '上海', { fieldType: 'text' })]), g('and', [c('city', 'text_ne', '上海', { fieldType: 'text' })]),
    g('and', [c('city', 'in_list', ['北京', '成都'], { fieldType: 'text' })]), g('and', [c('city', 'not_in_list', ['北京', '成都'], { fieldType: 'text' })]),
    g('and', [c(id, 'starts_with', 'c0001', { fieldType: 'text', ignoreCase: true })]), g('and', [c(id, 'text_eq', 'g00012', { fieldType: 'text', ignoreCase: true })]),
    g('and', [c(id, 'in_list', ['c000015', 'g000015'], { fieldType: 'text', ignoreCase: true })]),
    g('and', [c('member_level', 'any_of', ['金卡', '钻石'], { fieldType: 'category' })]),
    g('and', [c('member_level', 'none_of', ['普通'], { fieldType: 'category' })]),
    g('and', [c('tags', 'any_of', ['商务', '旅行'], { fieldType: 'list' })]), g('and', [c('tags', 'all_of', ['商务', '旅行'], { fieldType: 'list' })]),
    g('and', [c('tags', 'none_of', ['商务'], { fieldType: 'list' })]), g('and', [c('tags', 'all_of', [], { fieldType: 'list' })]),
    g('and', [c(bool, 'is_true')]), g('and', [c(bool, 'is_false')]), g('and', [c(bool, 'is_empty')]),
    g('and', [c('signup_date', 'before', '2023-01-01')]), g('and', [c('signup_date', 'after', '2025-06-30')]),
    g('and', [c('signup_date', 'on', '2024-02-29')]), g('and', [c('signup_date', 'date_between', ['2024-01-01', '2024-03-31'])]),
    g('and', [c('signup_date', 'in_last_days', 60)]), g('and', [c('signup_date', 'in_last_weeks', 10)]),
    g('and', [c('signup_date', 'in_last_months', 4)]), g('and', [c('signup_date', 'days_ago_at_least', 700)]),
    g('and', [c('signup_date', 'in_next_days', 30)]), g('and', [c('signup_date', 'anniversary_month', 0)]),
    g('and', [c('signup_date', 'anniversary_month', 2)]),
    g('or', [c('gender', 'any_of', ['女'], { fieldType: 'category' }), g('and', [c('age', 'lt', 25), c('tags', 'any_of', ['学生'], { fieldType: 'list' })], true)]),
    g('and', []),
  ]
}
