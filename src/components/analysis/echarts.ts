import { use } from 'echarts/core'
import type { ComposeOption } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts'
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import {
  AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, MarkPointComponent,
  TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components'
import type {
  AriaComponentOption, DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkAreaComponentOption,
  MarkLineComponentOption, MarkPointComponentOption, TitleComponentOption, TooltipComponentOption, VisualMapComponentOption,
} from 'echarts/components'

// ECharts, tree-shaken: only the charts and components the analysis views use are bundled.
// Add a chart type here (and to ChartOption) when a view needs one.

/** The option type of every chart in the app. */
export type ChartOption = ComposeOption<
  | BarSeriesOption | HeatmapSeriesOption | LineSeriesOption | ScatterSeriesOption
  | AriaComponentOption | DataZoomComponentOption | GridComponentOption | LegendComponentOption | MarkAreaComponentOption
  | MarkLineComponentOption | MarkPointComponentOption | TitleComponentOption | TooltipComponentOption | VisualMapComponentOption
>

let registered = false

/** Registers the renderer, charts and components once. */
export function registerCharts(): void {
  if (registered) return
  use([
    CanvasRenderer, BarChart, HeatmapChart, LineChart, ScatterChart,
    AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, MarkPointComponent,
    TitleComponent, TooltipComponent, VisualMapComponent,
  ])
  registered = true
}
