/**
 * An independent reference of the documented hash: FNV-1a 32-bit with BigInt arithmetic (as SQL's
 * 64-bit integers would do it) over Node's own UTF-8 encoding, then mod 10,000.
 */
export function referenceBucket(id: string, seed: string): number {
  let h = 2166136261n
  for (const b of Buffer.from(`${seed}:${id}`, 'utf8')) h = ((h ^ BigInt(b)) * 16777619n) % 4294967296n
  return Number(h % 10000n)
}
