import type { Bitset } from './bitset'
import type { ColumnarTable } from './columns'

/**
 * A measure (a number field, e.g. revenue) summed over a segment. Missing values (NaN in the
 * column, null in row form) are skipped, never read as 0: `present` says how many members had a
 * value and `avg` is over those only. Sums run in row order (plain float addition).
 */
export interface MeasureStats {
  field: string
  /** Sum over the members that have a value (0 when none has). */
  sum: number
  /** sum / present; null when no member has a value. */
  avg: number | null
  /** Members with a value. */
  present: number
  /** Sum over every row of the table that has a value. */
  totalSum: number
  /**
   * sum / totalSum, the segment's share of the measure; null when totalSum is 0. With negative
   * values (refunds) it can fall outside 0…1.
   */
  share: number | null
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number', date: 'a date', boolean: 'a yes/no field', text: 'text', category: 'a category', list: 'a tag list',
}

/** Why `field` cannot be a measure of `table` (unknown, or not a number field); null when it can. */
export function measureFieldIssue(table: ColumnarTable, field: string): string | null {
  if (!Object.hasOwn(table.columns, field)) return `Unknown field "${field}"`
  const type = table.columns[field].type
  if (type !== 'number') return `Field "${field}" is ${TYPE_NAMES[type]}, not a number: only number fields can be summed as a measure`
  return null
}

function numberValues(table: ColumnarTable, field: string): Float64Array {
  const issue = measureFieldIssue(table, field)
  if (issue) throw new Error(issue)
  return (table.columns[field] as { values: Float64Array }).values
}

/** Sum and count of the present values of a number field over the members of `bits`. */
export function sumPresent(table: ColumnarTable, bits: Bitset, field: string): { sum: number; present: number } {
  const values = numberValues(table, field)
  const words = bits.words
  let sum = 0
  let present = 0
  for (let k = 0; k < words.length; k++) {
    let w = words[k]
    while (w !== 0) {
      const low = w & -w
      const v = values[(k << 5) + 31 - Math.clz32(low)]
      // NaN is missing: v === v is false only for NaN.
      if (v === v) {
        sum += v
        present++
      }
      w ^= low
    }
  }
  return { sum, present }
}

/** Sum of the present values of a number column over its first `rowCount` rows. */
function columnSum(values: Float64Array, rowCount: number): number {
  let sum = 0
  for (let i = 0; i < rowCount; i++) {
    const v = values[i]
    if (v === v) sum += v
  }
  return sum
}

/**
 * The measure `field` over the members of `bits`: sum, average, how many had a value, and the
 * share of the table's total. Throws when the field is unknown or not a number (see measureFieldIssue).
 */
export function measureStats(table: ColumnarTable, bits: Bitset, field: string): MeasureStats {
  const { sum, present } = sumPresent(table, bits, field)
  const totalSum = columnSum(numberValues(table, field), table.rowCount)
  return {
    field, sum, present, totalSum,
    avg: present === 0 ? null : sum / present,
    share: totalSum === 0 ? null : sum / totalSum,
  }
}
