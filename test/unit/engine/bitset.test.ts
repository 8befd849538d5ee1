import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Bitset } from '../../../src/core/engine/bitset'

const SIZES = [0, 1, 5, 31, 32, 33, 63, 64, 65, 100]

function fromMembers(size: number, members: number[]): Bitset {
  const b = new Bitset(size)
  for (const i of members) b.set(i)
  return b
}

function membersOf(b: Bitset): number[] {
  const out: number[] = []
  b.forEach((i) => {
    out.push(i)
  })
  return out
}

describe('Bitset', () => {
  it.each(SIZES)('not() of an empty set of %i rows is every row and leaves the tail clear', (size) => {
    const b = new Bitset(size).not()
    expect(b.count()).toBe(size)
    expect(membersOf(b)).toEqual(Array.from({ length: size }, (_, i) => i))
    if (size % 32 !== 0) expect(b.words[b.words.length - 1] >>> (size % 32)).toBe(0)
  })

  it.each(SIZES)('full(%i) equals not() of empty, and not() twice is the identity', (size) => {
    expect(Bitset.full(size).words).toEqual(new Bitset(size).not().words)
    const b = fromMembers(size, size > 3 ? [0, 3, size - 1] : [])
    expect(membersOf(b.clone().not().not())).toEqual(membersOf(b))
  })

  it('counts across word boundaries', () => {
    const b = fromMembers(100, [0, 31, 32, 33, 63, 64, 99])
    expect(b.count()).toBe(7)
    expect(b.has(31)).toBe(true)
    expect(b.has(30)).toBe(false)
  })

  it('forEach visits members in ascending order and stops when the callback returns false', () => {
    const b = fromMembers(70, [69, 1, 40, 31, 32])
    expect(membersOf(b)).toEqual([1, 31, 32, 40, 69])
    const seen: number[] = []
    b.forEach((i) => {
      seen.push(i)
      return seen.length < 2
    })
    expect(seen).toEqual([1, 31])
  })

  it('clone is independent of the original', () => {
    const a = fromMembers(40, [1, 2])
    const c = a.clone()
    c.set(39)
    expect(a.has(39)).toBe(false)
    expect(c.count()).toBe(3)
  })

  it('and / or / andNot / not agree with a boolean-array model', () => {
    const sets = fc.integer({ min: 0, max: 130 }).chain((size) =>
      fc.tuple(fc.constant(size), fc.array(fc.boolean(), { minLength: size, maxLength: size }), fc.array(fc.boolean(), { minLength: size, maxLength: size })))
    fc.assert(fc.property(sets, ([size, xs, ys]) => {
      const a = fromMembers(size, xs.flatMap((x, i) => (x ? [i] : [])))
      const b = fromMembers(size, ys.flatMap((y, i) => (y ? [i] : [])))
      const expectIs = (bits: Bitset, model: (i: number) => boolean): void => {
        const want = Array.from({ length: size }, (_, i) => i).filter(model)
        expect(membersOf(bits)).toEqual(want)
        expect(bits.count()).toBe(want.length)
      }
      expectIs(a.clone().and(b), (i) => xs[i] && ys[i])
      expectIs(a.clone().or(b), (i) => xs[i] || ys[i])
      expectIs(a.clone().andNot(b), (i) => xs[i] && !ys[i])
      expectIs(a.clone().not(), (i) => !xs[i])
    }), { numRuns: 200 })
  })
})
