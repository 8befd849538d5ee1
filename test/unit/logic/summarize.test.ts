import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { OPERATORS } from '../../../src/core/logic/operators'
import { summarize } from '../../../src/core/logic/summarize'
import type { Condition, ConditionValue, Group, Operator, RuleNode } from '../../../src/core/logic/types'

const FIELDS: FieldMeta[] = [
  { name: 'gender', type: 'category' }, { name: 'age', type: 'number' }, { name: 'orders_90d', type: 'number' },
  { name: 'city', type: 'text' }, { name: 'vip', type: 'boolean' }, { name: 'signup', type: 'date' }, { name: 'tags', type: 'list' },
]
const ZH_LABELS = { gender: '性别', age: '年龄', orders_90d: '最近 90 天下单次数', city: '城市', vip: '会员', signup: '注册日期', tags: '标签' }
const EN_LABELS = { gender: 'gender', age: 'age', orders_90d: 'orders in the last 90 days', city: 'city', vip: 'member', signup: 'signup date', tags: 'tags' }

let n = 0
const c = (field: string, op: Operator, value?: ConditionValue): Condition => {
  const cond: Condition = { kind: 'condition', id: `c${++n}`, field, op }
  if (value !== undefined) cond.value = value
  return cond
}
const g = (combinator: 'and' | 'or', children: RuleNode[], not = false): Group =>
  ({ kind: 'group', id: `g${++n}`, combinator, children, ...(not ? { not: true } : {}) })

describe('summarize', () => {
  const rule = g('and', [c('gender', 'any_of', ['女']), c('age', 'ge', 30), c('orders_90d', 'ge', 3)])

  it('joins an AND group with 且 / and', () => {
    expect(summarize(rule, FIELDS, 'zh-CN', ZH_LABELS)).toBe('性别属于 “女”，且年龄 ≥ 30，且最近 90 天下单次数 ≥ 3')
    expect(summarize(rule, FIELDS, 'en', EN_LABELS)).toBe('gender is any of "女" and age ≥ 30 and orders in the last 90 days ≥ 3')
  })

  it('puts nested groups in parentheses, OR as 或 / or, negation as 不满足 / not', () => {
    const nested = g('or', [
      c('vip', 'is_true'),
      g('and', [c('city', 'contains', '京'), c('age', 'between', [18, 30])]),
      g('and', [c('tags', 'any_of', ['a', 'b'])], true),
    ])
    expect(summarize(nested, FIELDS, 'zh-CN', ZH_LABELS))
      .toBe('会员为是，或（城市包含“京”，且年龄介于 18 与 30 之间），或不满足（标签包含任一 “a”、“b”）')
    expect(summarize(nested, FIELDS, 'en', EN_LABELS))
      .toBe('member is true or (city contains "京" and age is between 18 and 30) or not (tags contains any of "a", "b")')
  })

  it('formats numbers for the locale and falls back to the field name without a label', () => {
    const r = g('and', [c('spend', 'gt', 1234567.5), c('age', 'lt', -2)])
    expect(summarize(r, FIELDS, 'en')).toBe('spend > 1,234,567.5 and age < -2')
    expect(summarize(r, FIELDS, 'zh-CN', (f) => `[${f}]`)).toBe('[spend] > 1,234,567.5，且[age] < -2')
  })

  it('says "every customer" for an empty rule and marks missing values', () => {
    expect(summarize(g('and', []), FIELDS, 'zh-CN')).toBe('所有客户')
    expect(summarize(g('and', [], true), FIELDS, 'en')).toBe('no customer')
    expect(summarize(g('and', [c('age', 'eq')]), FIELDS, 'en')).toBe('age = (no value)')
    expect(summarize(g('and', [c('age', 'between', [1] as unknown as ConditionValue)]), FIELDS, 'zh-CN')).toBe('age介于 （未填写） 之间')
  })

  it('shows advanced blocks as their JSON-logic (text, never markup)', () => {
    const r = g('and', [{ kind: 'advanced', id: 'a', logic: { '!': { var: 'x<b>' } } }])
    expect(summarize(r, FIELDS, 'en')).toBe('advanced JSON-logic {"!":{"var":"x<b>"}}')
  })

  const VALUES: Record<string, ConditionValue | undefined> = {
    number: 5, numberRange: [1, 2], text: 'q', textList: ['p', 'q'], categoryList: ['p'], date: '2024-03-01',
    dateRange: ['2024-01-01', '2024-02-01'], days: 30, weeks: 2, months: 3, month: 3, none: undefined,
  }
  it.each(['zh-CN', 'en'] as const)('gives every operator of the catalogue its own phrase (%s)', (locale) => {
    const seen = new Set<string>()
    for (const info of OPERATORS) {
      for (const type of info.types) {
        const field = FIELDS.find((f) => f.type === type)!
        const text = summarize(g('and', [c(field.name, info.op, VALUES[info.value])]), FIELDS, locale)
        expect(text.startsWith(field.name)).toBe(true)
        expect(text).not.toContain(`[${info.op}]`) // the fallback for operators without a phrase
        expect(text).not.toContain(locale === 'en' ? '(no value)' : '未填写')
        seen.add(text)
      }
    }
    const pairs = OPERATORS.reduce((s, o) => s + o.types.length, 0)
    expect(seen.size).toBe(pairs) // no two operator/type pairs read the same
  })
})

describe('summarize: operators without a phrase', () => {
  it('still name the field, the operator and the value', () => {
    const r = g('and', [c('age', 'mystery' as Operator, 1)])
    expect(summarize(r, FIELDS, 'en')).toBe('age [mystery] 1')
  })
})

describe('summarize: disabled nodes', () => {
  it('leaves them out, as toJsonLogic does', () => {
    const off = { ...c('age', 'ge', 30), disabled: true } as Condition
    const offGroup = { ...g('or', [c('vip', 'is_true')]), disabled: true } as Group
    expect(summarize(g('and', [c('vip', 'is_false'), off, offGroup]), FIELDS, 'en')).toBe('vip is false')
    expect(summarize(g('and', [off]), FIELDS, 'zh-CN')).toBe('所有客户')
  })
})

describe('summarize: the issue-6 operators', () => {
  const FIELDS2: FieldMeta[] = [...FIELDS, { name: 'spend', type: 'number' }, { name: 'spend_ly', type: 'number' }, { name: 'name', type: 'text' }]
  const ZH = { ...ZH_LABELS, spend: '本年消费', spend_ly: '去年消费', name: '姓名', signup: '生日' }
  const EN = { ...EN_LABELS, spend: 'spend this year', spend_ly: 'spend last year', name: 'name', signup: 'birthday' }
  const one = (cond: Condition, locale: 'zh-CN' | 'en') => summarize(g('and', [cond]), FIELDS2, locale, locale === 'en' ? EN : ZH)

  it('reads case-insensitive text operators, months and day counts', () => {
    const starts = { ...c('name', 'starts_with', '王'), ignoreCase: true }
    expect(one(starts, 'zh-CN')).toBe('姓名以“王”开头（不区分大小写）')
    expect(one(starts, 'en')).toBe('name starts with "王" (ignoring case)')
    expect(one(c('signup', 'anniversary_month', 3), 'zh-CN')).toBe('生日在 3 月')
    expect(one(c('signup', 'anniversary_month', 3), 'en')).toBe('birthday is in March')
    expect(one(c('signup', 'anniversary_month', 0), 'zh-CN')).toBe('生日在本月')
    expect(one(c('signup', 'in_last_months', 3), 'zh-CN')).toBe('生日在最近 3 个月内')
    expect(one(c('signup', 'days_ago_at_least', 90), 'zh-CN')).toBe('生日在 90 天前或更早')
    expect(one(c('signup', 'days_ago_at_least', 90), 'en')).toBe('birthday is 90 days ago or earlier')
  })

  it('names the other field of a field comparison through the same labels', () => {
    expect(one(c('spend', 'gt', { field: 'spend_ly' }), 'zh-CN')).toBe('本年消费 > 去年消费')
    expect(one(c('spend', 'gt', { field: 'spend_ly' }), 'en')).toBe('spend this year > spend last year')
    expect(one(c('spend', 'gt', { field: '' }), 'en')).toBe('spend this year > (no value)')
    // ignoreCase is only read on text operators
    expect(one({ ...c('spend', 'gt', 1), ignoreCase: true }, 'en')).toBe('spend this year > 1')
  })
})
