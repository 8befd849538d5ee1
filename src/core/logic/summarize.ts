import { isFieldRef, operatorInfo } from './operators'
import { isEnabled } from './toJsonLogic'
import type { FieldMeta } from '../fields/types'
import type { Condition, ConditionValue, Group, RuleNode } from './types'

// Plain-language summary of a rule tree (issue 6 item 5), e.g. "性别属于 女，且年龄 ≥ 30".
// Pure: the caller passes field labels (the UI passes its i18n labels), so core stays i18n-free.

/** Languages the summary is written in. */
export type SummaryLocale = 'zh-CN' | 'en'

/** Field name → human label; names without a label are shown as they are. */
export type FieldLabels = Readonly<Record<string, string>> | ((name: string) => string)

interface Words {
  and: string
  or: string
  open: string
  close: string
  not: string
  everyone: string
  nobody: string
  advanced: string
  quote: (s: string) => string
  listSep: string
  missing: string
}

const WORDS: Record<SummaryLocale, Words> = {
  'zh-CN': {
    and: '，且', or: '，或', open: '（', close: '）', not: '不满足', everyone: '所有客户', nobody: '没有客户',
    advanced: '高级条件', quote: (s) => `“${s}”`, listSep: '、', missing: '（未填写）',
  },
  en: {
    and: ' and ', or: ' or ', open: '(', close: ')', not: 'not ', everyone: 'every customer', nobody: 'no customer',
    advanced: 'advanced JSON-logic', quote: (s) => `"${s}"`, listSep: ', ', missing: '(no value)',
  },
}

type Phrase = (f: string, v: Fmt) => string

/** Value formatters for one condition, in one locale. */
interface Fmt {
  num: () => string
  text: () => string
  list: () => string
  date: () => string
  pair: (sep: string) => string
  month: () => string
}

const ZH: Record<string, Phrase> = {
  eq: (f, v) => `${f} = ${v.num()}`, ne: (f, v) => `${f} ≠ ${v.num()}`, lt: (f, v) => `${f} < ${v.num()}`,
  le: (f, v) => `${f} ≤ ${v.num()}`, gt: (f, v) => `${f} > ${v.num()}`, ge: (f, v) => `${f} ≥ ${v.num()}`,
  between: (f, v) => `${f}介于 ${v.pair(' 与 ')} 之间`, text_eq: (f, v) => `${f}等于${v.text()}`,
  contains: (f, v) => `${f}包含${v.text()}`, in_list: (f, v) => `${f}属于 ${v.list()}`,
  any_of: (f, v) => `${f}属于 ${v.list()}`, none_of: (f, v) => `${f}不属于 ${v.list()}`,
  list_any_of: (f, v) => `${f}包含任一 ${v.list()}`, list_none_of: (f, v) => `${f}不包含 ${v.list()} 中的任何一个`,
  is_true: (f) => `${f}为是`, is_false: (f) => `${f}为否`, before: (f, v) => `${f}早于 ${v.date()}`,
  after: (f, v) => `${f}晚于 ${v.date()}`, date_between: (f, v) => `${f}在 ${v.pair(' 至 ')} 之间`,
  in_last_days: (f, v) => `${f}在最近 ${v.num()} 天内`, is_empty: (f) => `${f}为空`, not_empty: (f) => `${f}不为空`,
  not_between: (f, v) => `${f}不在 ${v.pair(' 与 ')} 之间`, text_ne: (f, v) => `${f}不等于${v.text()}`,
  not_contains: (f, v) => `${f}不包含${v.text()}`, starts_with: (f, v) => `${f}以${v.text()}开头`,
  ends_with: (f, v) => `${f}以${v.text()}结尾`, not_in_list: (f, v) => `${f}不属于 ${v.list()}`,
  all_of: (f, v) => `${f}包含全部 ${v.list()}`, on: (f, v) => `${f}与 ${v.date()} 同一天`,
  in_last_weeks: (f, v) => `${f}在最近 ${v.num()} 周内`, in_last_months: (f, v) => `${f}在最近 ${v.num()} 个月内`,
  days_ago_at_least: (f, v) => `${f}在 ${v.num()} 天前或更早`, in_next_days: (f, v) => `${f}在未来 ${v.num()} 天内`,
  anniversary_month: (f, v) => `${f}在${v.month()}`,
}

const EN: Record<string, Phrase> = {
  eq: (f, v) => `${f} = ${v.num()}`, ne: (f, v) => `${f} ≠ ${v.num()}`, lt: (f, v) => `${f} < ${v.num()}`,
  le: (f, v) => `${f} ≤ ${v.num()}`, gt: (f, v) => `${f} > ${v.num()}`, ge: (f, v) => `${f} ≥ ${v.num()}`,
  between: (f, v) => `${f} is between ${v.pair(' and ')}`, text_eq: (f, v) => `${f} equals ${v.text()}`,
  contains: (f, v) => `${f} contains ${v.text()}`, in_list: (f, v) => `${f} is one of ${v.list()}`,
  any_of: (f, v) => `${f} is any of ${v.list()}`, none_of: (f, v) => `${f} is none of ${v.list()}`,
  list_any_of: (f, v) => `${f} contains any of ${v.list()}`, list_none_of: (f, v) => `${f} contains none of ${v.list()}`,
  is_true: (f) => `${f} is true`, is_false: (f) => `${f} is false`, before: (f, v) => `${f} is before ${v.date()}`,
  after: (f, v) => `${f} is after ${v.date()}`, date_between: (f, v) => `${f} is between ${v.pair(' and ')}`,
  in_last_days: (f, v) => `${f} is in the last ${v.num()} days`, is_empty: (f) => `${f} is empty`, not_empty: (f) => `${f} is not empty`,
  not_between: (f, v) => `${f} is not between ${v.pair(' and ')}`, text_ne: (f, v) => `${f} does not equal ${v.text()}`,
  not_contains: (f, v) => `${f} does not contain ${v.text()}`, starts_with: (f, v) => `${f} starts with ${v.text()}`,
  ends_with: (f, v) => `${f} ends with ${v.text()}`, not_in_list: (f, v) => `${f} is not one of ${v.list()}`,
  all_of: (f, v) => `${f} contains all of ${v.list()}`, on: (f, v) => `${f} is on ${v.date()}`,
  in_last_weeks: (f, v) => `${f} is in the last ${v.num()} weeks`, in_last_months: (f, v) => `${f} is in the last ${v.num()} months`,
  days_ago_at_least: (f, v) => `${f} is ${v.num()} days ago or earlier`, in_next_days: (f, v) => `${f} is in the next ${v.num()} days`,
  anniversary_month: (f, v) => `${f} is in ${v.month()}`,
}

/** Month m (1–12) as words; 0 is the month of the as-of date. */
function monthName(m: unknown, locale: SummaryLocale, missing: string): string {
  if (m === 0) return locale === 'zh-CN' ? '本月' : 'the current month'
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 12) return missing
  if (locale === 'zh-CN') return ` ${m} 月`
  return new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, m - 1, 1))
}

const IGNORE_CASE: Record<SummaryLocale, string> = { 'zh-CN': '（不区分大小写）', en: ' (ignoring case)' }

interface Ctx {
  locale: SummaryLocale
  w: Words
  label: (name: string) => string
  types: Map<string, FieldMeta['type']>
  numbers: Intl.NumberFormat
  segmentName: (id: string) => string | undefined
}

/** Formatters of one condition's value; a value of the wrong shape shows as "(no value)". */
function formatters(value: ConditionValue | undefined, ctx: Ctx): Fmt {
  if (isFieldRef(value)) {
    // Compared with another field: every value slot shows that field's label.
    const other = (): string => (value.field === '' ? ctx.w.missing : ctx.label(value.field))
    return { num: other, text: other, list: other, date: other, pair: other, month: other }
  }
  const one = (x: unknown): string => {
    if (typeof x === 'number' && Number.isFinite(x)) return ctx.numbers.format(x)
    return typeof x === 'string' && x !== '' ? x : ctx.w.missing
  }
  const list = Array.isArray(value) ? (value as unknown[]) : []
  return {
    num: () => one(typeof value === 'number' ? value : undefined),
    text: () => (typeof value === 'string' ? ctx.w.quote(value) : ctx.w.missing),
    date: () => one(typeof value === 'string' ? value : undefined),
    list: () => (list.length === 0 ? ctx.w.missing : list.map((x) => (typeof x === 'string' ? ctx.w.quote(x) : one(x))).join(ctx.w.listSep)),
    pair: (sep) => (list.length === 2 ? `${one(list[0])}${sep}${one(list[1])}` : ctx.w.missing),
    month: () => monthName(value, ctx.locale, ctx.w.missing),
  }
}

/** One condition as a phrase; list fields read "contains any of" rather than "is any of". */
function conditionText(c: Condition, ctx: Ctx): string {
  const table = ctx.locale === 'zh-CN' ? ZH : EN
  const isList = (c.fieldType ?? ctx.types.get(c.field)) === 'list'
  const key = isList && (c.op === 'any_of' || c.op === 'none_of') ? `list_${c.op}` : c.op
  const f = ctx.label(c.field)
  const v = formatters(c.value, ctx)
  const phrase = table[key]
  // An operator added to the catalogue later still reads, if tersely, until it gets its phrase.
  const suffix = c.ignoreCase === true && operatorInfo(c.op)?.ignoreCase === true ? IGNORE_CASE[ctx.locale] : ''
  return phrase ? phrase(f, v) + suffix : `${f} [${c.op}]${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}`
}

/** "属于分群“高价值”" / "in segment "high value"" (and the negations). */
function segmentText(id: string, not: boolean, ctx: Ctx): string {
  const name = ctx.w.quote(ctx.segmentName(id) ?? id)
  if (ctx.locale === 'zh-CN') return `${not ? '不属于' : '属于'}分群${name}`
  return `${not ? 'not in' : 'in'} segment ${name}`
}

function nodeText(node: RuleNode, ctx: Ctx, nested: boolean): string {
  if (node.kind === 'condition') return conditionText(node, ctx)
  if (node.kind === 'advanced') return `${ctx.w.advanced} ${JSON.stringify(node.logic)}`
  if (node.kind === 'segment') return segmentText(node.segmentId, node.not === true, ctx)
  return groupText(node, ctx, nested)
}

/** Switched-off nodes are left out of the JSON-logic (toJsonLogic.ts), so out of the summary too. */

function groupText(g: Group, ctx: Ctx, nested: boolean): string {
  const { w } = ctx
  const children = g.children.filter(isEnabled)
  if (children.length === 0) return g.not ? w.nobody : w.everyone
  const many = children.length > 1
  const inner = children.map((c) => nodeText(c, ctx, true)).join(g.combinator === 'and' ? w.and : w.or)
  if (g.not) return `${w.not}${w.open}${inner}${w.close}`
  return nested && many ? `${w.open}${inner}${w.close}` : inner
}

/**
 * The rule `group` in plain language: conditions joined by 且/and or 或/or, nested groups in
 * parentheses, negated groups as 不满足（…）/ not (…), an empty rule as "every customer".
 * Disabled nodes are left out, as in the JSON-logic. `fields` tells list fields apart ("contains
 * any of"); `labels` gives the fields' display names; `segmentName` the names of referenced segments.
 */
export function summarize(
  group: Group, fields: readonly FieldMeta[], locale: SummaryLocale, labels?: FieldLabels,
  segmentName: (id: string) => string | undefined = () => undefined,
): string {
  const label = typeof labels === 'function' ? labels : (name: string) => labels?.[name] ?? name
  const ctx: Ctx = {
    locale, segmentName, w: WORDS[locale], label, types: new Map(fields.map((f) => [f.name, f.type])),
    numbers: new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }),
  }
  return groupText(group, ctx, false)
}
