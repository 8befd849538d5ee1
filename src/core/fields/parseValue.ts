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
 * Separators inside a list cell: `|` or `;` (either, in any mix). Commas are not separators because
 * they are the usual CSV delimiter, and a list cell would then need quoting by every exporter.
 */
export const LIST_SEPARATORS = /[|;]/

const NUMBER_RE = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?(?:[eE][+-]?\d+)?$|^[+-]?\.\d+(?:[eE][+-]?\d+)?$/

/**
 * Parses a plain number, optionally with thousands separators ("1,234.5"); NaN otherwise.
 * A comma is always a thousands separator, never a decimal comma ("1,5" is not a number).
 */
export function parseNumberText(s: string): number {
  const t = s.trim()
  if (!NUMBER_RE.test(t)) return NaN
  return Number(t.includes(',') ? t.replace(/,/g, '') : t)
}

const DATE_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * Parses `YYYY-MM-DD`, `YYYY/M/D`, optionally followed by ` HH:mm[:ss[.sss]]` or `THH:mm…`, and an
 * optional `Z`/`±HH:mm` offset. Returns epoch ms UTC and whether a time was given; `null` if invalid.
 * A time without offset is a wall-clock time and is stored as that same time in UTC, so it prints back
 * unchanged; with an offset it is converted to UTC.
 */
export function parseDateText(s: string): { ms: number; hasTime: boolean } | null {
  const m = DATE_RE.exec(s.trim())
  if (!m) return null
  const [y, mo, d] = [+m[1], +m[2], +m[3]]
  const [h, mi, sec] = [m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0]
  if (h > 23 || mi > 59 || sec > 59) return null
  const frac = m[7] ? Number(m[7].padEnd(3, '0')) : 0
  let ms = Date.UTC(y, mo - 1, d, h, mi, sec, frac)
  const check = new Date(ms)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1
    const digits = m[8].slice(1).replace(':', '')
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
  }
  return { ms, hasTime: m[4] !== undefined }
}

const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true], ['false', false], ['yes', true], ['no', false], ['y', true], ['n', false],
  ['是', true], ['否', false], ['1', true], ['0', false],
])

/** Parses true/false, yes/no, y/n (any case), 是/否 and 1/0; `null` otherwise. */
export function parseBooleanText(s: string): boolean | null {
  const v = BOOLEAN_WORDS.get(s.trim().toLowerCase())
  return v === undefined ? null : v
}

/** Splits a list cell on `|`/`;`, trims items, drops empty ones and repeats (first occurrence kept). */
export function splitListText(s: string): string[] {
  const out: string[] = []
  for (const part of s.split(LIST_SEPARATORS)) {
    const item = part.trim()
    if (item !== '' && !out.includes(item)) out.push(item)
  }
  return out
}

/** A typed cell value: dates are epoch ms UTC; `null` is missing. */
export type ParsedValue = number | boolean | string | string[] | null

export type ParseResult =
  | { ok: true; value: ParsedValue }
  | { ok: false; reason: string; code: 'not_a_number' | 'not_a_date' | 'not_a_boolean' }

const MISSING: ParseResult = { ok: true, value: null }

/**
 * Converts one CSV cell to the typed value of `field`. Blank cells are missing; in number, date and
 * boolean fields so are MISSING_TOKENS. A value that does not parse is an error, never a 0 or a guess.
 */
export function parseValue(raw: string, field: FieldMeta): ParseResult {
  const t = raw.trim()
  if (t === '') return MISSING
  switch (field.type) {
    case 'text':
    case 'category':
      return { ok: true, value: t }
    case 'list':
      return { ok: true, value: splitListText(t) }
    case 'number': {
      if (MISSING_TOKENS.has(t)) return MISSING
      const n = parseNumberText(t)
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, code: 'not_a_number', reason: 'not a number' }
    }
    case 'date': {
      if (MISSING_TOKENS.has(t)) return MISSING
      const d = parseDateText(t)
      return d ? { ok: true, value: d.ms } : { ok: false, code: 'not_a_date', reason: 'not a date (YYYY-MM-DD [HH:mm[:ss]])' }
    }
    case 'boolean': {
      if (MISSING_TOKENS.has(t)) return MISSING
      const b = parseBooleanText(t)
      return b === null ? { ok: false, code: 'not_a_boolean', reason: 'not a yes/no value' } : { ok: true, value: b }
    }
  }
}
