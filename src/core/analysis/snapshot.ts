import type { Bitset } from '../engine/bitset'

/*
 * Snapshots of a rule set's segments on one version of a customer dataset (issue 7 item 9).
 *
 * A snapshot holds a summary (per segment: size, % of base, sum of the measure) and, to allow
 * migration matrices between two snapshots, the membership in compact form: the customer ids once,
 * then per segment a bitset over the positions of those ids, and per customer the measure, the
 * tenure and recency in days and the 8-class RFM code (core/derive/rfm.ts). Customers whose id is
 * missing cannot be matched between snapshots: they count in the sizes but not in the membership.
 */

/** One segment's totals at the snapshot. */
export interface SnapshotSegment {
  id: string
  name: string
  /** Members among all customers. */
  size: number
  /** Sum of the measure over the members (missing values skipped); 0 without a measure. */
  revenue: number
}

/** The compact membership of a snapshot; every array is indexed by the position in `ids`. */
export interface SnapshotMembers {
  ids: string[]
  /** Per segment (in the summary's order): bitset words over the positions of `ids`. */
  groups: Uint32Array[]
  /** The measure (e.g. monetary), NaN when missing; null without a measure. */
  value: Float64Array | null
  /** Days since the first purchase (or signup), NaN when missing; null when the dataset has no such field. */
  tenureDays: Float32Array | null
  /** Days since the last purchase, NaN when missing; null when the dataset has no such field. */
  recencyDays: Float32Array | null
  /** 8-class RFM code (index into RFM_CLASSES), -1 for customers who never bought; null without RFM fields. */
  rfm: Int8Array | null
}

/** What buildSnapshot reads: per-row columns of the customer table (length = row count). */
export interface SnapshotInput {
  /** The customer id of row i, null when missing. */
  idOf: (i: number) => string | null
  rowCount: number
  segments: { id: string; name: string; members: Bitset }[]
  value?: Float64Array
  tenureDays?: Float64Array
  recencyDays?: Float64Array
  rfm?: Int32Array
}

/** Sum of `values` over the set bits of `members`, NaN skipped. */
function sumOver(members: Bitset, values: Float64Array | undefined): number {
  if (!values) return 0
  let sum = 0
  members.forEach((i) => {
    const v = values[i]
    if (!Number.isNaN(v)) sum += v
  })
  return sum
}

/** Positions of the rows with an id, and those ids (first occurrence of a duplicated id wins). */
function matchableRows(input: SnapshotInput): { rows: number[]; ids: string[] } {
  const rows: number[] = [], ids: string[] = [], seen = new Set<string>()
  for (let i = 0; i < input.rowCount; i++) {
    const id = input.idOf(i)
    if (id === null || seen.has(id)) continue
    seen.add(id)
    rows.push(i)
    ids.push(id)
  }
  return { rows, ids }
}

/** Picks `source[rows[k]]` into a new array of the given type (null when there is no source). */
function pick<T extends Float64Array | Float32Array | Int8Array>(
  source: ArrayLike<number> | undefined, rows: number[], make: (n: number) => T,
): T | null {
  if (!source) return null
  const out = make(rows.length)
  for (let k = 0; k < rows.length; k++) out[k] = source[rows[k]]
  return out
}

/** The summary and the compact membership of the given segments over one customer table. */
export function buildSnapshot(input: SnapshotInput): { segments: SnapshotSegment[]; members: SnapshotMembers } {
  const { rows, ids } = matchableRows(input)
  const segments = input.segments.map((s) => ({ id: s.id, name: s.name, size: s.members.count(), revenue: sumOver(s.members, input.value) }))
  const groups = input.segments.map((s) => {
    const words = new Uint32Array((rows.length + 31) >>> 5)
    for (let k = 0; k < rows.length; k++) if (s.members.has(rows[k])) words[k >>> 5] |= 1 << (k & 31)
    return words
  })
  return {
    segments,
    members: {
      ids, groups,
      value: pick(input.value, rows, (n) => new Float64Array(n)),
      tenureDays: pick(input.tenureDays, rows, (n) => new Float32Array(n)),
      recencyDays: pick(input.recencyDays, rows, (n) => new Float32Array(n)),
      rfm: pick(input.rfm, rows, (n) => new Int8Array(n)),
    },
  }
}

/** Whether position k is set in bitset words. */
export function hasBit(words: Uint32Array, k: number): boolean {
  return (words[k >>> 5] & (1 << (k & 31))) !== 0
}
