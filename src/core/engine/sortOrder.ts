// Orders of sort keys (sortKeys.ts): ascending key, a tie broken by position (= row order,
// since members are listed in row order), NaN (missing) after every value, in row order.

/** The first index in sorted `values` whose value is not below `x`. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0, hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The distinct present keys, ascending (0 and -0 count as one). */
function distinctKeys(keys: Float64Array): Float64Array {
  // A typed array sorts numerically in native code, far faster than a comparator sort.
  const sorted = keys.filter((v) => v === v).sort()
  let d = 0
  for (let i = 0; i < sorted.length; i++) if (d === 0 || sorted[i] !== sorted[d - 1]) sorted[d++] = sorted[i]
  return sorted.subarray(0, d)
}

/**
 * Every position in order. Keys are ranked against their distinct values, then positions are
 * placed by a counting sort on the rank, which is stable: ties and missing values keep row order.
 */
export function fullOrder(keys: Float64Array): Uint32Array {
  const distinct = distinctKeys(keys)
  const missingRank = distinct.length
  const ranks = new Int32Array(keys.length)
  const starts = new Int32Array(missingRank + 2)
  for (let p = 0; p < keys.length; p++) {
    const v = keys[p]
    const r = v === v ? lowerBound(distinct, v) : missingRank
    ranks[p] = r
    starts[r + 1]++
  }
  for (let r = 1; r < starts.length; r++) starts[r] += starts[r - 1]
  const order = new Uint32Array(keys.length)
  for (let p = 0; p < keys.length; p++) order[starts[ranks[p]]++] = p
  return order
}

/** True when position a sorts after position b (both present). */
function after(keys: Float64Array, a: number, b: number): boolean {
  return keys[a] > keys[b] || (keys[a] === keys[b] && a > b)
}

/** Restores the max-heap (the position that sorts last on top) below slot `i`. */
function siftDown(heap: number[], keys: Float64Array, i: number): void {
  for (;;) {
    const l = 2 * i + 1, r = l + 1
    let top = i
    if (l < heap.length && after(keys, heap[l], heap[top])) top = l
    if (r < heap.length && after(keys, heap[r], heap[top])) top = r
    if (top === i) return
    ;[heap[i], heap[top]] = [heap[top], heap[i]]
    i = top
  }
}

function siftUp(heap: number[], keys: Float64Array, i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1
    if (!after(keys, heap[i], heap[parent])) return
    ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
    i = parent
  }
}

/**
 * The first `k` positions of fullOrder(keys) without sorting them all: a bounded max-heap keeps
 * the k best present keys (O(n log k)); missing values fill what is left, in row order.
 */
export function firstPositions(keys: Float64Array, k: number): number[] {
  const heap: number[] = []
  if (k <= 0) return heap
  for (let p = 0; p < keys.length; p++) {
    const v = keys[p]
    if (v !== v) continue
    if (heap.length < k) {
      heap.push(p)
      siftUp(heap, keys, heap.length - 1)
    } else if (v < keys[heap[0]]) {
      // An equal key comes later in row order than everything kept: it sorts after them.
      heap[0] = p
      siftDown(heap, keys, 0)
    }
  }
  const out = heap.sort((a, b) => (after(keys, a, b) ? 1 : -1))
  for (let p = 0; p < keys.length && out.length < k; p++) if (keys[p] !== keys[p]) out.push(p)
  return out
}
