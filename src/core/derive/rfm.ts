import type { Column } from '../engine/columns'
import type { RfmPart } from './definition'

/*
 * RFM (DOMAIN.md "Customer value classification"), over three customer number columns: recency (days
 * since the last purchase), frequency (number of purchases) and monetary (total amount).
 *
 * BUYERS are the customers who bought at least once: recency, frequency and monetary all present and
 * frequency > 0. Every RFM value of any other customer is missing.
 *
 * SCORES 1–5 by quintiles, with ties: among the N buyers, let k be the number of buyers with a strictly
 * worse value — for F and M a strictly smaller one, for R strictly MORE days (a less recent purchase).
 * The score is floor(5·k / N) + 1. So k is the 0-based rank of the value's first occurrence in the
 * worst-to-best order; equal values always get equal scores; the best buyers get 5 (most recent,
 * most frequent, highest amount); and when many buyers tie (say 60 % bought once) the scores above
 * the tie skip values (1, then 4) rather than splitting equal customers.
 *
 * THE 8-CLASS VALUE MODEL compares each buyer with the means over the buyers (double precision):
 * R is high when recency < mean recency, F high when frequency > mean, M high when monetary > mean;
 * equal to the mean counts as low.
 */

/** Class names by (M, R, F) high/low, indexed m·4 + r·2 + f with 0 = high: the stored category values. */
export const RFM_CLASSES = [
  '重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户',
  '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户',
] as const

export type RfmClass = (typeof RFM_CLASSES)[number]

export interface RfmInputs {
  recency: Float64Array
  frequency: Float64Array
  monetary: Float64Array
}

/** 1 for the customers who bought at least once (see above), else 0. */
export function rfmBuyers({ recency, frequency, monetary }: RfmInputs): Uint8Array {
  return Uint8Array.from(recency, (r, i) => (Number.isNaN(r) || Number.isNaN(monetary[i]) || !(frequency[i] > 0) ? 0 : 1))
}

/** First index in the ascending `sorted` whose value is ≥ v (`strict`: > v). */
function bound(sorted: Float64Array, v: number, strict: boolean): number {
  let lo = 0, hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < v || (strict && sorted[mid] === v)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Quintile scores 1–5 of the buyers (NaN for the others); `lowerIsBetter` for recency. */
export function quintileScores(values: Float64Array, buyers: Uint8Array, lowerIsBetter: boolean): Float64Array {
  const sorted = values.filter((_, i) => buyers[i] === 1).sort()
  const n = sorted.length
  return values.map((v, i) => {
    if (buyers[i] !== 1) return NaN
    const worse = lowerIsBetter ? n - bound(sorted, v, true) : bound(sorted, v, false)
    return Math.floor((5 * worse) / n) + 1
  })
}

/** Mean of `values` over the buyers (NaN when there are none): the 8-class model's thresholds. */
export function meanOver(values: Float64Array, buyers: Uint8Array): number {
  let sum = 0, n = 0
  for (let i = 0; i < values.length; i++) {
    if (buyers[i] === 1) {
      sum += values[i]
      n++
    }
  }
  return n > 0 ? sum / n : NaN
}

/** The 8-class value model as codes into RFM_CLASSES (-1 for non-buyers). */
export function rfmClassCodes(inputs: RfmInputs, buyers: Uint8Array): Int32Array {
  const meanR = meanOver(inputs.recency, buyers)
  const meanF = meanOver(inputs.frequency, buyers)
  const meanM = meanOver(inputs.monetary, buyers)
  return Int32Array.from(buyers, (b, i) => {
    if (b !== 1) return -1
    const rLow = inputs.recency[i] < meanR ? 0 : 1
    const fLow = inputs.frequency[i] > meanF ? 0 : 1
    const mLow = inputs.monetary[i] > meanM ? 0 : 1
    return mLow * 4 + rLow * 2 + fLow
  })
}

function cellColumn(r: Float64Array, f: Float64Array, m: Float64Array): Column {
  const dict: string[] = []
  const index = new Map<string, number>()
  const codes = Int32Array.from(r, (rs, i) => {
    if (Number.isNaN(rs)) return -1
    const cell = `${rs}${f[i]}${m[i]}`
    let c = index.get(cell)
    if (c === undefined) index.set(cell, (c = dict.push(cell) - 1))
    return c
  })
  return { type: 'text', codes, dict }
}

/** One RFM field over the customers: a score, the cell ("545", text) or the value class (category). */
export function rfmColumn(part: RfmPart, inputs: RfmInputs): Column {
  const buyers = rfmBuyers(inputs)
  if (part === 'class') return { type: 'category', codes: rfmClassCodes(inputs, buyers), dict: [...RFM_CLASSES] }
  const r = (): Float64Array => quintileScores(inputs.recency, buyers, true)
  const f = (): Float64Array => quintileScores(inputs.frequency, buyers, false)
  const m = (): Float64Array => quintileScores(inputs.monetary, buyers, false)
  if (part === 'cell') return cellColumn(r(), f(), m())
  return { type: 'number', values: part === 'r' ? r() : part === 'f' ? f() : m() }
}
