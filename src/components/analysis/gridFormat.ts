import type { GridBin, GridDim } from '@/core/analysis/gridBins'
import { gridTotals, type GridAggregate, type GridKey, type GridResult } from '@/core/analysis/gridTable'
import { formatDate } from '@/core/engine/columns'
import type { ChartTable } from './chartTable'

/** What a grid cell shows: customers, % of the scope, or the sum / average of the measure. */
export type GridMeasure = 'count' | 'pct' | 'sum' | 'avg'

export interface GridWords {
  /** Locale number format. */
  num: (v: number) => string
  missing: string
  yes: string
  no: string
  allValues: string
  total: string
}

const DAY = 86_400_000
const day = (d: number): string => formatDate(d * DAY)

/** The label of one bin: a value, yes/no, a range ("< 20", "[20, 30)", "≥ 30"; dates by day) or "(missing)". */
export function binLabel(dim: GridDim, bin: GridBin, w: GridWords): string {
  if (bin.kind === 'missing') return w.missing
  if (bin.kind === 'value') return bin.value
  if (bin.kind === 'bool') return bin.value ? w.yes : w.no
  const { lo, hi } = bin
  if (dim.type === 'date') {
    if (lo === null && hi === null) return w.allValues
    if (lo === null) return `≤ ${day(hi! - 1)}`
    if (hi === null) return `≥ ${day(lo)}`
    return hi - lo === 1 ? day(lo) : `${day(lo)} – ${day(hi - 1)}`
  }
  if (lo === null && hi === null) return w.allValues
  if (lo === null) return `< ${w.num(hi!)}`
  if (hi === null) return `≥ ${w.num(lo)}`
  return `[${w.num(lo)}, ${w.num(hi)})`
}

/** The label of a row or column: its bin, and the sub-split's bin after " · ". */
export function keyLabel(g: GridResult, key: GridKey, w: GridWords): string {
  return key.map((p) => binLabel(g.dims[p.dim], g.dims[p.dim].bins[p.bin], w)).join(' · ')
}

/** The value shown for an aggregate under a measure; null when undefined (an average without values). */
export function aggregateValue(a: GridAggregate, measure: GridMeasure, scopeCount: number): number | null {
  switch (measure) {
    case 'count': return a.count
    case 'pct': return scopeCount === 0 ? null : (100 * a.count) / scopeCount
    case 'sum': return a.sum
    case 'avg': return a.present === 0 ? null : a.sum / a.present
  }
}

/** Every cell's aggregate. */
export function cellAggregates(g: GridResult): GridAggregate[] {
  return g.counts.map((count, k) => ({ count, sum: g.sums?.[k] ?? 0, present: g.present?.[k] ?? 0 }))
}

/** The grid as a table (rows with their total, then the totals row): the CSV export and screen-reader table. */
export function gridTable(g: GridResult, measure: GridMeasure, w: GridWords, corner: string): ChartTable {
  const totals = gridTotals(g)
  const cells = cellAggregates(g)
  const v = (a: GridAggregate): number | null => aggregateValue(a, measure, g.scopeCount)
  const nc = g.cols.length
  return {
    columns: [corner, ...g.cols.map((k) => keyLabel(g, k, w)), w.total],
    rows: [
      ...g.rows.map((k, r) => [keyLabel(g, k, w), ...cells.slice(r * nc, (r + 1) * nc).map(v), v(totals.rows[r])]),
      [w.total, ...totals.cols.map(v), v(totals.all)],
    ],
  }
}
