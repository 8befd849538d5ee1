import type { ClustersResult } from '@/worker/client'
import type { ChartOption } from './echarts'
import type { ChartTable } from './chartTable'

// ECharts options and table alternatives of the cluster view (pure: words come in as arguments).

/** Elbow (inertia, left axis) and mean silhouette (right axis) for k = 2…10, the suggested k marked. */
export function hintChart(r: ClustersResult, words: { k: string; inertia: string; silhouette: string }): { option: ChartOption; table: ChartTable } {
  const ks = r.hints.map((h) => String(h.k))
  const best = r.hints.find((h) => h.k === r.suggestedK)
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: [words.inertia, words.silhouette], top: 0 },
    grid: { left: 70, right: 60, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: ks, name: 'k' },
    yAxis: [{ type: 'value', name: words.inertia }, { type: 'value', name: words.silhouette, min: -1, max: 1 }],
    series: [
      { type: 'line', name: words.inertia, data: r.hints.map((h) => h.inertia) },
      {
        type: 'line', name: words.silhouette, yAxisIndex: 1, data: r.hints.map((h) => Number(h.silhouette.toFixed(4))),
        markPoint: best ? { data: [{ coord: [String(best.k), best.silhouette] as [string, number], name: `k=${best.k}`, value: `k=${best.k}` }] } : undefined,
      },
    ],
  }
  const table: ChartTable = { columns: [words.k, words.inertia, words.silhouette], rows: r.hints.map((h) => [String(h.k), h.inertia, h.silhouette]) }
  return { option, table }
}

/** Sampled customers on fields x and y, one series per cluster; the table gives counts and means per cluster. */
export function scatterChart(r: ClustersResult, x: number, y: number, clusterName: (c: number) => string, axis: { cluster: string; x: string; y: string }): { option: ChartOption; table: ChartTable } {
  const series = r.clusters.map((c) => {
    const data: [number, number][] = []
    r.scatter.labels.forEach((label, p) => { if (label === c.index) data.push([r.scatter.values[x][p], r.scatter.values[y][p]]) })
    return { type: 'scatter' as const, name: clusterName(c.index), data, symbolSize: 4, large: true }
  })
  const option: ChartOption = {
    tooltip: { trigger: 'item' },
    legend: { data: series.map((s) => s.name), top: 0 },
    grid: { left: 70, right: 30, top: 40, bottom: 50 },
    xAxis: { type: 'value', name: axis.x, scale: true },
    yAxis: { type: 'value', name: axis.y, scale: true },
    series,
  }
  const table: ChartTable = {
    columns: [axis.cluster, axis.x, axis.y],
    rows: r.clusters.map((c) => [clusterName(c.index), c.centre[x], c.centre[y]]),
  }
  return { option, table }
}
