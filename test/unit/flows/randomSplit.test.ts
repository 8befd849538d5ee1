import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BUCKETS, bucketOf, cumulativeBounds, fnv1a32, MISSING_BUCKET, randomBranchLogics } from '../../../src/core/flows/randomSplit'
import { applyLogic } from '../../../src/core/logic/customOps'
import { validateLogic } from '../../../src/core/logic/validateLogic'
import { referenceBucket } from './bucketReference'

const ids = Array.from({ length: 100_000 }, (_, i) => `C${String(i).padStart(6, '0')}`)

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(bucketOf('客户甲', 's')).toBe(referenceBucket('客户甲', 's'))
    expect(bucketOf('😀', 's')).toBe(referenceBucket('😀', 's'))
  })
})

describe('bucketOf', () => {
  it('equals the reference on 100,000 ids', () => {
    const mismatches = ids.filter((id) => bucketOf(id, 'flow-seed') !== referenceBucket(id, 'flow-seed'))
    expect(mismatches).toEqual([])
  })

  it('is deterministic, depends on the seed, and stays in 0 … 9999', () => {
    const a = ids.slice(0, 1000).map((id) => bucketOf(id, 'x'))
    expect(ids.slice(0, 1000).map((id) => bucketOf(id, 'x'))).toEqual(a)
    expect(a.every((b) => Number.isInteger(b) && b >= 0 && b < BUCKETS)).toBe(true)
    const b = ids.slice(0, 1000).map((id) => bucketOf(id, 'y'))
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(20)
  })

  it('reads a number id as its decimal text and puts a missing id outside every branch', () => {
    expect(bucketOf(42, 's')).toBe(referenceBucket('42', 's'))
    expect(bucketOf(null, 's')).toBe(MISSING_BUCKET)
    expect(bucketOf(undefined, 's')).toBe(MISSING_BUCKET)
    expect(bucketOf(Number.NaN, 's')).toBe(MISSING_BUCKET)
  })
})

describe('random split proportions', () => {
  it('90 / 10 lands within ±0.5 % on 100,000 ids', () => {
    const control = ids.filter((id) => bucketOf(id, 'campaign-2026') >= 9000).length
    expect(Math.abs(control / ids.length - 0.1)).toBeLessThan(0.005)
  })

  it('three branches 50 / 30 / 20 each within ±0.5 %', () => {
    const bounds = cumulativeBounds([5000, 3000, 2000])
    expect(bounds).toEqual([5000, 8000, 10000])
    const tally = [0, 0, 0]
    for (const id of ids) tally[bounds.findIndex((b) => bucketOf(id, 'abc') < b)]++
    ;[0.5, 0.3, 0.2].forEach((p, i) => expect(Math.abs(tally[i] / ids.length - p)).toBeLessThan(0.005))
  })

  it('caps the cumulative bounds at 10,000 and ignores negative shares', () => {
    expect(cumulativeBounds([6000, -5, 6000])).toEqual([6000, 6000, 10000])
  })
})

describe('the bucket operation in JSON-logic', () => {
  it('json-logic-js routes by the same buckets as the reference', () => {
    const [treat, control] = randomBranchLogics('customer_id', 'seed-1', [9000, 1000])
    for (const id of ids.slice(0, 2000)) {
      const b = referenceBucket(id, 'seed-1')
      expect(applyLogic(treat, { customer_id: id })).toBe(b < 9000)
      expect(applyLogic(control, { customer_id: id })).toBe(b < 10000)
    }
    expect(applyLogic({ bucket: [{ var: 'customer_id' }, 'seed-1'] }, { customer_id: 'C000001' })).toBe(referenceBucket('C000001', 'seed-1'))
  })

  it('is a registered operation that validateLogic accepts with two arguments only', () => {
    expect(validateLogic({ '<': [{ bucket: [{ var: 'customer_id' }, 's'] }, 1000] }, { fields: ['customer_id'] })).toEqual([])
    expect(validateLogic({ bucket: [{ var: 'customer_id' }] })).not.toEqual([])
  })
})

describe('fnv1a32 without a byte buffer', () => {
  it('hashes exactly the UTF-8 bytes TextEncoder gives, for any UTF-16 string (lone surrogates included)', () => {
    const encoder = new TextEncoder()
    const viaBytes = (text: string): number => {
      let h = 0x811c9dc5
      for (const b of encoder.encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0
      return h
    }
    const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units))
    fc.assert(fc.property(fc.oneof(fc.string(), utf16, fc.constantFrom('王小明', '😀', '\ud800', 'a\udc00b', '')), (text) => {
      expect(fnv1a32(text)).toBe(viaBytes(text))
    }), { numRuns: 3000 })
  })
})
