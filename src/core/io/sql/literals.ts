import type { FieldMeta } from '../../fields/types'
import { formatDate, parseIsoDate } from '../../engine/columns'
import type { SqlDialect } from './dialects'

const DAY = 86_400_000

/** The value exactly as a row of `field` would hold it, or null when no row can hold it. */
export function rowForm(field: FieldMeta, value: unknown): string | number | boolean | null {
  switch (field.type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? value : null
    case 'boolean': return typeof value === 'boolean' ? value : null
    case 'text': case 'category': return typeof value === 'string' ? value : null
    case 'date': {
      if (typeof value !== 'string') return null
      const ms = parseIsoDate(value)
      return !Number.isNaN(ms) && formatDate(ms, field.dateFormat ?? 'date') === value ? value : null
    }
    default: return null
  }
}

/** A SQL literal of a row value of `field` (see rowForm). */
export function sqlLiteral(field: FieldMeta, value: string | number | boolean, d: SqlDialect): string {
  if (typeof value === 'number') return numberLiteral(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (field.type === 'date') return field.dateFormat === 'datetime' ? d.timestamp(value) : d.date(value)
  return d.str(value)
}

/** A finite number as SQL: JavaScript's shortest round-trip form (exponent form for tiny and huge values). */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError('not a finite number')
  return String(n)
}

/** The UTC day number of an ISO date/datetime string, or NaN. */
export function isoDay(value: unknown): number {
  if (typeof value !== 'string') return NaN
  const ms = parseIsoDate(value)
  return Number.isNaN(ms) ? NaN : Math.floor(ms / DAY)
}

/** `YYYY-MM-DD` of a UTC day number. */
export function dayIso(day: number): string {
  return formatDate(day * DAY, 'date')
}
