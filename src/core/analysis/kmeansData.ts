import type { ColumnarTable } from '../engine/columns'

// The input of a clustering: the picked number fields of the customers that have all of them,
// z-scored so that a field measured in yuan does not outweigh one measured in visits.

export interface ClusterData {
  /** Row-major n × d matrix of z-scores. */
  data: Float64Array
  /** Table row of each point. */
  rows: Int32Array
  /** Points (customers with every picked field present). */
  n: number
  d: number
  /** Mean and standard deviation (population) of each field over the points, in original units. */
  means: number[]
  sds: number[]
  /** Customers left out because at least one picked field is missing. */
  excluded: number
}

/** A refusal reason when `fields` cannot be clustered on `table`, else null. */
export function clusterFieldIssue(table: ColumnarTable, fields: string[]): string | null {
  if (new Set(fields).size !== fields.length) return 'a field is picked twice'
  for (const f of fields) {
    const col = Object.hasOwn(table.columns, f) ? table.columns[f] : undefined
    if (!col) return `unknown field "${f}"`
    if (col.type !== 'number') return `field "${f}" is not a number field`
  }
  return null
}

/** Rows where every column has a value (not NaN). */
function completeRows(cols: Float64Array[], rowCount: number): Int32Array {
  const keep = new Int32Array(rowCount)
  let n = 0
  for (let i = 0; i < rowCount; i++) {
    let ok = true
    for (const c of cols) if (Number.isNaN(c[i])) { ok = false; break }
    if (ok) keep[n++] = i
  }
  return keep.slice(0, n)
}

/**
 * Builds the z-scored matrix of the number fields `fields` (check them with clusterFieldIssue).
 * z = (x − mean) / sd over the points; a constant field (sd 0) gets sd 1, i.e. all zeros.
 */
export function standardise(table: ColumnarTable, fields: string[]): ClusterData {
  const cols = fields.map((f) => {
    const col = table.columns[f]
    if (col?.type !== 'number') throw new Error(`field "${f}" is not a number field`)
    return col.values
  })
  const rows = completeRows(cols, table.rowCount)
  const n = rows.length, d = cols.length
  const data = new Float64Array(n * d)
  const means: number[] = [], sds: number[] = []
  cols.forEach((values, j) => {
    let sum = 0
    for (let p = 0; p < n; p++) sum += values[rows[p]]
    const mean = n > 0 ? sum / n : 0
    let ss = 0
    for (let p = 0; p < n; p++) ss += (values[rows[p]] - mean) ** 2
    const sd = n > 0 ? Math.sqrt(ss / n) : 0
    const scale = sd > 0 ? sd : 1
    for (let p = 0; p < n; p++) data[p * d + j] = (values[rows[p]] - mean) / scale
    means.push(mean)
    sds.push(sd)
  })
  return { data, rows, n, d, means, sds, excluded: table.rowCount - n }
}
