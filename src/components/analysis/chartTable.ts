/** The numbers of a chart as a table: its screen-reader alternative and its CSV export. */
export interface ChartTable {
  columns: string[]
  /** One row per category / cell; the first value names the row. Numbers are raw (formatted on screen only). */
  rows: Array<Array<string | number | null>>
}
