import { BOOL_MISSING } from '../engine/columns'
import type { Column } from '../engine/columns'

/**
 * A column's values as small integer codes (-1 = missing) with the rank of each code in value order:
 * numbers and dates numerically, text by UTF-16 code units (the same on every machine, unlike a
 * locale collation), false before true.
 */
interface ValueCodes {
  codes: Int32Array
  /** Number of distinct codes. */
  size: number
  /** Rank of each code in value order; computed on demand (sorting a dictionary of order ids is not free). */
  rank(): Int32Array
  /** The output column of the mode: `best[i]` is a code or -1. */
  toColumn(best: Int32Array): Column
}

function rankOf<T>(values: readonly T[], less: (a: T, b: T) => boolean): Int32Array {
  const order = values.map((_, i) => i).sort((a, b) => (less(values[a], values[b]) ? -1 : less(values[b], values[a]) ? 1 : 0))
  const rank = new Int32Array(values.length)
  order.forEach((code, k) => (rank[code] = k))
  return rank
}

function dictCodes(col: Extract<Column, { type: 'text' | 'category' }>): ValueCodes {
  const type = col.type
  return {
    codes: col.codes,
    size: col.dict.length,
    rank: () => rankOf(col.dict, (a, b) => a < b),
    toColumn(best) {
      // Only the values that are someone's mode: the picker then offers no value nobody has.
      const remap = new Int32Array(col.dict.length).fill(-1)
      const dict: string[] = []
      const codes = best.map((c) => (c < 0 ? -1 : remap[c] >= 0 ? remap[c] : (remap[c] = dict.push(col.dict[c]) - 1)))
      return { type, codes, dict }
    },
  }
}

function numberCodes(values: Float64Array, make: (v: Float64Array) => Column): ValueCodes {
  const index = new Map<number, number>()
  const distinct: number[] = []
  const codes = new Int32Array(values.length)
  for (let r = 0; r < values.length; r++) {
    const v = values[r]
    if (Number.isNaN(v)) {
      codes[r] = -1
      continue
    }
    let c = index.get(v)
    if (c === undefined) index.set(v, (c = distinct.push(v) - 1))
    codes[r] = c
  }
  return {
    codes,
    size: distinct.length,
    rank: () => rankOf(distinct, (a, b) => a < b),
    toColumn: (best) => make(Float64Array.from(best, (c) => (c < 0 ? NaN : distinct[c]))),
  }
}

function valueCodes(col: Column): ValueCodes {
  switch (col.type) {
    case 'text':
    case 'category': return dictCodes(col)
    case 'number': return numberCodes(col.values, (values) => ({ type: 'number', values }))
    case 'date': return numberCodes(col.values, (values) => ({ type: 'date', values, dateFormat: col.dateFormat }))
    case 'boolean': return {
      codes: Int32Array.from(col.values, (v) => (v === BOOL_MISSING ? -1 : v)),
      size: 2,
      rank: () => Int32Array.of(0, 1),
      toColumn: (best) => ({ type: 'boolean', values: Uint8Array.from(best, (c) => (c < 0 ? BOOL_MISSING : c)) }),
    }
    case 'list': throw new TypeError('a tag list has no single value to count')
  }
}

/** Selected event rows grouped by customer (a counting sort): rows of customer i are `order[start[i]…start[i+1])`. */
function groupByCustomer(targets: Int32Array, n: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(n + 1)
  for (const t of targets) if (t >= 0) start[t + 1]++
  for (let i = 0; i < n; i++) start[i + 1] += start[i]
  const next = start.slice(0, n)
  const order = new Int32Array(start[n])
  for (let r = 0; r < targets.length; r++) if (targets[r] >= 0) order[next[targets[r]]++] = r
  return { start, order }
}

/**
 * Per customer, the number of distinct present values of `col` among the selected events, and (when
 * `withMode`) the most frequent one — ties go to the smallest value in the order of `valueCodes`.
 * Linear: the events are grouped by customer once, then each group is counted with a scratch array
 * that is reset by the codes it touched.
 */
export function distinctAndMode(targets: Int32Array, col: Column, n: number, withMode: boolean): { distinct: Float64Array; mode?: Column } {
  const { codes, size, rank: rankOfCodes, toColumn } = valueCodes(col)
  const rank = withMode ? rankOfCodes() : new Int32Array(0)
  const { start, order } = groupByCustomer(targets, n)
  const seen = new Int32Array(size)
  const touched = new Int32Array(size)
  const distinct = new Float64Array(n)
  const best = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    let used = 0
    for (let k = start[i]; k < start[i + 1]; k++) {
      const c = codes[order[k]]
      if (c >= 0 && seen[c]++ === 0) touched[used++] = c
    }
    distinct[i] = used
    let top = -1
    for (let u = 0; u < used && withMode; u++) {
      const c = touched[u]
      if (top < 0 || seen[c] > seen[top] || (seen[c] === seen[top] && rank[c] < rank[top])) top = c
    }
    for (let u = 0; u < used; u++) seen[touched[u]] = 0
    best[i] = top
  }
  return withMode ? { distinct, mode: toColumn(best) } : { distinct }
}
