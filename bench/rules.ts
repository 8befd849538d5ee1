// The bench's rules, written as builder trees and converted by the app's own toJsonLogic, so they
// have exactly the canonical shapes the rule builder produces (guards against null included).
import { toJsonLogic } from '../src/core/logic/toJsonLogic'
import type { Condition, ConditionValue, Group, JsonLogic, Operator, RuleNode } from '../src/core/logic/types'
import { BENCH_FIELDS } from './customers'

const TYPES = new Map(BENCH_FIELDS.map((f) => [f.name, f.type]))
let nextId = 0

/** A condition on a bench field (its type looked up, as the builder records it). */
function c(field: string, op: Operator, value?: ConditionValue): Condition {
  const fieldType = TYPES.get(field)
  if (!fieldType) throw new Error(`bench rule: unknown field ${field}`)
  return { kind: 'condition', id: String(nextId++), field, op, value, fieldType }
}

const and = (...children: RuleNode[]): Group => ({ kind: 'group', id: String(nextId++), combinator: 'and', children })
const or = (...children: RuleNode[]): Group => ({ kind: 'group', id: String(nextId++), combinator: 'or', children })

export const TWO_CONDITIONS: JsonLogic = toJsonLogic(and(c('gender', 'any_of', ['女']), c('age', 'ge', 30)))

export const SIX_CONDITIONS_NESTED: JsonLogic = toJsonLogic(and(
  c('city', 'any_of', ['上海', '北京', '杭州', '深圳', '广州']),
  or(c('member_level', 'any_of', ['金卡', '钻石']), c('lifetime_value', 'ge', 3000)),
  c('age', 'between', [25, 45]),
  c('signup_date', 'after', '2023-01-01'),
  c('tags', 'any_of', ['运动', '数码']),
))

export const TWENTY_CONDITIONS: JsonLogic = toJsonLogic(and(
  c('gender', 'any_of', ['女']),
  c('age', 'between', [20, 60]),
  c('province', 'none_of', ['重庆']),
  c('member_level', 'any_of', ['普通', '银卡', '金卡']),
  c('signup_date', 'before', '2026-01-01'),
  c('email_opt_in', 'is_true'),
  or(c('tags', 'any_of', ['美妆', '时尚', '旅行']), c('interests', 'any_of', ['健身', '音乐', '电影'])),
  c('lifetime_value', 'gt', 300),
  c('orders_12m', 'ge', 2),
  c('visits_30d', 'lt', 20),
  c('avg_basket', 'between', [30, 800]),
  c('discount_rate', 'le', 0.5),
  c('points_balance', 'not_empty'),
  c('preferred_channel', 'any_of', ['app', '小程序', '门店']),
  c('city_tier', 'none_of', ['四线及以下']),
  c('device', 'any_of', ['iOS', 'Android']),
  c('last_visit_date', 'in_last_days', 300),
  c('last_purchase_date', 'after', '2024-12-31'),
  c('complained', 'is_false'),
))

/** The issue-6 operators: text prefix ignoring case, a date month, months back, all-of tags, field vs field. */
export const NEW_OPERATORS: JsonLogic = toJsonLogic(and(
  { ...c('customer_id', 'starts_with', 'C0'), ignoreCase: true },
  c('signup_date', 'anniversary_month', 0),
  or(c('last_visit_date', 'in_last_months', 3), c('last_purchase_date', 'days_ago_at_least', 180)),
  c('tags', 'all_of', ['运动']),
  c('lifetime_value', 'gt', { field: 'avg_basket' }),
))

/** Index of the segment whose value threshold the "edit" case changes (segment 5). */
export const EDITED_SEGMENT = 4

/** Ten marketing segments; `vipValue` is the edited condition's value. */
export function tenSegments(vipValue = 5000): JsonLogic[] {
  return [
    and(c('gender', 'any_of', ['女']), c('lifetime_value', 'ge', 3000)),
    and(c('last_purchase_date', 'before', '2025-06-30'), c('orders_12m', 'le', 3)),
    and(c('signup_date', 'in_last_days', 90)),
    and(c('tags', 'any_of', ['学生']), c('age', 'lt', 25)),
    and(c('member_level', 'any_of', ['金卡', '钻石']), or(c('lifetime_value', 'ge', vipValue), c('orders_12m', 'ge', 30))),
    and(c('app_user', 'is_true'), c('visits_30d', 'ge', 5), c('last_visit_date', 'in_last_days', 30)),
    and(c('discount_rate', 'ge', 0.3), c('has_coupon', 'is_true'), c('payment_method', 'any_of', ['花呗', '银行卡'])),
    and(c('province', 'any_of', ['上海', '浙江', '江苏']), c('city_tier', 'any_of', ['一线', '新一线'])),
    and(c('nps', 'ge', 9), c('complained', 'is_false'), c('acquisition', 'none_of', ['广告'])),
    and(c('interests', 'any_of', ['户外', '健身']), c('age', 'between', [25, 40]), c('wechat_follower', 'is_true')),
  ].map(toJsonLogic)
}

/** Number of conditions in a rule (leaves under and/or/!), to label cases honestly. */
export function conditionCount(logic: JsonLogic): number {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return 0
  const [op] = Object.keys(logic)
  const args = logic[op]
  if (op === 'and' || op === 'or' || op === '!') {
    const list = Array.isArray(args) ? args : [args]
    // A guard {"!=":[V,null]} paired with its test is one builder condition.
    if (op === 'and' && list.length === 2 && isGuard(list[0])) return 1
    return list.reduce<number>((n, x) => n + conditionCount(x), 0)
  }
  return 1
}

function isGuard(x: JsonLogic): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && '!=' in x &&
    Array.isArray(x['!=']) && x['!='][1] === null
}
