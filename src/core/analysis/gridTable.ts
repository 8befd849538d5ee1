import type { Bitset } from '../engine/bitset'
import type { ColumnarTable } from '../engine/columns'
import { measureFieldIssue } from '../engine/measure'
import { binDimension, rowsInScope, type BinnedDim, type GridDim, type GridDimSpec } from './gridBins'

/*
 * The grid model's cross-tab: rows × columns of bins, each cell the customers in scope whose row
 * field falls in the row's bin and column field in the column's bin, with their count and the sum of
 * a measure. One bin of an axis may be split by a third field ("sub-split"): that row (or column)
 * becomes one row per bin of the third field, e.g. "SUV · <20万", "SUV · 20–30万".
 */

/** A grid request: two dimensions, an optional sub-split and measure. */
export interface GridSpec {
  rows: GridDimSpec
  cols: GridDimSpec
  /** Split bin `bin` of the row or column axis by a third dimension. */
  split?: { axis: 'rows' | 'cols'; bin: number; dim: GridDimSpec }
  /** A number field to sum per cell (missing values skipped). */
  measure?: string
}

/** One part of an axis key: bin `bin` of dimension `dim` (0 rows, 1 columns, 2 the sub-split's field). */
export interface GridKeyPart { dim: 0 | 1 | 2; bin: number }
/** A row or column of the grid: one bin, or a bin and a sub-bin of the split. */
export type GridKey = GridKeyPart[]

/** The cross-tab. Cell (r, c) is at r·cols.length + c. */
export interface GridResult {
  /** The row dimension, the column dimension and (with a split) the third one. */
  dims: GridDim[]
  rows: GridKey[]
  cols: GridKey[]
  counts: number[]
  /** Sum and number of present values of the measure per cell (with a measure). */
  sums?: number[]
  present?: number[]
  measure?: string
  /** Customers in scope (the base of percentages) and in the whole table. */
  scopeCount: number
  tableCount: number
}

interface Axis { keys: GridKey[]; keyOf: Int32Array }

/** The keys of one axis and the key of each row; `split` replaces bin `bin` by its sub-bins. */
function axisOf(main: BinnedDim, mainDim: 0 | 1, split: { bin: number; sub: BinnedDim } | null): Axis {
  const keys: GridKey[] = []
  const first: number[] = []
  main.dim.bins.forEach((_, b) => {
    first.push(keys.length)
    if (split && split.bin === b) split.sub.dim.bins.forEach((__, s) => keys.push([{ dim: mainDim, bin: b }, { dim: 2, bin: s }]))
    else keys.push([{ dim: mainDim, bin: b }])
  })
  // Without a split the keys are the bins, in order.
  if (!split) return { keys, keyOf: main.index }
  const keyOf = new Int32Array(main.index.length).fill(-1)
  for (let i = 0; i < keyOf.length; i++) {
    const b = main.index[i]
    if (b < 0) continue
    keyOf[i] = split.bin === b ? first[b] + split.sub.index[i] : first[b]
  }
  return { keys, keyOf }
}

/** Checks the spec against the table before any work; throws with the reason. */
function checkSpec(table: ColumnarTable, spec: GridSpec): void {
  if (spec.measure !== undefined) {
    const issue = measureFieldIssue(table, spec.measure)
    if (issue) throw new Error(issue)
  }
}

/** The phases of computeGrid: yields after each (1 rows binned, 2 columns, 3 axes built), returns the grid. */
function* gridPhases(table: ColumnarTable, spec: GridSpec, scope: Bitset | null): Generator<number, GridResult> {
  checkSpec(table, spec)
  const r = binDimension(table, spec.rows, scope)
  yield 1
  const c = binDimension(table, spec.cols, scope)
  yield 2
  const sub = spec.split ? binDimension(table, spec.split.dim, scope) : null
  const split = (axis: 'rows' | 'cols') => (sub && spec.split?.axis === axis ? { bin: spec.split.bin, sub } : null)
  const rows = axisOf(r, 0, split('rows'))
  const cols = axisOf(c, 1, split('cols'))
  yield 3
  const result = countCells(table, spec.measure, scope, rows, cols)
  const dims = sub ? [r.dim, c.dim, sub.dim] : [r.dim, c.dim]
  return { dims, rows: rows.keys, cols: cols.keys, ...result, tableCount: table.rowCount }
}

/**
 * The cross-tab of `spec` over the rows in `scope` (all rows when null): bins each dimension (one
 * typed-array pass each, see gridBins.ts), then counts every row in scope into its cell in one pass.
 * `step` is awaited between phases (progress and cancel points of the worker).
 */
export async function computeGrid(
  table: ColumnarTable, spec: GridSpec, scope: Bitset | null, step: (phase: number) => Promise<void> = async () => {},
): Promise<GridResult> {
  const phases = gridPhases(table, spec, scope)
  for (let next = phases.next(); ; next = phases.next()) {
    if (next.done) return next.value
    await step(next.value)
  }
}

/** computeGrid without pauses (benchmarks, tests). */
export function computeGridSync(table: ColumnarTable, spec: GridSpec, scope: Bitset | null): GridResult {
  const phases = gridPhases(table, spec, scope)
  for (let next = phases.next(); ; next = phases.next()) if (next.done) return next.value
}

/** One pass over the rows in scope: count (and measure) per cell. */
function countCells(table: ColumnarTable, measure: string | undefined, scope: Bitset | null, rows: Axis, cols: Axis) {
  const nc = cols.keys.length
  const cells = rows.keys.length * nc
  const counts = new Float64Array(cells)
  const values = measure === undefined ? null : (table.columns[measure] as { values: Float64Array }).values
  const sums = new Float64Array(values ? cells : 0)
  const present = new Float64Array(values ? cells : 0)
  const rk = rows.keyOf
  const ck = cols.keyOf
  const members = rowsInScope(scope)
  const scopeCount = members ? members.length : table.rowCount
  for (let k = 0; k < scopeCount; k++) {
    const i = members ? members[k] : k
    const cell = rk[i] * nc + ck[i]
    counts[cell]++
    if (values) {
      const v = values[i]
      if (v === v) {
        sums[cell] += v
        present[cell]++
      }
    }
  }
  return {
    counts: Array.from(counts), scopeCount,
    ...(values ? { sums: Array.from(sums), present: Array.from(present), measure } : {}),
  }
}

/** A cell's or a total's aggregates: count, and the measure's sum and present count. */
export interface GridAggregate { count: number; sum: number; present: number }

/** Row totals, column totals and the grand total of a grid (sums of its cells). */
export function gridTotals(g: GridResult): { rows: GridAggregate[]; cols: GridAggregate[]; all: GridAggregate } {
  const zero = (): GridAggregate => ({ count: 0, sum: 0, present: 0 })
  const rows = g.rows.map(zero)
  const cols = g.cols.map(zero)
  const all = zero()
  const nc = g.cols.length
  g.counts.forEach((n, k) => {
    const s = g.sums?.[k] ?? 0
    const p = g.present?.[k] ?? 0
    for (const t of [rows[Math.floor(k / nc)], cols[k % nc], all]) {
      t.count += n
      t.sum += s
      t.present += p
    }
  })
  return { rows, cols, all }
}
