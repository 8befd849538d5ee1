import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatDate } from '../../../src/core/engine/columns'

// formatDate is an arithmetic rewrite of toISOString's date part: it must agree with it everywhere,
// because date conditions compare these strings exactly as json-logic-js would.
const iso = (ms: number, format: 'date' | 'datetime') => {
  const s = new Date(ms).toISOString()
  return format === 'date' ? s.slice(0, s.indexOf('T')) : s.slice(0, s.indexOf('.'))
}

describe('formatDate', () => {
  it('equals toISOString on any valid time, fractional or negative', () => {
    fc.assert(fc.property(fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }), fc.constantFrom('date' as const, 'datetime' as const), (ms, format) => {
      expect(formatDate(ms, format)).toBe(iso(ms, format))
    }), { numRuns: 3000 })
  })

  it('equals toISOString at the edges of days, leap years and the four-digit years', () => {
    const edges = [0, -1, 1, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29), Date.UTC(2100, 1, 28, 23, 59, 59, 999), Date.UTC(2000, 1, 29),
      -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, Date.UTC(1969, 11, 31, 23, 59, 59)]
    for (const ms of edges) for (const format of ['date', 'datetime'] as const) expect(formatDate(ms, format), `${ms}`).toBe(iso(ms, format))
  })
})
