import { formatDate } from '@/core/engine/columns'
import type { MigrationMatrix } from '@/core/analysis/migration'
import type { SnapshotSummary } from '@/db/snapshots'
import type { ChartOption } from './echarts'
import type { ChartTable } from './chartTable'

/** The as-of date of a snapshot as shown (YYYY-MM-DD, UTC). */
export const asOfLabel = (s: { asOf: number }): string => formatDate(s.asOf)

/** Every segment seen in the snapshots (by id, named as in the latest snapshot that has it), oldest first. */
function segmentsOf(list: readonly SnapshotSummary[]): { id: string; name: string }[] {
  const names = new Map<string, string>()
  for (const s of list) for (const seg of s.segments) names.set(seg.id, seg.name)
  return [...names].map(([id, name]) => ({ id, name }))
}

/** Line chart of each segment's size over the snapshots' as-of dates, with its table (null = not in that snapshot). */
export function sizeHistoryChart(list: readonly SnapshotSummary[], labels: { asOf: string; size: string }): { option: ChartOption; table: ChartTable } {
  const segs = segmentsOf(list)
  const x = list.map(asOfLabel)
  const sizeAt = (s: SnapshotSummary, id: string): number | null => s.segments.find((g) => g.id === id)?.size ?? null
  return {
    option: {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 60 },
      xAxis: { type: 'category', name: labels.asOf, data: x },
      yAxis: { type: 'value', name: labels.size },
      series: segs.map((g) => ({ type: 'line', name: g.name, connectNulls: false, data: list.map((s) => sizeAt(s, g.id)) })),
    },
    table: { columns: [labels.asOf, ...segs.map((g) => g.name)], rows: list.map((s, k) => [x[k], ...segs.map((g) => sizeAt(s, g.id))]) },
  }
}

/** Row and column labels of a migration matrix: the groups, then the two extra labels of each side. */
export function matrixLabels(
  m: MigrationMatrix, rowNames: string[], colNames: string[], extra: { none: string; new: string; gone: string },
): { rows: string[]; cols: string[] } {
  return {
    rows: [...rowNames.slice(0, m.rows - 2), extra.none, extra.new],
    cols: [...colNames.slice(0, m.cols - 2), extra.none, extra.gone],
  }
}
