import type { OverlapMetric } from '@/core/analysis/overlapView'

/** A matrix value for the screen: counts grouped, ratios as percent (one decimal); null (no denominator) as "—". */
export function formatOverlap(value: number | null, metric: OverlapMetric, locale: string): string {
  if (value === null) return '—'
  if (metric === 'count') return new Intl.NumberFormat(locale).format(value)
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
}

/** A share 0…1 as a locale percent with one decimal. */
export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
}

/** A count grouped the locale's way. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value)
}
