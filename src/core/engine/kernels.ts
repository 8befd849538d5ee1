import { Bitset } from './bitset'

/*
 * The hot loops: one pass over a typed array, writing one bit per row. Each loop is specialised
 * for its operator and constant (no per-row callbacks), so the JIT keeps it monomorphic.
 * Missing numbers/dates are NaN, which fails every comparison here; callers add missing rows back
 * when the reference selects them.
 */

export type NumberCmp = '<' | '<=' | '>' | '>=' | '=='

/** Rows whose number satisfies `v op k` (`==` is `===` here: both sides are numbers). */
export function numberCompare(values: Float64Array, n: number, op: NumberCmp, k: number): Bitset {
  const out = new Bitset(n)
  const w = out.words
  switch (op) {
    case '<': for (let i = 0; i < n; i++) { if (values[i] < k) w[i >>> 5] |= 1 << (i & 31) } break
    case '<=': for (let i = 0; i < n; i++) { if (values[i] <= k) w[i >>> 5] |= 1 << (i & 31) } break
    case '>': for (let i = 0; i < n; i++) { if (values[i] > k) w[i >>> 5] |= 1 << (i & 31) } break
    case '>=': for (let i = 0; i < n; i++) { if (values[i] >= k) w[i >>> 5] |= 1 << (i & 31) } break
    case '==': for (let i = 0; i < n; i++) { if (values[i] === k) w[i >>> 5] |= 1 << (i & 31) } break
  }
  return out
}

/** Rows with `lo <= v <= hi` (or `< hi` when `hiExclusive`). */
export function numberInRange(values: Float64Array, n: number, lo: number, hi: number, hiExclusive = false): Bitset {
  const out = new Bitset(n)
  const w = out.words
  if (hiExclusive) {
    for (let i = 0; i < n; i++) { const v = values[i]; if (v >= lo && v < hi) w[i >>> 5] |= 1 << (i & 31) }
  } else {
    for (let i = 0; i < n; i++) { const v = values[i]; if (v >= lo && v <= hi) w[i >>> 5] |= 1 << (i & 31) }
  }
  return out
}

/** Rows whose number is one of `sorted` (ascending, no NaN): binary search per row. */
export function numberMemberOf(values: Float64Array, n: number, sorted: Float64Array): Bitset {
  const out = new Bitset(n)
  const w = out.words
  const last = sorted.length - 1
  if (last < 0) return out
  for (let i = 0; i < n; i++) {
    const v = values[i]
    let lo = 0, hi = last
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid] < v) lo = mid + 1
      else hi = mid
    }
    if (sorted[lo] === v) w[i >>> 5] |= 1 << (i & 31)
  }
  return out
}

/** Rows holding NaN (missing number or date). */
export function numberMissing(values: Float64Array, n: number): Bitset {
  const out = new Bitset(n)
  const w = out.words
  for (let i = 0; i < n; i++) { const v = values[i]; if (v !== v) w[i >>> 5] |= 1 << (i & 31) }
  return out
}

/** Rows whose number is truthy: present, not 0 (NaN is missing). */
export function numberTruthy(values: Float64Array, n: number): Bitset {
  const out = new Bitset(n)
  const w = out.words
  for (let i = 0; i < n; i++) { const v = values[i]; if (v !== 0 && v === v) w[i >>> 5] |= 1 << (i & 31) }
  return out
}

/** Rows whose dictionary code is selected by `mask[code + 1]` (`mask[0]` is the missing code -1). */
export function codesMasked(codes: Int32Array, n: number, mask: Uint8Array): Bitset {
  const out = new Bitset(n)
  const w = out.words
  for (let i = 0; i < n; i++) { if (mask[codes[i] + 1] !== 0) w[i >>> 5] |= 1 << (i & 31) }
  return out
}

/** Rows whose byte is selected by `mask[byte]` (booleans: 0, 1, 255 = missing). */
export function bytesMasked(values: Uint8Array, n: number, mask: Uint8Array): Bitset {
  const out = new Bitset(n)
  const w = out.words
  for (let i = 0; i < n; i++) { if (mask[values[i]] !== 0) w[i >>> 5] |= 1 << (i & 31) }
  return out
}

/** Rows whose flag byte is non-zero (list `missing`). */
export function bytesNonZero(values: Uint8Array, n: number): Bitset {
  const out = new Bitset(n)
  const w = out.words
  for (let i = 0; i < n; i++) { if (values[i] !== 0) w[i >>> 5] |= 1 << (i & 31) }
  return out
}

/** List rows by content: missing → `nullRes`, empty → `emptyRes`, else whether any element's code is in `mask`. */
export function listAnyMasked(
  offsets: Int32Array, codes: Int32Array, missing: Uint8Array, n: number,
  mask: Uint8Array, emptyRes: boolean, nullRes: boolean,
): Bitset {
  const out = new Bitset(n)
  const w = out.words
  for (let i = 0; i < n; i++) {
    let hit: boolean
    if (missing[i] !== 0) hit = nullRes
    else if (offsets[i] === offsets[i + 1]) hit = emptyRes
    else {
      hit = false
      for (let k = offsets[i], end = offsets[i + 1]; k < end; k++) if (mask[codes[k]] !== 0) { hit = true; break }
    }
    if (hit) w[i >>> 5] |= 1 << (i & 31)
  }
  return out
}
