import { BOOL_MISSING, type Column, type ColumnarTable } from './columns'

/*
 * Sort keys for a page of members sorted by a field (page.ts). Every sortable column becomes one
 * number per member, smaller first, NaN for a missing value:
 * - number and date fields by value (dates are epoch ms); 0 and -0 are equal;
 * - boolean fields false before true;
 * - text and category fields in text order (compareText): the zh-CN collation of Intl (pinyin
 *   order for Han characters), ties between different strings broken by UTF-16 code units, so
 *   the order is total and the same on every run of one browser or Node build;
 * - tag lists are not sortable (a list has no single value to order by).
 * 'desc' negates the keys, so one ascending sort serves both directions while a missing value
 * stays NaN and is placed last either way.
 */

export type SortDirection = 'asc' | 'desc'

/** Why members cannot be sorted by `field` (unknown, or a tag list); null when they can. */
export function sortFieldIssue(table: ColumnarTable, field: string): string | null {
  if (!Object.hasOwn(table.columns, field)) return `Unknown sort field "${field}"`
  if (table.columns[field].type === 'list') return `Field "${field}" is a tag list: members cannot be sorted by it`
  return null
}

let collator: Intl.Collator | null = null

/** The text order of sort keys: zh-CN collation, then UTF-16 code units (a total order). */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator('zh-CN')
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

// Sorting a large dictionary (an id column has one entry per row) is the costly part of a text
// sort, so ranks are kept per dictionary for as long as its column lives.
const rankMemo = new WeakMap<readonly string[], Float64Array>()

/** The position of each dictionary entry in text order. */
function dictRanks(dict: readonly string[]): Float64Array {
  let ranks = rankMemo.get(dict)
  if (!ranks) {
    const codes = Array.from(dict.keys()).sort((x, y) => compareText(dict[x], dict[y]))
    ranks = new Float64Array(dict.length)
    for (let r = 0; r < codes.length; r++) ranks[codes[r]] = r
    rankMemo.set(dict, ranks)
  }
  return ranks
}

/**
 * The sort key of each member (`keys[p]` for row `members[p]`) of column `col`, negated for
 * 'desc'; NaN marks a missing value. Throws on a tag list.
 */
export function sortKeys(col: Column, members: Uint32Array, direction: SortDirection): Float64Array {
  const keys = new Float64Array(members.length)
  const sign = direction === 'desc' ? -1 : 1
  switch (col.type) {
    case 'number':
    case 'date':
      for (let p = 0; p < members.length; p++) keys[p] = sign * col.values[members[p]]
      return keys
    case 'boolean':
      for (let p = 0; p < members.length; p++) {
        const v = col.values[members[p]]
        keys[p] = v === BOOL_MISSING ? NaN : sign * v
      }
      return keys
    case 'text':
    case 'category': {
      const ranks = dictRanks(col.dict)
      for (let p = 0; p < members.length; p++) {
        const c = col.codes[members[p]]
        keys[p] = c < 0 ? NaN : sign * ranks[c]
      }
      return keys
    }
    case 'list':
      throw new Error('A tag list has no sort order')
  }
}
