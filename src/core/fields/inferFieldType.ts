import { fieldNamesFromHeader } from './fieldNames'
import {
  isCompactDate, LIST_SEPARATORS, MISSING_TOKENS, parseBooleanText, parseDateText, parseNumberText,
} from './parseValue'
import type { Cell } from './parseValue'
import type { FieldMeta } from './types'

export interface InferOptions {
  /** Rows looked at; larger inputs are sampled evenly (sorted files would fool a head-only sample). */
  sampleSize?: number
  /** Category when distinct values ≤ this … */
  maxCategoryDistinct?: number
  /** … and distinct values ≤ this share of the non-empty values. */
  maxCategoryRatio?: number
  /**
   * Share of non-missing values that must parse for number/date/boolean. Below 1 so that one stray
   * "unknown" in an age column keeps the column numeric; the stray value is reported at import.
   */
  minTypedShare?: number
  /** A list item longer than this means the column is prose with separators, not tags. */
  maxListItemLength?: number
}

export const INFER_DEFAULTS: Required<InferOptions> = {
  sampleSize: 10_000,
  maxCategoryDistinct: 50,
  maxCategoryRatio: 0.2,
  minTypedShare: 0.98,
  maxListItemLength: 40,
}

/** Integers written with a leading zero ("007", "0123") are codes whose zeros matter, not numbers. */
const LEADING_ZERO = /^[+-]?0\d/
/** Digits beyond 15 lose precision in a double: ID-card and long account numbers stay text. */
const TOO_MANY_DIGITS = /\d{16,}/

/**
 * Infers one FieldMeta per header column (positional; names from `fieldNamesFromHeader`).
 *
 * Rules, applied in this order to the sampled non-empty values (blank cells don't vote; MISSING_TOKENS
 * such as "NULL" don't vote for number/date/boolean):
 * 0. list — the column holds lists as such (JSON arrays).
 * 1. boolean — true/false, yes/no, y/n, 是/否, 1/0, and at least one value that is not 0/1.
 *    A column of only 0 and 1 is a number: counts and flags look alike, and a count that later
 *    reaches 2 must still import; the user can switch the type in the mapping review.
 * 2. date — every value an 8-digit `YYYYMMDD` date (20240301 also reads as a number; a date wins).
 * 3. number — numbers with thousands separators, currency marks, % or accounting parentheses
 *    (see parseNumberText); no leading-zero codes, no > 15 digits.
 * 4. date — the other date forms of parseDateText; `dateFormat` 'datetime' when any value has a time.
 * 5. list — some value contains `|` or `;` and no item is longer than `maxListItemLength`.
 * 6. category — at most `maxCategoryDistinct` distinct values and at most `maxCategoryRatio` of the values.
 * 7. text.
 * Rules 1–4 accept a column when at least `minTypedShare` of its typed values parse.
 */
export function inferFieldTypes(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  opts: InferOptions = {},
): FieldMeta[] {
  const o = { ...INFER_DEFAULTS, ...opts }
  const sample = sampleRows(rows, o.sampleSize)
  const names = fieldNamesFromHeader(header)
  return names.map((name, i) => {
    const values: string[] = []
    for (const row of sample) {
      const cell = row[i] ?? ''
      if (typeof cell !== 'string') return { name, type: 'list' as const }
      const t = cell.trim()
      if (t !== '') values.push(t)
    }
    return { name, ...inferColumn(values, o) }
  })
}

/**
 * Up to `count` example values of column `i`: the first distinct non-empty cells, trimmed and cut to
 * `maxLength` characters, so the mapping review can show what each column holds.
 */
export function columnExamples(rows: readonly (readonly Cell[])[], i: number, count = 3, maxLength = 40): string[] {
  const out: string[] = []
  for (const row of rows) {
    const cell = row[i] ?? ''
    const t = (typeof cell === 'string' ? cell : cell.join(' | ')).trim()
    if (t === '' || out.includes(t)) continue
    out.push(t.length > maxLength ? `${t.slice(0, maxLength - 1)}…` : t)
    if (out.length >= count) break
  }
  return out
}

function sampleRows<T>(rows: readonly T[], size: number): readonly T[] {
  if (rows.length <= size) return rows
  const out: T[] = []
  const step = rows.length / size
  for (let k = 0; k < size; k++) out.push(rows[Math.floor(k * step)])
  return out
}

type Inferred = Pick<FieldMeta, 'type' | 'dateFormat'>

/** Infers the type of one column from its non-empty, trimmed values. */
export function inferColumn(values: readonly string[], opts: InferOptions = {}): Inferred {
  const o = { ...INFER_DEFAULTS, ...opts }
  const typed = values.filter((v) => !MISSING_TOKENS.has(v))
  if (typed.length > 0) {
    const need = Math.ceil(typed.length * o.minTypedShare)
    if (looksBoolean(typed, need)) return { type: 'boolean' }
    if (typed.filter(isCompactDate).length >= need) return { type: 'date', dateFormat: 'date' }
    if (looksNumber(typed, need)) return { type: 'number' }
    const dates = countDates(typed)
    if (dates.ok >= need) return { type: 'date', dateFormat: dates.withTime > 0 ? 'datetime' : 'date' }
  }
  if (looksList(values, o.maxListItemLength)) return { type: 'list' }
  if (values.length > 0) {
    const distinct = new Set(values).size
    if (distinct <= o.maxCategoryDistinct && distinct <= values.length * o.maxCategoryRatio) return { type: 'category' }
  }
  return { type: 'text' }
}

function looksBoolean(values: readonly string[], need: number): boolean {
  let ok = 0
  let word = false
  for (const v of values) {
    if (parseBooleanText(v) === null) continue
    ok++
    if (v !== '0' && v !== '1') word = true
  }
  return word && ok >= need
}

function looksNumber(values: readonly string[], need: number): boolean {
  let ok = 0
  for (const v of values) {
    if (LEADING_ZERO.test(v) || TOO_MANY_DIGITS.test(v)) return false
    if (Number.isFinite(parseNumberText(v))) ok++
  }
  return ok >= need
}

function countDates(values: readonly string[]): { ok: number; withTime: number } {
  let ok = 0
  let withTime = 0
  for (const v of values) {
    const d = parseDateText(v)
    if (!d) continue
    ok++
    if (d.hasTime) withTime++
  }
  return { ok, withTime }
}

function looksList(values: readonly string[], maxItemLength: number): boolean {
  let separated = false
  for (const v of values) {
    const parts = v.split(LIST_SEPARATORS)
    if (parts.length > 1) separated = true
    for (const p of parts) if (p.trim().length > maxItemLength) return false
  }
  return separated
}

/** Header names (compared without case, spaces, `_` and `-`) that usually hold the customer id, best first. */
export const ID_FIELD_NAMES: readonly string[] = [
  'customerid', 'custid', 'clientid', 'memberid', 'userid', 'vipid', 'id', 'uid', 'memberno',
  '客户编号', '客户id', '客户号', '客户代码', '会员id', '会员编号', '会员号', '会员卡号',
  '用户id', '用户编号', '顾客编号', '顾客id', '编号',
]

const normaliseName = (s: string): string => s.toLowerCase().replace(/[\s_-]/g, '')

/**
 * Suggests the id column of a customer table: the best-ranked column named like an id (ID_FIELD_NAMES)
 * whose values are all non-empty and unique; else the first such unique column of type text, number
 * or category. Returns the field name (from `fields`), or `null` when no column qualifies.
 */
export function suggestIdField(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  fields: readonly FieldMeta[],
): string | null {
  const rank = (i: number): number => {
    const a = ID_FIELD_NAMES.indexOf(normaliseName(header[i] ?? ''))
    const b = ID_FIELD_NAMES.indexOf(normaliseName(fields[i]?.name ?? ''))
    const r = [a, b].filter((x) => x >= 0)
    return r.length ? Math.min(...r) : -1
  }
  const named = fields
    .map((_, i) => i)
    .filter((i) => rank(i) >= 0)
    .sort((x, y) => rank(x) - rank(y) || x - y)
  for (const i of named) if (isUniqueColumn(rows, i)) return fields[i].name
  for (let i = 0; i < fields.length; i++) {
    const t = fields[i].type
    if ((t === 'text' || t === 'number' || t === 'category') && isUniqueColumn(rows, i)) return fields[i].name
  }
  return null
}

function isUniqueColumn(rows: readonly (readonly Cell[])[], i: number): boolean {
  if (rows.length === 0) return false
  const seen = new Set<string>()
  for (const row of rows) {
    const cell = row[i] ?? ''
    if (typeof cell !== 'string') return false
    const v = cell.trim()
    if (v === '' || seen.has(v)) return false
    seen.add(v)
  }
  return true
}
