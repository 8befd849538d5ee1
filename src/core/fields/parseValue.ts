import type { FieldMeta } from './types'

/**
 * Cell texts that mean "no value" in number, date and boolean columns (spreadsheet and database
 * exports write them). In text, category and list columns they are ordinary values: "NA" may be
 * North America. The empty (or all-blank) cell is missing in every column.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  'null', 'NULL', 'Null', 'NA', 'N/A', 'n/a', '#N/A', 'NaN', 'nan', '-', '--',
])

/**
 * Default separators inside a list cell: `|` or `;` (either, in any mix). Commas are not separators
 * because they are the usual CSV delimiter, and a list cell would then need quoting by every exporter.
 * The user may choose another separator per column (ParseOptions.listSeparator).
 */
export const LIST_SEPARATORS = /[|;]/

const PLAIN_NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?(?:[eE][+-]?\d+)?$|^[+-]?\.\d+(?:[eE][+-]?\d+)?$/
/** Currency marks written before an amount (¥ and the full-width ￥ are both common in Chinese exports). */
const CURRENCY_PREFIX = /^(?:[¥￥$€£]|RMB|CNY)\s*/i
/** … and after it ("100元", "100 RMB"). */
const CURRENCY_SUFFIX = /\s*(?:元|RMB|CNY)$/i

/**
 * Parses a number as marketers' files write it; NaN otherwise:
 * - thousands separators ("1,234.5"); a comma is never a decimal comma ("1,5" is not a number);
 * - a currency mark before or after (¥ ￥ $ € £ RMB CNY, 元): "¥1,234.50", "RMB 100", "100元";
 * - a sign before or after the currency mark ("-¥5", "¥-5");
 * - accounting negatives in parentheses: "(1,234)" is −1234;
 * - a percent sign: "12.5%" is 0.125, the value a spreadsheet holds behind "12.5%".
 */
export function parseNumberText(s: string): number {
  let t = s.trim()
  let sign = 1
  if (t.length > 2 && t.startsWith('(') && t.endsWith(')')) {
    sign = -1
    t = t.slice(1, -1).trim()
  }
  let scale = 1
  if (t.endsWith('%')) {
    scale = 0.01
    t = t.slice(0, -1).trim()
  }
  if (t.startsWith('-') || t.startsWith('+')) {
    // "-¥5": the sign stands before the currency mark; keep it in front of the digits.
    const rest = t.slice(1).trimStart()
    if (CURRENCY_PREFIX.test(rest)) t = t[0] + rest.replace(CURRENCY_PREFIX, '')
  } else t = t.replace(CURRENCY_PREFIX, '')
  t = t.replace(CURRENCY_SUFFIX, '')
  if (!PLAIN_NUMBER.test(t)) return NaN
  const n = Number(t.includes(',') ? t.replace(/,/g, '') : t)
  // Multiplying by 0.01 would turn 12.5% into 0.12500000000000001; dividing keeps the decimal exact.
  return sign * (scale === 1 ? n : n / 100)
}

const DATE_RE =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/
/** 2024年3月1日, optionally with a time ("2024年3月1日 10:00"). */
const CHINESE_DATE_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
/** 20240301: only years 1900–2099, so that most 8-digit codes are not taken for dates. */
const COMPACT_DATE_RE = /^((?:19|20)\d{2})(\d{2})(\d{2})$/

function utcMs(y: number, mo: number, d: number, h: number, mi: number, sec: number, frac: number): number | null {
  if (h > 23 || mi > 59 || sec > 59) return null
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec, frac)
  const check = new Date(ms)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  return ms
}

function offsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
}

/**
 * Parses a date as marketers' files write it: `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `2024年3月1日`
 * and `20240301` (years 1900–2099), the first three and the Chinese form optionally followed by a
 * time (` HH:mm[:ss[.sss]]` or `THH:mm…`), the ISO ones by a `Z`/`±HH:mm` offset. Returns epoch ms
 * UTC and whether a time was given; `null` if invalid (a 30 February is invalid, not 2 March).
 * A time without offset is a wall-clock time and is stored as that same time in UTC, so it prints back
 * unchanged; with an offset it is converted to UTC.
 */
export function parseDateText(s: string): { ms: number; hasTime: boolean } | null {
  const t = s.trim()
  const m = DATE_RE.exec(t)
  if (m) {
    const frac = m[8] ? Number(m[8].padEnd(3, '0')) : 0
    const ms = utcMs(+m[1], +m[3], +m[4], m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[7] ? +m[7] : 0, frac)
    return ms === null ? null : { ms: ms - offsetMs(m[9]), hasTime: m[5] !== undefined }
  }
  const c = CHINESE_DATE_RE.exec(t)
  if (c) {
    const ms = utcMs(+c[1], +c[2], +c[3], c[4] ? +c[4] : 0, c[5] ? +c[5] : 0, c[6] ? +c[6] : 0, 0)
    return ms === null ? null : { ms, hasTime: c[4] !== undefined }
  }
  const k = COMPACT_DATE_RE.exec(t)
  if (k) {
    const ms = utcMs(+k[1], +k[2], +k[3], 0, 0, 0, 0)
    return ms === null ? null : { ms, hasTime: false }
  }
  return null
}

/** True for an 8-digit `YYYYMMDD` text that is a real calendar date (it also reads as a number). */
export function isCompactDate(s: string): boolean {
  return COMPACT_DATE_RE.test(s.trim()) && parseDateText(s) !== null
}

const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true], ['false', false], ['yes', true], ['no', false], ['y', true], ['n', false],
  ['是', true], ['否', false], ['1', true], ['0', false],
])

/**
 * Parses true/false, yes/no, y/n (any case), 是/否 and 1/0; `null` otherwise. (Inference never makes
 * a column of only 0 and 1 boolean — see inferColumn; 1/0 count as yes/no once the user picks boolean.)
 */
export function parseBooleanText(s: string): boolean | null {
  const v = BOOLEAN_WORDS.get(s.trim().toLowerCase())
  return v === undefined ? null : v
}

/**
 * Splits a list cell on `separator` (default `|` or `;`), trims items, drops empty ones and repeats
 * (first occurrence kept).
 */
export function splitListText(s: string, separator: string | RegExp = LIST_SEPARATORS): string[] {
  const out: string[] = []
  for (const part of s.split(separator)) {
    const item = part.trim()
    if (item !== '' && !out.includes(item)) out.push(item)
  }
  return out
}

/** A typed cell value: dates are epoch ms UTC; `null` is missing. */
export type ParsedValue = number | boolean | string | string[] | null

export type ParseErrorCode = 'not_a_number' | 'not_a_date' | 'not_a_boolean'

export type ParseResult =
  | { ok: true; value: ParsedValue }
  | { ok: false; reason: string; code: ParseErrorCode }

/** How a field's cells are read beyond its type. */
export interface ParseOptions {
  /** List fields: the separator between items (default `|` or `;`). */
  listSeparator?: string
}

const MISSING: ParseResult = { ok: true, value: null }

const REASONS: Record<ParseErrorCode, string> = {
  not_a_number: 'not a number',
  not_a_date: 'not a date (e.g. 2024-03-01, 2024/3/1, 20240301, 2024年3月1日 [10:00])',
  not_a_boolean: 'not a yes/no value',
}

const fail = (code: ParseErrorCode): ParseResult => ({ ok: false, code, reason: REASONS[code] })

/**
 * Converts one cell to the typed value of `field`. Blank cells are missing; in number, date and
 * boolean fields so are MISSING_TOKENS. A value that does not parse is an error, never a 0 or a guess.
 */
export function parseValue(raw: string, field: FieldMeta, opts: ParseOptions = {}): ParseResult {
  const t = raw.trim()
  if (t === '') return MISSING
  switch (field.type) {
    case 'text':
    case 'category':
      return { ok: true, value: t }
    case 'list':
      return { ok: true, value: splitListText(t, opts.listSeparator || LIST_SEPARATORS) }
    case 'number': {
      if (MISSING_TOKENS.has(t)) return MISSING
      const n = parseNumberText(t)
      return Number.isFinite(n) ? { ok: true, value: n } : fail('not_a_number')
    }
    case 'date': {
      if (MISSING_TOKENS.has(t)) return MISSING
      const d = parseDateText(t)
      return d ? { ok: true, value: d.ms } : fail('not_a_date')
    }
    case 'boolean': {
      if (MISSING_TOKENS.has(t)) return MISSING
      const b = parseBooleanText(t)
      return b === null ? fail('not_a_boolean') : { ok: true, value: b }
    }
  }
}

/**
 * One cell as a reader hands it over: text (CSV, Excel, JSON scalars), or a list of texts (a JSON array
 * of scalars, which is a tag list as it stands and must not be re-split on separators).
 */
export type Cell = string | readonly string[]

/** The text of a cell: a list as JSON (how it shows in issues and in text fields). */
export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : JSON.stringify(cell)
}

/**
 * `parseValue` for a cell that may be a list: a list fills a list field as it is (trimmed, empty items
 * and repeats dropped), is its JSON text in a text or category field, and does not parse as a number,
 * date or boolean.
 */
export function parseCell(cell: Cell, field: FieldMeta, opts: ParseOptions = {}): ParseResult {
  if (typeof cell === 'string') return parseValue(cell, field, opts)
  if (field.type === 'list') {
    const items = [...new Set(cell.map((s) => s.trim()).filter((s) => s !== ''))]
    return { ok: true, value: items }
  }
  if (field.type === 'text' || field.type === 'category') return { ok: true, value: cellText(cell) }
  return parseValue(cell.length === 0 ? '' : cellText(cell), field, opts)
}
