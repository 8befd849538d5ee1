/** A fixed-size set of row indexes, one bit per row (DESIGN.md "Data at scale"). */
export class Bitset {
  readonly words: Uint32Array

  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5)
  }

  static full(size: number): Bitset {
    const b = new Bitset(size)
    b.words.fill(0xffffffff)
    b.clearTail()
    return b
  }

  set(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31)
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice())
  }

  /** In place: this ∧= other. */
  and(other: Bitset): this {
    const a = this.words, b = other.words
    for (let k = 0; k < a.length; k++) a[k] &= b[k]
    return this
  }

  /** In place: this ∨= other. */
  or(other: Bitset): this {
    const a = this.words, b = other.words
    for (let k = 0; k < a.length; k++) a[k] |= b[k]
    return this
  }

  /** In place: this ∧= ¬other. */
  andNot(other: Bitset): this {
    const a = this.words, b = other.words
    for (let k = 0; k < a.length; k++) a[k] &= ~b[k]
    return this
  }

  /** In place complement, respecting the row count. */
  not(): this {
    const a = this.words
    for (let k = 0; k < a.length; k++) a[k] = ~a[k]
    this.clearTail()
    return this
  }

  count(): number {
    let n = 0
    const a = this.words
    for (let k = 0; k < a.length; k++) {
      let v = a[k]
      v = v - ((v >>> 1) & 0x55555555)
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
    }
    return n
  }

  /** Calls `fn` for each member in ascending order; stops early when `fn` returns false. */
  forEach(fn: (i: number) => boolean | void): void {
    const a = this.words
    for (let k = 0; k < a.length; k++) {
      let v = a[k]
      while (v !== 0) {
        const t = v & -v
        const i = (k << 5) + (31 - Math.clz32(t))
        if (fn(i) === false) return
        v ^= t
      }
    }
  }

  private clearTail(): void {
    const rem = this.size & 31
    if (rem !== 0) this.words[this.words.length - 1] &= 2 ** rem - 1
  }
}
