import type { Group } from '../logic/types'
import type { GroupTotals } from './rfmClasses'
import { andGroup, numberCondition } from './rfmRules'
import { buyerMean, buyerMedian } from './rfmFields'

/** Where the F × M split lies: the mean or median over the buyers, or the user's own values. */
export type QuadrantSplitMethod = 'mean' | 'median' | 'custom'

/** Quadrants in this order: high F & high M, high F & low M, low F & high M, low F & low M. */
export const QUADRANTS = ['hh', 'hl', 'lh', 'll'] as const
export type Quadrant = (typeof QUADRANTS)[number]

/** The F × M view. "High" is strictly above the split; equal to the split counts as low. */
export interface QuadrantAnalysis {
  total: number
  totalRevenue: number
  /** Buyers here: frequency > 0 and monetary present (recency is not needed). */
  buyers: number
  split: { frequency: number; monetary: number }
  quadrants: GroupTotals[]
  /** Everyone else (never bought, or frequency/monetary missing). */
  noPurchase: GroupTotals
  /** Buyers binned on equal-width F and M bins over their range: counts[fBin·bins + mBin]. */
  heat: { bins: number; fMin: number; fMax: number; mMin: number; mMax: number; counts: number[] }
}

/** 1 where frequency > 0 and monetary is present. */
export function quadrantBuyers(frequency: Float64Array, monetary: Float64Array): Uint8Array {
  return Uint8Array.from(frequency, (f, i) => (f > 0 && monetary[i] === monetary[i] ? 1 : 0))
}

/** Index into QUADRANTS of a buyer with frequency f and monetary m. */
export function quadrantOf(f: number, m: number, split: { frequency: number; monetary: number }): number {
  return (f > split.frequency ? 0 : 2) + (m > split.monetary ? 0 : 1)
}

const binOf = (v: number, min: number, max: number, bins: number): number =>
  max > min ? Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins)) : 0

/** Counts and revenue per quadrant at `split`, and the binned F × M heat map (`bins` per axis). */
export function computeQuadrants(
  frequency: Float64Array, monetary: Float64Array, buyers: Uint8Array, split: { frequency: number; monetary: number }, bins = 20,
): QuadrantAnalysis {
  const quadrants = QUADRANTS.map(() => ({ count: 0, revenue: 0 }))
  const noPurchase = { count: 0, revenue: 0 }
  let totalRevenue = 0, buyerCount = 0
  let fMin = Infinity, fMax = -Infinity, mMin = Infinity, mMax = -Infinity
  for (let i = 0; i < frequency.length; i++) {
    const m = monetary[i] === monetary[i] ? monetary[i] : 0
    totalRevenue += m
    const t = buyers[i] === 1 ? quadrants[quadrantOf(frequency[i], m, split)] : noPurchase
    t.count++
    t.revenue += m
    if (buyers[i] !== 1) continue
    buyerCount++
    fMin = Math.min(fMin, frequency[i]); fMax = Math.max(fMax, frequency[i])
    mMin = Math.min(mMin, m); mMax = Math.max(mMax, m)
  }
  const counts = new Array<number>(bins * bins).fill(0)
  for (let i = 0; i < frequency.length; i++) {
    if (buyers[i] === 1) counts[binOf(frequency[i], fMin, fMax, bins) * bins + binOf(monetary[i], mMin, mMax, bins)]++
  }
  const heat = buyerCount > 0 ? { bins, fMin, fMax, mMin, mMax, counts } : { bins, fMin: 0, fMax: 0, mMin: 0, mMax: 0, counts }
  return { total: frequency.length, totalRevenue, buyers: buyerCount, split, quadrants, noPurchase, heat }
}

/**
 * The rule of one quadrant: frequency > 0 (a buyer) AND frequency > split (high) or ≤ split (low) AND
 * monetary > split (high) or ≤ split (low). Monetary conditions fail on a missing value, as buyers need.
 */
export function quadrantRule(fields: { frequency: string; monetary: string }, split: { frequency: number; monetary: number }, index: number): Group {
  const fHigh = index < 2, mHigh = index % 2 === 0
  return andGroup([
    numberCondition(fields.frequency, 'gt', 0),
    numberCondition(fields.frequency, fHigh ? 'gt' : 'le', split.frequency),
    numberCondition(fields.monetary, mHigh ? 'gt' : 'le', split.monetary),
  ])
}

/** The split for a method: mean or median of each field over `buyers`, or `custom` as given. */
export function quadrantSplit(
  method: QuadrantSplitMethod, frequency: Float64Array, monetary: Float64Array, buyers: Uint8Array,
  custom?: { frequency: number; monetary: number },
): { frequency: number; monetary: number } {
  if (method === 'custom') {
    if (!custom) throw new Error('custom split values are missing')
    return custom
  }
  const stat = method === 'mean' ? buyerMean : buyerMedian
  return { frequency: stat(frequency, buyers), monetary: stat(monetary, buyers) }
}
