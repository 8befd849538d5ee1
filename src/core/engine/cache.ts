/**
 * A least-recently-used map bounded by an estimate of the bytes its values hold. An entry larger
 * than the whole budget is not kept.
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>()
  private total = 0

  constructor(readonly maxBytes: number) {}

  /** The value under `key`, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    // Map iterates in insertion order: re-inserting moves the entry to the young end.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  /** Stores `value` (weighing `bytes`), evicting the least recently used entries to fit. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key)
    if (bytes > this.maxBytes) return
    this.entries.set(key, { value, bytes })
    this.total += bytes
    for (const [oldKey, old] of this.entries) {
      if (this.total <= this.maxBytes) break
      this.entries.delete(oldKey)
      this.total -= old.bytes
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.total -= entry.bytes
  }

  clear(): void {
    this.entries.clear()
    this.total = 0
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.total
  }

  get size(): number {
    return this.entries.size
  }
}
