import { Bitset } from './bitset'
import { BOOL_MISSING, type Column } from './columns'
import { bytesMasked, bytesNonZero, codesMasked, listEmpty, listPostings, numberMissing, numberWithin } from './kernels'

/** 0000-01-01 and 10000-01-01 UTC: inside this range ISO strings sort like the dates they show. */
export const FIRST_ISO_MS = -62_167_219_200_000
export const END_ISO_MS = 253_402_300_800_000

/** Integer columns whose values span more than this are not decided per value. */
const MAX_INTEGER_SPAN = 65_536
/** Per value asked of the reference, at least this many rows must be spared a row-by-row evaluation. */
const MIN_ROWS_PER_VALUE = 8

/** Per-tag row sets of a list column are kept only within this many bytes (134 tags at 1,000,000 rows). */
const MAX_POSTINGS_BYTES = 16 * 2 ** 20

/**
 * Facts about one column that several conditions reuse, computed on first use:
 * which rows are missing, the dictionary's reverse index, whether dates sort as strings,
 * the rows of each tag of a list.
 */
export class ColumnInfo {
  private missingBits?: Bitset
  private presentBits?: Bitset
  private emptyBits?: Bitset
  private tagRows?: Uint32Array | null
  private postingRequests = 0
  private index?: Map<string, number>
  private orderSafe?: boolean
  private integers?: Float64Array | null

  constructor(readonly column: Column, readonly rowCount: number) {}

  /** Rows whose value is missing (`null` in the row). Shared: do not mutate. */
  get missing(): Bitset {
    this.missingBits ??= missingRows(this.column, this.rowCount)
    return this.missingBits
  }

  /** Rows whose value is present. Shared: do not mutate. */
  get present(): Bitset {
    this.presentBits ??= this.missing.clone().not()
    return this.presentBits
  }

  /** List rows with no element. Shared: do not mutate. */
  get emptyLists(): Bitset {
    const col = this.column
    this.emptyBits ??= col.type === 'list' ? listEmpty(col.offsets, this.rowCount) : new Bitset(this.rowCount)
    return this.emptyBits
  }

  /**
   * The rows of each tag of a list column (see listPostings), so that a condition on the column
   * ORs a few bitsets instead of walking the lists. Building them costs about two walks, so this
   * builds them on its second call and answers null before; null for good when the dictionary is
   * too large for them to pay (or the column is not a list).
   */
  postingsOnReuse(): Uint32Array | null {
    if (this.tagRows === undefined && this.postingRequests++ > 0) {
      const col = this.column
      const bytes = col.type === 'list' ? col.dict.length * 4 * ((this.rowCount + 31) >>> 5) : Infinity
      this.tagRows = col.type === 'list' && bytes <= MAX_POSTINGS_BYTES
        ? listPostings(col.offsets, col.codes, this.rowCount, col.dict.length)
        : null
    }
    return this.tagRows ?? null
  }

  /**
   * The distinct values of a number column, ascending, when they are integers at most
   * MAX_INTEGER_SPAN apart and fewer than one per MIN_ROWS_PER_VALUE rows (and none is -0, which
   * an expression may tell from 0): then an expression over the column is cheaper to decide once
   * per value (lift.ts). null otherwise.
   */
  get smallIntegers(): Float64Array | null {
    if (this.integers === undefined) {
      const col = this.column
      this.integers = col.type === 'number' ? distinctSmallIntegers(col.values, this.rowCount) : null
    }
    return this.integers
  }

  /** Code of each dictionary string (text, category, list). */
  get dictIndex(): Map<string, number> {
    if (!this.index) {
      const col = this.column
      const dict = col.type === 'text' || col.type === 'category' || col.type === 'list' ? col.dict : []
      this.index = new Map()
      // Keep the first code of a duplicated string, as indexOf would.
      for (let c = dict.length - 1; c >= 0; c--) this.index.set(dict[c], c)
    }
    return this.index
  }

  /** Whether no string appears twice in the dictionary (then one lookup finds every row). */
  get dictUnique(): boolean {
    const col = this.column
    return 'dict' in col && this.dictIndex.size === col.dict.length
  }

  /** Whether every date's ISO string has a 4-digit year, so string order equals date order. */
  get dateOrderSafe(): boolean {
    if (this.orderSafe === undefined) {
      const col = this.column
      this.orderSafe = col.type !== 'date' || numberWithin(col.values, this.rowCount, FIRST_ISO_MS, END_ISO_MS)
    }
    return this.orderSafe
  }
}

function missingRows(col: Column, n: number): Bitset {
  switch (col.type) {
    case 'number':
    case 'date':
      return numberMissing(col.values, n)
    case 'boolean': {
      const mask = new Uint8Array(256)
      mask[BOOL_MISSING] = 1
      return bytesMasked(col.values, n, mask)
    }
    case 'text':
    case 'category': {
      const mask = new Uint8Array(col.dict.length + 1)
      mask[0] = 1
      return codesMasked(col.codes, n, mask)
    }
    case 'list':
      return bytesNonZero(col.missing, n)
  }
}

/** See ColumnInfo.smallIntegers. */
function distinctSmallIntegers(values: Float64Array, n: number): Float64Array | null {
  let min = Infinity, max = -Infinity
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v !== v) continue
    if (!Number.isInteger(v) || Object.is(v, -0)) return null
    if (v < min) min = v
    if (v > max) max = v
    if (max - min > MAX_INTEGER_SPAN) return null
  }
  if (min > max) return new Float64Array(0)
  const seen = new Uint8Array(max - min + 1)
  for (let i = 0; i < n; i++) if (values[i] === values[i]) seen[values[i] - min] = 1
  const out: number[] = []
  for (let k = 0; k < seen.length; k++) if (seen[k]) out.push(min + k)
  return out.length * MIN_ROWS_PER_VALUE <= Math.max(n, 64) ? Float64Array.from(out) : null
}
