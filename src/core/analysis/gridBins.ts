import type { Bitset } from '../engine/bitset'
import { BOOL_MISSING, parseIsoDate, type Column, type ColumnarTable } from '../engine/columns'

/*
 * Binning one dimension of the grid model (DOMAIN.md "Grid model").
 *
 * A number or date dimension is cut at increasing cut points c1 < … < ck into k + 1 bins
 * (−∞, c1), [c1, c2), …, [ck, +∞): a value equal to a cut belongs to the bin above it, so bins never
 * overlap and a rule "≥ lo and < hi" selects exactly one bin. Dates are binned by whole UTC days
 * (epoch days). Cuts come from the values in scope:
 *   equal    — n bins of equal width over [min, max]: ck = min + (max − min)·k / n (dates: rounded to days);
 *   quantile — n bins of about equal size: ck = the value at sorted position ⌊k·N / n⌋. Ties are never
 *              split (a cut is a value and the whole tie goes above it), so there may be fewer than n bins;
 *   breaks   — the user's own cut points (numbers, or ISO dates for a date field).
 * A category/text field is binned by its values (most frequent first), a boolean by yes/no. Missing
 * values form their own bin, last, shown when at least one row in scope misses the value.
 */

/** At most this many values of a category/text field on one axis. */
export const MAX_GRID_VALUES = 60
/** At most this many bins of a number/date field. */
export const MAX_GRID_BINS = 50
const DAY = 86_400_000

export type GridBinMethod = 'equal' | 'quantile' | 'breaks'

/** How to bin one dimension. `bins` (equal/quantile) and `breaks` are ignored for category/boolean fields. */
export interface GridDimSpec {
  field: string
  method?: GridBinMethod
  bins?: number
  /** Cut points: numbers, or 'YYYY-MM-DD' for a date field. */
  breaks?: Array<number | string>
}

/** One bin: a value, yes/no, a range [lo, hi) (null = unbounded; dates in epoch days) or the missing values. */
export type GridBin =
  | { kind: 'missing' }
  | { kind: 'value'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'range'; lo: number | null; hi: number | null }

/** A binned dimension: its field, type, bins and the range of its values in scope (for labels). */
export interface GridDim {
  field: string
  type: 'number' | 'date' | 'category' | 'text' | 'boolean'
  dateFormat?: 'date' | 'datetime'
  bins: GridBin[]
  /** Smallest and largest value in scope (number/date; dates in epoch days); null when none. */
  min: number | null
  max: number | null
}

/** A dimension with the bin of every row in scope (−1 outside the scope). */
export interface BinnedDim { dim: GridDim; index: Int32Array }

/** The row indexes in scope, ascending; null when every row is (loops then run over 0…rowCount − 1). */
export function rowsInScope(scope: Bitset | null): Int32Array | null {
  if (!scope) return null
  const out = new Int32Array(scope.count())
  let k = 0
  scope.forEach((i) => { out[k++] = i })
  return out
}

/** Calls fn for each row in scope (every row without a scope). */
export function forEachInScope(rowCount: number, scope: Bitset | null, fn: (i: number) => void): void {
  if (scope) scope.forEach((i) => { fn(i) })
  else for (let i = 0; i < rowCount; i++) fn(i)
}

/** Index of the bin of `v` among cuts: how many cuts are ≤ v (binary search). */
export function binOf(cuts: ArrayLike<number>, v: number): number {
  let lo = 0
  let hi = cuts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cuts[mid] <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Writes the bin of each row in scope (`rows`: their indexes, or a row count for all rows) into
 * `index`; missing values get bin cuts.length + 1. With `equal` (equal-width cuts over [min, max])
 * the bin is guessed from the value's position, then corrected against the cuts, so the cuts alone
 * decide, as the rule's conditions do; otherwise a binary search. Answers whether any value was missing.
 */
function assignRangeBins(
  values: Float64Array, isDate: boolean, rows: Int32Array | number, cuts: Float64Array, equal: { min: number; max: number } | null, index: Int32Array,
): boolean {
  const last = cuts.length
  const min = equal?.min ?? 0
  const span = equal ? equal.max - equal.min : 0
  const scale = equal && span > 0 && Number.isFinite(span) ? (last + 1) / span : 0
  const n = typeof rows === 'number' ? rows : rows.length
  const all = typeof rows === 'number'
  let anyMissing = false
  for (let k = 0; k < n; k++) {
    const i = all ? k : (rows as Int32Array)[k]
    let v = values[i]
    if (v !== v) {
      index[i] = last + 1
      anyMissing = true
      continue
    }
    if (isDate) v = Math.floor(v / DAY)
    let b: number
    if (equal) {
      b = Math.floor((v - min) * scale)
      if (!(b >= 0)) b = 0
      else if (b > last) b = last
      while (b > 0 && v < cuts[b - 1]) b--
      while (b < last && v >= cuts[b]) b++
    } else b = binOf(cuts, v)
    index[i] = b
  }
  return anyMissing
}

/** Strictly increasing cuts above `min` (a cut at or below min would only make an empty first bin). */
function cleanCuts(cuts: number[], min: number): number[] {
  const out: number[] = []
  for (const c of cuts) if (Number.isFinite(c) && c > min && (out.length === 0 || c > out[out.length - 1])) out.push(c)
  return out
}

/** The cut points of a number/date dimension over the present values (sorted ascending). */
export function cutPoints(sorted: Float64Array, spec: GridDimSpec, isDate: boolean): number[] {
  return sorted.length === 0 ? [] : cutsFor(sorted[0], sorted[sorted.length - 1], sorted, spec, isDate)
}

/** Cut points from the range of the present values; `sorted` (all of them, ascending) is needed for quantiles only. */
function cutsFor(min: number, max: number, sorted: Float64Array | null, spec: GridDimSpec, isDate: boolean): number[] {
  const n = Math.max(1, Math.min(MAX_GRID_BINS, Math.floor(spec.bins ?? 5)))
  const method = spec.method ?? 'equal'
  if (method === 'breaks') {
    const raw = (spec.breaks ?? []).map((b) => (typeof b === 'number' ? b : isDate ? Math.floor(parseIsoDate(b) / DAY) : Number(b)))
    return cleanCuts([...raw].sort((a, b) => a - b), -Infinity).slice(0, MAX_GRID_BINS - 1)
  }
  const cuts: number[] = []
  for (let k = 1; k < n; k++) {
    if (method === 'quantile' && sorted) cuts.push(sorted[Math.floor((k * sorted.length) / n)])
    else cuts.push(isDate ? min + Math.round(((max - min + 1) * k) / n) : min + ((max - min) * k) / n)
  }
  return cleanCuts(cuts, min).filter((c) => c <= max)
}

function rangeBins(cuts: number[]): GridBin[] {
  return Array.from({ length: cuts.length + 1 }, (_, k) => ({
    kind: 'range' as const, lo: k === 0 ? null : cuts[k - 1], hi: k === cuts.length ? null : cuts[k],
  }))
}

/** Range of the present values in scope (dates as epoch days), and the values themselves, sorted, when `collect`. */
function presentRange(values: Float64Array, isDate: boolean, rows: Int32Array | null, rowCount: number, collect: boolean) {
  const n = rows ? rows.length : rowCount
  const kept = collect ? new Float64Array(n) : null
  let min = Infinity, max = -Infinity, present = 0
  for (let k = 0; k < n; k++) {
    let v = values[rows ? rows[k] : k]
    if (v !== v) continue
    if (isDate) v = Math.floor(v / DAY)
    if (v < min) min = v
    if (v > max) max = v
    if (kept) kept[present] = v
    present++
  }
  return { min, max, present, sorted: kept ? kept.subarray(0, present).sort() : null }
}

/** Bins a number or date column (dates by epoch day): two typed-array passes over the rows in scope. */
function binRange(col: Extract<Column, { type: 'number' | 'date' }>, field: string, spec: GridDimSpec, rowCount: number, scope: Bitset | null): BinnedDim {
  const isDate = col.type === 'date'
  const rows = rowsInScope(scope)
  const { min, max, present, sorted } = presentRange(col.values, isDate, rows, rowCount, spec.method === 'quantile')
  const cuts = present === 0 ? [] : cutsFor(min, max, sorted, spec, isDate)
  const bins = rangeBins(cuts)
  const index = new Int32Array(rowCount).fill(-1)
  const anyMissing = assignRangeBins(col.values, isDate, rows ?? rowCount, Float64Array.from(cuts), spec.method === 'quantile' || spec.method === 'breaks' ? null : { min, max }, index)
  if (anyMissing) bins.push({ kind: 'missing' })
  const dim: GridDim = {
    field, type: col.type, bins, min: present ? min : null, max: present ? max : null,
    ...(col.type === 'date' ? { dateFormat: col.dateFormat } : {}),
  }
  return { dim, index }
}

/** Bins a category/text column by its values in scope, most frequent first (ties by value). */
function binValues(col: Extract<Column, { type: 'text' | 'category' }>, field: string, rowCount: number, scope: Bitset | null): BinnedDim {
  const counts = new Float64Array(col.dict.length)
  let missingCount = 0
  forEachInScope(rowCount, scope, (i) => {
    const c = col.codes[i]
    if (c >= 0) counts[c]++
    else missingCount++
  })
  const codes = [...counts.keys()].filter((c) => counts[c] > 0)
  if (codes.length > MAX_GRID_VALUES) {
    throw new Error(`Field "${field}" has ${codes.length} values in scope; a grid axis shows at most ${MAX_GRID_VALUES}: bin a number field or pick another`)
  }
  codes.sort((a, b) => counts[b] - counts[a] || (col.dict[a] < col.dict[b] ? -1 : col.dict[a] > col.dict[b] ? 1 : 0))
  const binOfCode = new Int32Array(col.dict.length).fill(-1)
  codes.forEach((c, k) => { binOfCode[c] = k })
  const bins: GridBin[] = codes.map((c) => ({ kind: 'value', value: col.dict[c] }))
  if (missingCount > 0) bins.push({ kind: 'missing' })
  const index = new Int32Array(rowCount).fill(-1)
  forEachInScope(rowCount, scope, (i) => {
    const c = col.codes[i]
    index[i] = c >= 0 ? binOfCode[c] : codes.length
  })
  return { dim: { field, type: col.type, bins, min: null, max: null }, index }
}

/** Bins a boolean column: yes, no, then missing when any row in scope misses it. */
function binBoolean(values: Uint8Array, field: string, rowCount: number, scope: Bitset | null): BinnedDim {
  const index = new Int32Array(rowCount).fill(-1)
  let anyMissing = false
  forEachInScope(rowCount, scope, (i) => {
    const v = values[i]
    index[i] = v === BOOL_MISSING ? 2 : v === 1 ? 0 : 1
    if (v === BOOL_MISSING) anyMissing = true
  })
  const bins: GridBin[] = [{ kind: 'bool', value: true }, { kind: 'bool', value: false }]
  if (anyMissing) bins.push({ kind: 'missing' })
  return { dim: { field, type: 'boolean', bins, min: null, max: null }, index }
}

/** Why `field` cannot be a grid dimension of `table`; null when it can. */
export function gridDimIssue(table: ColumnarTable, field: string): string | null {
  if (!Object.hasOwn(table.columns, field)) return `Unknown field "${field}"`
  if (table.columns[field].type === 'list') return `Field "${field}" is a tag list: a grid axis needs one value per customer`
  return null
}

/**
 * Bins one dimension over the rows in scope (all rows when `scope` is null): the bins and the bin of
 * every row in scope. Throws when the field cannot be an axis (gridDimIssue) or has too many values.
 */
export function binDimension(table: ColumnarTable, spec: GridDimSpec, scope: Bitset | null): BinnedDim {
  const issue = gridDimIssue(table, spec.field)
  if (issue) throw new Error(issue)
  const col = table.columns[spec.field]
  const n = table.rowCount
  switch (col.type) {
    case 'number': case 'date': return binRange(col, spec.field, spec, n, scope)
    case 'category': case 'text': return binValues(col, spec.field, n, scope)
    case 'boolean': return binBoolean(col.values, spec.field, n, scope)
    case 'list': throw new Error('unreachable')
  }
}
