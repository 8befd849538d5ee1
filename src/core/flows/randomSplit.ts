import type { JsonLogic } from '../logic/types'

/**
 * Notes: the random split's bucket — deterministic per customer, identical in the app, the CLI and SQL.
 *
 * Spec (version 1):
 * 1. key = UTF-8 bytes of `${seed}:${id}`, where id is the customer id as text (a number id is written
 *    as JavaScript's String(n), e.g. 42 → "42"; ids are text columns in SegmentFlow).
 * 2. h = FNV-1a 32-bit over those bytes: h = 2166136261; for each byte b: h = (h XOR b) × 16777619 mod 2^32.
 * 3. bucket = h mod 10000 (0 … 9999). A missing id (null, undefined, NaN, not text/number) has bucket
 *    10000, outside every branch: such a customer takes the split's "rest" handle.
 * 4. Branches take consecutive bucket ranges in their order: branch i gets
 *    [sum of earlier basis points, that sum + its basis points). Basis points: 1 % = 100.
 *    Buckets at or above the total go to the "rest" handle.
 *
 * In SQL the same value is a fold over the key's UTF-8 bytes with 64-bit integers, starting at
 * h = 2166136261: h = ((h XOR b) * 16777619) % 4294967296 — every intermediate stays below 2^56 — then
 * h % 10000 — in DuckDB a list_reduce over the key's bytes (duckdbBucketSql below), in PostgreSQL a
 * recursive CTE or a loop over convert_to(key, 'UTF8'). A NULL id gives NULL there, which fails every
 * `<` exactly like MISSING_BUCKET.
 */

/** Buckets per split: 10,000, so a branch's share is set in basis points (0.01 %). */
export const BUCKETS = 10_000

/** The bucket of a customer without an id: no branch range contains it. */
export const MISSING_BUCKET = BUCKETS

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** One FNV-1a step: the hash after byte `b`. */
const step = (h: number, b: number): number => Math.imul(h ^ b, FNV_PRIME) >>> 0

/** The Unicode code point at `i` and how many UTF-16 units it takes; a lone surrogate reads as U+FFFD, as TextEncoder does. */
function codePointAt(text: string, i: number): [number, number] {
  const c = text.charCodeAt(i)
  if (c < 0xd800 || c > 0xdfff) return [c, 1]
  const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
  if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) return [0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00), 2]
  return [0xfffd, 1]
}

/**
 * FNV-1a 32-bit hash of a string's UTF-8 bytes, as an unsigned integer. The bytes are produced on
 * the fly (no TextEncoder buffer per call): hashing every customer id of a large table is the cost of
 * a random split, and a test checks it against TextEncoder's bytes on arbitrary UTF-16 strings.
 */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < text.length;) {
    const [c, units] = codePointAt(text, i)
    i += units
    if (c < 0x80) h = step(h, c)
    else if (c < 0x800) h = step(step(h, 0xc0 | (c >> 6)), 0x80 | (c & 63))
    else if (c < 0x10000) h = step(step(step(h, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63))
    else h = step(step(step(step(h, 0xf0 | (c >> 18)), 0x80 | ((c >> 12) & 63)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63))
  }
  return h
}

/** The id as the hash reads it, or null when it is missing. */
function idText(id: unknown): string | null {
  if (typeof id === 'string') return id
  if (typeof id === 'number' && Number.isFinite(id)) return String(id)
  return null
}

/** `bucket` [id, seed] → 0 … 9999 (see the spec above); MISSING_BUCKET for a missing id. */
export function bucketOf(id: unknown, seed: unknown): number {
  const text = idText(id)
  if (text === null) return MISSING_BUCKET
  return fnv1a32(`${typeof seed === 'string' ? seed : String(seed)}:${text}`) % BUCKETS
}

/** The JSON-logic `{"bucket": [{"var": idField}, seed]}`. */
export function bucketLogic(idField: string, seed: string): JsonLogic {
  return { bucket: [{ var: idField }, seed] }
}

/** Upper bucket bounds (exclusive) of each branch: cumulative basis points, capped at BUCKETS. */
export function cumulativeBounds(basisPoints: readonly number[]): number[] {
  let sum = 0
  return basisPoints.map((bp) => {
    sum = Math.min(BUCKETS, sum + Math.max(0, Math.round(bp)))
    return sum
  })
}

/**
 * The logic of each branch taken in order (first match wins): bucket < bound_i. Together with the
 * order this gives branch i exactly the bucket range [bound_{i-1}, bound_i).
 */
export function randomBranchLogics(idField: string, seed: string, basisPoints: readonly number[]): JsonLogic[] {
  return cumulativeBounds(basisPoints).map((bound) => ({ '<': [bucketLogic(idField, seed), bound] }))
}

/**
 * The bucket as a DuckDB expression over the SQL expression `idSql` (a text id; NULL gives NULL, which
 * fails every `<` — the same as MISSING_BUCKET). Verified against bucketOf in the tests:
 * hex-encode the UTF-8 key, fold its bytes with FNV-1a in BIGINT, then mod 10,000.
 */
export function duckdbBucketSql(idSql: string, seed: string): string {
  const key = `hex(encode(${sqlString(`${seed}:`)} || ${idSql}))`
  return `(list_reduce(list_transform(range(0, length(${key}) // 2), i -> ('0x' || substr(${key}, 2 * i + 1, 2))::BIGINT), `
    + `(h, b) -> (xor(h, b) * 16777619) % 4294967296, 2166136261::BIGINT) % 10000)`
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`

