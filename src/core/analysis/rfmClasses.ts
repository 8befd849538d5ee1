import { quintileScores, rfmClassCodes, RFM_CLASSES } from '../derive/rfm'
import { buyerMean, type ValueColumns } from './rfmFields'
import type { RfmMeans } from './rfmRules'

/** Customers and revenue (sum of the monetary field's present values) of one group. */
export interface GroupTotals { count: number; revenue: number }

/** One of the 125 RFM cells (scores 1–5 each); only cells with members are listed. */
export interface RfmCell extends GroupTotals { r: number; f: number; m: number }

/** The RFM view of a customer table (DOMAIN.md "Customer value classification"). */
export interface RfmAnalysis {
  /** All customers of the table. */
  total: number
  /** Sum of the monetary field over every customer with a value: the base of every revenue share. */
  totalRevenue: number
  buyers: number
  /** Means over the buyers: the class thresholds. */
  means: RfmMeans
  /** Per class, indexed as RFM_CLASSES. */
  classes: GroupTotals[]
  /** Customers who are not buyers (never bought, or a role value missing). */
  noPurchase: GroupTotals
  /** Cells with members, in r, f, m order. */
  cells: RfmCell[]
  /** R × F (index (r−1)·5 + f−1): buyers and the sum of M, for the heat map coloured by average M. */
  rf: GroupTotals[]
}

const present = (v: number): number => (v === v ? v : 0)

/**
 * Classes (the 8-class value model of core/derive/rfm.ts), quintile cells and the R × F grid over the
 * buyers; customers who never bought form their own group. Computed over the columns, in row order.
 */
export function computeRfmAnalysis(cols: ValueColumns): RfmAnalysis {
  const { recency, frequency, monetary, buyers } = cols
  const codes = rfmClassCodes({ recency, frequency, monetary }, buyers)
  const r = quintileScores(recency, buyers, true)
  const f = quintileScores(frequency, buyers, false)
  const m = quintileScores(monetary, buyers, false)
  const classes = RFM_CLASSES.map(() => ({ count: 0, revenue: 0 }))
  const cellTotals = Array.from({ length: 125 }, () => ({ count: 0, revenue: 0 }))
  const rf = Array.from({ length: 25 }, () => ({ count: 0, revenue: 0 }))
  const noPurchase = { count: 0, revenue: 0 }
  let totalRevenue = 0, buyerCount = 0
  for (let i = 0; i < codes.length; i++) {
    const v = present(monetary[i])
    totalRevenue += v
    if (codes[i] < 0) {
      noPurchase.count++
      noPurchase.revenue += v
      continue
    }
    buyerCount++
    add(classes[codes[i]], v)
    add(cellTotals[(r[i] - 1) * 25 + (f[i] - 1) * 5 + m[i] - 1], v)
    add(rf[(r[i] - 1) * 5 + f[i] - 1], v)
  }
  const cells = cellTotals.flatMap((c, k) => (c.count > 0 ? [{ r: Math.floor(k / 25) + 1, f: (Math.floor(k / 5) % 5) + 1, m: (k % 5) + 1, ...c }] : []))
  const means = { recency: buyerMean(recency, buyers), frequency: buyerMean(frequency, buyers), monetary: buyerMean(monetary, buyers) }
  return { total: codes.length, totalRevenue, buyers: buyerCount, means, classes, noPurchase, cells, rf }
}

function add(t: GroupTotals, v: number): void {
  t.count++
  t.revenue += v
}
