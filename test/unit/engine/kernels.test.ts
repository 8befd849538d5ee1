import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bytesMasked, bytesNonZero, codesMasked, integerLookup, listAnyMasked, listEmpty, listPostings, numberMemberOf,
  numberMissing, numberRange, numberTruthy, numberWithin, postingsMasked, type Bound,
} from '../../../src/core/engine/kernels'
import { membersOf } from './helpers'

/*
 * The typed-array loops against plain per-row JavaScript. They work a word (32 rows, four at a
 * time) at once and run the last, partial word on a padded copy, so lengths around multiples of
 * 32 matter; the expected rows come from the comparison written out for each row.
 */

const SPECIAL = [-Infinity, -Number.MAX_VALUE, -1, -Number.MIN_VALUE, -0, 0, Number.MIN_VALUE, 0.1, 0.3, 0.30000000000000004, 1, 1 + 2 ** -52, Number.MAX_VALUE, Infinity, NaN]

const rowsWhere = (n: number, test: (i: number) => boolean): number[] => Array.from({ length: n }, (_, i) => i).filter(test)

describe('numberRange', () => {
  it('equals the JavaScript comparisons for every pair of special bounds, open and closed', () => {
    const v = Float64Array.from(SPECIAL)
    for (const a of SPECIAL) for (const b of SPECIAL) for (const loOpen of [false, true]) for (const hiOpen of [false, true]) {
      const lo: Bound = { at: a, open: loOpen }, hi: Bound = { at: b, open: hiOpen }
      const want = rowsWhere(v.length, (i) => (loOpen ? v[i] > a : v[i] >= a) && (hiOpen ? v[i] < b : v[i] <= b))
      expect(membersOf(numberRange(v, v.length, lo, hi)), JSON.stringify({ a, b, loOpen, hiOpen })).toEqual(want)
    }
  })
})

const lengthArb = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(31, 32, 33, 63, 64, 65, 95, 96, 97, 130))
const numbersArb = lengthArb.chain((n) => fc.array(fc.constantFrom(...SPECIAL, 2, 5, 7), { minLength: n, maxLength: n }))
const boundArb = fc.record({ at: fc.constantFrom(...SPECIAL, 2, 5), open: fc.boolean() })

describe('word loops agree with a per-row loop at every length', () => {
  it('number loops: range, missing, truthy, member of, all within', () => {
    fc.assert(fc.property(numbersArb, boundArb, boundArb, (xs, lo, hi) => {
      const v = Float64Array.from(xs), n = v.length
      const inRange = (x: number) => (lo.open ? x > lo.at : x >= lo.at) && (hi.open ? x < hi.at : x <= hi.at)
      expect(membersOf(numberRange(v, n, lo, hi))).toEqual(rowsWhere(n, (i) => inRange(v[i])))
      expect(membersOf(numberMissing(v, n))).toEqual(rowsWhere(n, (i) => Number.isNaN(v[i])))
      expect(membersOf(numberTruthy(v, n))).toEqual(rowsWhere(n, (i) => !!v[i]))
      expect(numberWithin(v, n, lo.at, hi.at)).toBe(!xs.some((x) => x < lo.at || x >= hi.at))
      const sorted = Float64Array.from([0, 2, 5, Infinity])
      expect(membersOf(numberMemberOf(v, n, sorted))).toEqual(rowsWhere(n, (i) => sorted.includes(v[i])))
    }), { numRuns: 300 })
  })

  it('lookup loops: dictionary codes, integers counted from the smallest, bytes, flags', () => {
    const codesArb = lengthArb.chain((n) => fc.array(fc.integer({ min: -1, max: 6 }), { minLength: n, maxLength: n }))
    const maskArb = fc.array(fc.constantFrom(0, 1), { minLength: 256, maxLength: 256 })
    fc.assert(fc.property(codesArb, maskArb, (cs, bits) => {
      const codes = Int32Array.from(cs), n = codes.length, mask = Uint8Array.from(bits)
      expect(membersOf(codesMasked(codes, n, mask))).toEqual(rowsWhere(n, (i) => mask[codes[i] + 1] === 1))
      expect(membersOf(integerLookup(Float64Array.from(cs), n, -1, mask))).toEqual(rowsWhere(n, (i) => mask[codes[i] + 1] === 1))
      const bytes = Uint8Array.from(cs, (c) => (c < 0 ? 255 : c))
      expect(membersOf(bytesMasked(bytes, n, mask))).toEqual(rowsWhere(n, (i) => mask[bytes[i]] === 1))
      expect(membersOf(bytesNonZero(bytes, n))).toEqual(rowsWhere(n, (i) => bytes[i] !== 0))
    }), { numRuns: 300 })
  })

  it('list loops: any element masked, per-tag postings, empty lists', () => {
    const listsArb = lengthArb.chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }), { minLength: n, maxLength: n }))
    const maskArb = fc.array(fc.constantFrom(0, 1), { minLength: 5, maxLength: 5 })
    fc.assert(fc.property(listsArb, maskArb, (lists, bits) => {
      const n = lists.length, mask = Uint8Array.from(bits)
      const offsets = Int32Array.from([0, ...lists.map((_, i) => lists.slice(0, i + 1).flat().length)])
      const codes = Int32Array.from(lists.flat())
      const want = rowsWhere(n, (i) => lists[i].some((c) => mask[c] === 1))
      expect(membersOf(listAnyMasked(offsets, codes, n, mask))).toEqual(want)
      expect(membersOf(postingsMasked(listPostings(offsets, codes, n, 5), n, mask))).toEqual(want)
      expect(membersOf(listEmpty(offsets, n))).toEqual(rowsWhere(n, (i) => lists[i].length === 0))
    }), { numRuns: 300 })
  })
})
