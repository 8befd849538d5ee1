import type { RfmAnalysis } from '@/core/analysis/rfmClasses'
import type { ChartOption } from './echarts'
import type { ChartTable } from './chartTable'

/** Words the RFM charts need, already translated. */
export interface RfmChartWords {
  classNames: string[]
  noPurchase: string
  cls: string; count: string; share: string; revenueShare: string
  rScore: string; fScore: string; mScore: string; avgM: string; cell: string
}

const share = (v: number, total: number): number | null => (total > 0 ? v / total : null)

/** Bars of the 8 classes and the no-purchase group, and their table. */
export function classesChart(a: RfmAnalysis, w: RfmChartWords): { option: ChartOption; table: ChartTable } {
  const groups = [...a.classes, a.noPurchase]
  const names = [...w.classNames, w.noPurchase]
  return {
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 20, bottom: 90 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: w.count },
      series: [{ type: 'bar', name: w.count, data: groups.map((g) => g.count) }],
    },
    table: {
      columns: [w.cls, w.count, w.share, w.revenueShare],
      rows: groups.map((g, k) => [names[k], g.count, share(g.count, a.total), share(g.revenue, a.totalRevenue)]),
    },
  }
}

/** The R × F heat map coloured by average M (R score on y, F score on x), and its table. */
export function rfHeatChart(a: RfmAnalysis, w: RfmChartWords): { option: ChartOption; table: ChartTable } {
  const cells = a.rf.map((c, k) => ({ r: Math.floor(k / 5) + 1, f: (k % 5) + 1, count: c.count, avg: c.count > 0 ? c.revenue / c.count : null }))
  const avgs = cells.flatMap((c) => (c.avg === null ? [] : [c.avg]))
  return {
    option: {
      tooltip: { position: 'top' },
      grid: { left: 60, right: 20, top: 20, bottom: 80 },
      xAxis: { type: 'category', name: w.fScore, data: ['1', '2', '3', '4', '5'] },
      yAxis: { type: 'category', name: w.rScore, data: ['1', '2', '3', '4', '5'] },
      visualMap: { min: Math.min(0, ...avgs), max: Math.max(1, ...avgs), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: [w.avgM, ''] },
      series: [{ type: 'heatmap', name: w.avgM, label: { show: true, formatter: (p: unknown) => String(Math.round(((p as { data: number[] }).data[2]) || 0)) },
        data: cells.map((c) => [c.f - 1, c.r - 1, c.avg ?? '-']) }],
    },
    table: { columns: [w.rScore, w.fScore, w.count, w.avgM], rows: cells.map((c) => [`R${c.r}`, c.f, c.count, c.avg]) },
  }
}

/** Bars of the RFM cells that have members, and the table of counts and shares. */
export function cellsChart(a: RfmAnalysis, w: RfmChartWords): { option: ChartOption; table: ChartTable } {
  const names = a.cells.map((c) => `${c.r}${c.f}${c.m}`)
  return {
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 20, bottom: 60 },
      dataZoom: [{ type: 'inside' }, { type: 'slider' }],
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', name: w.count },
      series: [{ type: 'bar', name: w.count, data: a.cells.map((c) => c.count) }],
    },
    table: {
      columns: [w.cell, w.count, w.share, w.revenueShare],
      rows: a.cells.map((c, k) => [names[k], c.count, share(c.count, a.total), share(c.revenue, a.totalRevenue)]),
    },
  }
}
