import type { Bitset } from './bitset'
import { membersArray, membersSlice } from './bitsetCount'
import { ByteLru } from './cache'
import type { ColumnarTable, Row } from './columns'
import { rowWithIdFirst } from './query'
import { sortFieldIssue, sortKeys, type SortDirection } from './sortKeys'
import { firstPositions, fullOrder } from './sortOrder'

export type { SortDirection } from './sortKeys'

/** Which members to show: sorted by a field (or in row order without one), `limit` from `offset`. */
export interface PageOptions {
  sortField?: string
  direction: SortDirection
  offset: number
  limit: number
}

export interface MemberPage {
  rows: Row[]
  /** Number of members (all pages). */
  total: number
}

/**
 * Full member orders (row indexes) by rule, sort field and direction, bounded by bytes (4 per
 * member). Keep one per table: an order is only valid for the table it was computed on.
 */
export class MemberOrderCache {
  private readonly lru: ByteLru<Uint32Array>

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.lru = new ByteLru(maxBytes)
  }

  private static key(ruleKey: string, field: string, direction: SortDirection): string {
    return `${direction}\u0000${field}\u0000${ruleKey}`
  }

  /** The cached order of a rule's members by `field`, most recently used from now on; undefined when absent. */
  get(ruleKey: string, field: string, direction: SortDirection): Uint32Array | undefined {
    return this.lru.get(MemberOrderCache.key(ruleKey, field, direction))
  }

  /** Keeps an order (row indexes), evicting the least recently used ones beyond the budget. */
  set(ruleKey: string, field: string, direction: SortDirection, order: Uint32Array): void {
    const key = MemberOrderCache.key(ruleKey, field, direction)
    this.lru.set(key, order, order.byteLength + 2 * key.length + 64)
  }

  get size(): number {
    return this.lru.size
  }
}

export interface PageContext {
  /** Lists put this field first in each row. */
  idField?: string
  /** Where full orders are kept, and the key of the rule whose members `bits` are (e.g. its JSON). */
  orders?: { cache: MemberOrderCache; ruleKey: string }
  /**
   * Pages ending at or before this many members are picked by partial selection (a heap of
   * offset + limit members, no full sort, nothing cached); later pages sort every member once
   * and cache the order. Default 1,000: the first two pages of 500.
   */
  partialMax?: number
}

const PARTIAL_MAX = 1000

/** Row indexes of one page of the members of `bits` (see memberPage). */
export function pageIndexes(table: ColumnarTable, bits: Bitset, opts: PageOptions, ctx: PageContext = {}): number[] {
  const { sortField, direction, offset, limit } = opts
  if (sortField === undefined) return membersSlice(bits, offset, limit)
  const issue = sortFieldIssue(table, sortField)
  if (issue) throw new Error(issue)
  const cached = ctx.orders?.cache.get(ctx.orders.ruleKey, sortField, direction)
  if (cached) return Array.from(cached.subarray(offset, offset + limit))
  const members = membersArray(bits)
  const keys = sortKeys(table.columns[sortField], members, direction)
  const end = Math.min(members.length, offset + limit)
  if (end <= (ctx.partialMax ?? PARTIAL_MAX)) {
    return firstPositions(keys, end).slice(offset).map((p) => members[p])
  }
  // Positions become row indexes in place: the order is the biggest array here.
  const order = fullOrder(keys)
  for (let k = 0; k < order.length; k++) order[k] = members[order[k]]
  ctx.orders?.cache.set(ctx.orders.ruleKey, sortField, direction, order)
  return Array.from(order.subarray(offset, end))
}

/**
 * A page of the members of `bits`, in row form. Sorted by `sortField` (sortKeys.ts: numbers and
 * dates by value, text and categories in zh-CN text order, booleans false first) with missing
 * values LAST in both directions and ties in row order; without a sort field, in row order.
 * Throws on an unknown sort field or a tag list (sortFieldIssue).
 */
export function memberPage(table: ColumnarTable, bits: Bitset, opts: PageOptions, ctx: PageContext = {}): MemberPage {
  const rows = pageIndexes(table, bits, opts, ctx).map((i) => rowWithIdFirst(table, i, ctx.idField))
  return { rows, total: bits.count() }
}
