import { hasBit } from './snapshot'

/*
 * Value over time between two snapshots (DOMAIN.md "Did the classification work?").
 *
 * TOP 20 %: at a snapshot, the buyers are the customers whose value (the measure) is present and
 * > 0; the top share are the ceil(share × buyers) buyers of highest value, ties broken by position
 * (the dataset's row order). Growth compares their number and value at both snapshots and counts
 * how many of the earlier top customers (matched by id) are in the later top.
 *
 * YEARLY VALUE of a group: Σ value ÷ Σ tenure years over its members whose value and tenure are both
 * present, where tenure years = max(tenure days, 1) ÷ 365 (a ratio of sums, so that one brand-new
 * customer cannot dominate the average).
 *
 * CHURN of a group between the snapshots: of its earlier members who had bought (value > 0), the share
 * who are gone at the later snapshot or did not buy between the two as-of dates (later recency days ≥
 * days between the as-of dates). Yearly churn = 1 − (1 − period churn)^(365 ÷ days between).
 * LTV = yearly value × expected lifetime, expected lifetime (years) = 1 ÷ yearly churn.
 */

const YEAR_DAYS = 365

/** Positions of the top `share` of the buyers by value (see the module comment). */
export function topPositions(value: Float64Array, share: number): number[] {
  const buyers: number[] = []
  for (let k = 0; k < value.length; k++) if (value[k] > 0) buyers.push(k)
  buyers.sort((a, b) => value[b] - value[a] || a - b)
  return buyers.slice(0, Math.ceil(share * buyers.length))
}

export interface TopSide { count: number; value: number; buyers: number }
export interface TopGrowth { share: number; earlier: TopSide; later: TopSide; stayed: number }

function topSide(value: Float64Array, top: number[]): TopSide {
  let sum = 0, buyers = 0
  for (const k of top) sum += value[k]
  for (let k = 0; k < value.length; k++) if (value[k] > 0) buyers++
  return { count: top.length, value: sum, buyers }
}

/** Growth of the top `share` (default 20 %) of customers by value between two snapshots, matched by id. */
export function topGrowth(
  earlier: { ids: readonly string[]; value: Float64Array }, later: { ids: readonly string[]; value: Float64Array }, share = 0.2,
): TopGrowth {
  const e = topPositions(earlier.value, share), l = topPositions(later.value, share)
  const laterTop = new Set(l.map((k) => later.ids[k]))
  const stayed = e.filter((k) => laterTop.has(earlier.ids[k])).length
  return { share, earlier: topSide(earlier.value, e), later: topSide(later.value, l), stayed }
}

/** Σ value, Σ tenure years and how many members had both, over the set positions of `group`. */
export function yearlyValue(group: Uint32Array, value: Float64Array, tenureDays: ArrayLike<number>): { valued: number; perYear: number } {
  let sum = 0, years = 0, valued = 0
  for (let k = 0; k < value.length; k++) {
    if (!hasBit(group, k) || Number.isNaN(value[k]) || Number.isNaN(tenureDays[k])) continue
    sum += value[k]
    years += Math.max(tenureDays[k], 1) / YEAR_DAYS
    valued++
  }
  return { valued, perYear: years > 0 ? sum / years : NaN }
}

export interface ChurnInput {
  group: Uint32Array
  earlier: { ids: readonly string[]; value: Float64Array }
  later: { ids: readonly string[]; recencyDays: ArrayLike<number> }
  daysBetween: number
}

/** Earlier buyers of the group, how many of them were lost, and the yearly churn (NaN when days ≤ 0 or no buyers). */
export function measuredChurn({ group, earlier, later, daysBetween }: ChurnInput): { base: number; lost: number; yearly: number } {
  const at = new Map<string, number>()
  later.ids.forEach((id, j) => at.set(id, j))
  let base = 0, lost = 0
  for (let k = 0; k < earlier.ids.length; k++) {
    if (!hasBit(group, k) || !(earlier.value[k] > 0)) continue
    base++
    const j = at.get(earlier.ids[k])
    // A missing recency (never bought) fails "bought since": a missing value fails every condition.
    if (j === undefined || !(later.recencyDays[j] < daysBetween)) lost++
  }
  const period = base > 0 ? lost / base : NaN
  const yearly = daysBetween > 0 ? 1 - Math.pow(1 - period, YEAR_DAYS / daysBetween) : NaN
  return { base, lost, yearly }
}

/** LTV = yearly value ÷ yearly churn (= yearly value × expected lifetime); NaN when churn is not > 0. */
export function lifetimeValue(perYear: number, yearlyChurn: number): number {
  return yearlyChurn > 0 && yearlyChurn <= 1 ? perYear / yearlyChurn : NaN
}
