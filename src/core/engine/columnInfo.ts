import type { Bitset } from './bitset'
import { BOOL_MISSING, type Column } from './columns'
import { bytesMasked, bytesNonZero, codesMasked, numberMissing } from './kernels'

/** 0000-01-01 and 10000-01-01 UTC: inside this range ISO strings sort like the dates they show. */
const FIRST_ISO_MS = -62_167_219_200_000
const END_ISO_MS = 253_402_300_800_000

/**
 * Facts about one column that several conditions reuse, computed on first use:
 * which rows are missing, the dictionary's reverse index, the sorted distinct dates.
 */
export class ColumnInfo {
  private missingBits?: Bitset
  private presentBits?: Bitset
  private index?: Map<string, number>
  private dates?: Float64Array
  private orderSafe?: boolean

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

  /** Distinct present values of a date or number column, ascending. */
  get sortedDistinct(): Float64Array {
    if (!this.dates) {
      const col = this.column
      const values = col.type === 'date' || col.type === 'number' ? col.values.slice(0, this.rowCount) : new Float64Array(0)
      // Typed-array sort is numeric and puts NaN (missing) last.
      values.sort()
      let k = 0
      for (let i = 0; i < values.length; i++) {
        const v = values[i]
        if (v !== v) break
        if (k === 0 || v !== values[k - 1]) values[k++] = v
      }
      this.dates = values.slice(0, k)
    }
    return this.dates
  }

  /** Whether every date's ISO string has a 4-digit year, so string order equals date order. */
  get dateOrderSafe(): boolean {
    if (this.orderSafe === undefined) {
      const col = this.column
      let safe = true
      if (col.type === 'date') {
        const values = col.values
        for (let i = 0; i < this.rowCount; i++) {
          const v = values[i]
          if (v < FIRST_ISO_MS || v >= END_ISO_MS) { safe = false; break }
        }
      }
      this.orderSafe = safe
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
