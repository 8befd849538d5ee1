import { formatDate } from '../engine/columns'
import type { Condition, Group, RuleNode } from '../logic/types'
import type { GridBin, GridDim } from './gridBins'
import type { GridKey, GridResult } from './gridTable'

/*
 * Selected grid cells → an ordinary builder rule that selects exactly the customers of those cells.
 * Per dimension, a set of bins becomes: values → any_of (category) / in_list (text); yes/no → is_true /
 * is_false; ranges → "≥ lo" and "< hi" (dates: after the day before lo, before hi), contiguous bins
 * merged into one range; the missing bin → is_empty. A set holding every bin of an axis needs no
 * condition. Cells are grouped by row; rows with the same selected columns share one AND of a row
 * condition and a column condition, so whole rows or columns give one condition and a rectangle two.
 */

let counter = 0
const id = (): string => `grid${++counter}`

function cond(dim: GridDim, op: Condition['op'], value?: Condition['value']): Condition {
  const fieldType = dim.type
  return { kind: 'condition', id: id(), field: dim.field, op, fieldType, ...(value === undefined ? {} : { value }) }
}

function group(combinator: 'and' | 'or', children: RuleNode[]): RuleNode {
  return children.length === 1 ? children[0] : { kind: 'group', id: id(), combinator, children }
}

const DAY = 86_400_000

/** Conditions for the range [lo, hi) (null = unbounded) of a number or date dimension. */
function rangeConditions(dim: GridDim, lo: number | null, hi: number | null): RuleNode {
  if (lo === null && hi === null) return cond(dim, 'not_empty')
  const parts: RuleNode[] = []
  if (dim.type === 'date') {
    // Dates compare as ISO strings: "after the last second of the day before lo" is "on or after lo".
    const prev = lo === null ? '' : formatDate((lo - 1) * DAY)
    if (lo !== null) parts.push(cond(dim, 'after', dim.dateFormat === 'datetime' ? `${prev}T23:59:59` : prev))
    if (hi !== null) parts.push(cond(dim, 'before', formatDate(hi * DAY)))
  } else {
    if (lo !== null) parts.push(cond(dim, 'ge', lo))
    if (hi !== null) parts.push(cond(dim, 'lt', hi))
  }
  return group('and', parts)
}

/** Merged runs of consecutive range bins among `bins` (indexes, ascending) → one range each. */
function rangeRuns(dim: GridDim, bins: number[]): RuleNode[] {
  const out: RuleNode[] = []
  let start = 0
  for (let k = 1; k <= bins.length; k++) {
    if (k < bins.length && bins[k] === bins[k - 1] + 1) continue
    const first = dim.bins[bins[start]] as GridBin & { kind: 'range' }
    const last = dim.bins[bins[k - 1]] as GridBin & { kind: 'range' }
    out.push(rangeConditions(dim, first.lo, last.hi))
    start = k
  }
  return out
}

/** The condition selecting the rows whose value is in one of `selected` bins of `dim`; null = every bin. */
export function binsCondition(dim: GridDim, selected: Iterable<number>): RuleNode | null {
  const set = [...new Set(selected)].sort((a, b) => a - b)
  if (set.length === dim.bins.length) return null
  const missing = set.some((b) => dim.bins[b].kind === 'missing')
  const present = set.filter((b) => dim.bins[b].kind !== 'missing')
  const parts: RuleNode[] = []
  if (dim.type === 'number' || dim.type === 'date') {
    if (present.length > 0) parts.push(...rangeRuns(dim, present))
  } else if (dim.type === 'boolean') {
    const values = present.map((b) => (dim.bins[b] as { value: boolean }).value)
    if (values.length === 2) parts.push(cond(dim, 'not_empty'))
    else if (values.length === 1) parts.push(cond(dim, values[0] ? 'is_true' : 'is_false'))
  } else if (present.length > 0) {
    const values = present.map((b) => (dim.bins[b] as { value: string }).value)
    parts.push(cond(dim, dim.type === 'category' ? 'any_of' : 'in_list', values))
  }
  if (missing) parts.push(cond(dim, 'is_empty'))
  return group('or', parts)
}

/** The condition selecting the customers of the `selected` keys of an axis; null = the whole axis. */
export function keysCondition(g: GridResult, keys: GridKey[], selected: Set<number>): RuleNode | null {
  if (selected.size === keys.length) return null
  const main = g.dims[keys[0][0].dim]
  // Per main bin: its sub-bins selected (a bin without split: [] when selected).
  const subs = new Map<number, number[]>()
  const total = new Map<number, number>()
  keys.forEach((key, k) => {
    total.set(key[0].bin, (total.get(key[0].bin) ?? 0) + 1)
    if (!selected.has(k)) return
    const list = subs.get(key[0].bin) ?? []
    if (key.length > 1) list.push(key[1].bin)
    subs.set(key[0].bin, list)
  })
  const whole: number[] = []
  const parts: RuleNode[] = []
  for (const [bin, list] of subs) {
    if (list.length === 0 || list.length === total.get(bin)) whole.push(bin)
    else parts.push(group('and', [binsCondition(main, [bin]), binsCondition(g.dims[2], list)].filter((n): n is RuleNode => n !== null)))
  }
  const w = whole.length > 0 ? binsCondition(main, whole) : null
  return group('or', w ? [w, ...parts] : parts)
}

/**
 * The rule of the selected cells (indexes r·cols + c) of grid `g`: an AND group holding the scope
 * (a reference to the scope's segment, when the grid was restricted to one) and the cells' condition.
 * Give at least one cell: an empty selection would be the empty group, which means everyone.
 */
export function gridSelectionRule(g: GridResult, cells: Iterable<number>, scopeSegmentId?: string): Group {
  const nc = g.cols.length
  const byRow = new Map<number, number[]>()
  for (const cell of new Set(cells)) {
    const r = Math.floor(cell / nc)
    byRow.set(r, [...(byRow.get(r) ?? []), cell % nc])
  }
  // Rows with the same selected columns share one condition.
  const byCols = new Map<string, { rows: number[]; cols: number[] }>()
  for (const [r, cs] of byRow) {
    const key = cs.sort((a, b) => a - b).join(',')
    const entry = byCols.get(key) ?? { rows: [], cols: cs }
    entry.rows.push(r)
    byCols.set(key, entry)
  }
  const alternatives: RuleNode[] = []
  for (const { rows, cols } of byCols.values()) {
    const parts = [keysCondition(g, g.rows, new Set(rows)), keysCondition(g, g.cols, new Set(cols))]
    alternatives.push(group('and', parts.filter((p): p is RuleNode => p !== null)))
  }
  const children: RuleNode[] = scopeSegmentId ? [{ kind: 'segment', id: id(), segmentId: scopeSegmentId }] : []
  if (alternatives.length > 0) children.push(group('or', alternatives))
  return { kind: 'group', id: id(), combinator: 'and', children }
}
