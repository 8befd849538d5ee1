import type { Bitset } from '../engine/bitset'
import { parseIsoDate } from '../engine/columns'
import type { DeriveWindow } from './definition'

const DAY = 86_400_000

/** The UTC days [first, last] a window admits; never beyond the as-of day. */
export function windowDays(window: DeriveWindow | undefined, asOf: number): { first: number; last: number } {
  const asOfDay = Math.floor(asOf / DAY)
  if (!window) return { first: -Infinity, last: asOfDay }
  if ('lastDays' in window) return { first: asOfDay - window.lastDays + 1, last: asOfDay }
  const from = Math.floor(parseIsoDate(window.from) / DAY)
  const to = Math.floor(parseIsoDate(window.to) / DAY)
  // An unparseable bound admits nothing rather than everything: a typo must not widen the window.
  if (Number.isNaN(from) || Number.isNaN(to)) return { first: 1, last: 0 }
  return { first: from, last: Math.min(to, asOfDay) }
}

/**
 * The customer each event row counts for, or -1 when it does not count: its customer id is unknown
 * (`base` is -1), the filter rejects it, or — when the event table has a date column — it is dated after
 * the as-of day or outside the window. An event without a date counts only when there is no window
 * (its time is unknown, so no time limit can admit it). One pass over the rows.
 */
export function selectEvents(
  base: Int32Array, dates: Float64Array | null, filter: Bitset | null, window: DeriveWindow | undefined, asOf: number,
): Int32Array {
  const out = new Int32Array(base.length)
  const { first, last } = windowDays(window, asOf)
  for (let r = 0; r < base.length; r++) {
    let t = base[r]
    if (t >= 0 && filter && !filter.has(r)) t = -1
    if (t >= 0 && dates) {
      const d = dates[r]
      if (Number.isNaN(d)) {
        if (window) t = -1
      } else {
        const day = Math.floor(d / DAY)
        if (day < first || day > last) t = -1
      }
    }
    out[r] = t
  }
  return out
}
