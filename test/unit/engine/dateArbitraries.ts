import fc from 'fast-check'
import { formatDate, type ColumnarTable } from '../../../src/core/engine/columns'
import type { JsonLogic } from '../../../src/core/logic/types'
import { rowCountArb } from './arbitraries'

/*
 * Date columns at their edges, written as raw epoch ms (the column contract allows any double):
 * fractional and negative ms (Date truncates toward zero, so -0.5 shows as 1970-01-01), day
 * boundaries, years before 100 (whose ISO strings the reference cannot parse back), and years
 * outside 0000–9999 (whose ISO strings do not sort as dates).
 */

const DAY = 86_400_000
const AS_OF = Date.UTC(2026, 5, 30)
const YEAR_100 = Date.UTC(100, 0, 1)
/** 0099-12-31: Date.UTC reads years 0–99 as 19xx, so build it from a string. */
const YEAR_99 = Date.parse('0099-12-31T00:00:00Z')
const FIRST_ISO = Date.parse('0000-01-01T00:00:00Z')
const END_ISO = Date.parse('+010000-01-01T00:00:00Z')

const SAFE_MS: number[] = [
  0, -0, 0.5, -0.5, -1, 1, -DAY, -DAY + 0.5, -DAY - 0.5, DAY - 0.5, DAY, 999.9, -999.9,
  AS_OF, AS_OF - 1, AS_OF - 0.5, AS_OF + DAY - 1, AS_OF + 0.25, AS_OF - DAY, AS_OF - 7 * DAY + 1, AS_OF - 30 * DAY,
  Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 0, 1), Date.UTC(1960, 5, 15, 12), YEAR_100, YEAR_100 - 1, YEAR_99,
  FIRST_ISO, FIRST_ISO + 0.5, END_ISO - 1, END_ISO - 0.5,
]
const UNSAFE_MS: number[] = [END_ISO, END_ISO + DAY, FIRST_ISO - 1, FIRST_ISO - DAY]

const dayMsArb = fc.integer({ min: -3000, max: 25_000 }).map((d) => d * DAY)
const anyMsArb = fc.double({ min: -1e13, max: 2e12, noNaN: true })

const safeMsArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SAFE_MS) },
  { weight: 2, arbitrary: dayMsArb },
  { weight: 1, arbitrary: anyMsArb },
  { weight: 1, arbitrary: fc.constant(NaN) },
)
const msArb = (unsafe: boolean): fc.Arbitrary<number> =>
  (unsafe ? fc.oneof({ weight: 9, arbitrary: safeMsArb }, { weight: 1, arbitrary: fc.constantFrom(...UNSAFE_MS) }) : safeMsArb)

/** A table with a `date` and a `datetime` column of edge values; one time in five with dates outside 0000–9999 too. */
export const dateTableArb: fc.Arbitrary<ColumnarTable> = fc.integer({ min: 0, max: 4 }).map((k) => k === 0).chain((unsafe) =>
  rowCountArb.chain((k) => fc.array(fc.tuple(msArb(unsafe), msArb(unsafe)), { minLength: k, maxLength: k })).map((pairs): ColumnarTable => ({
    rowCount: pairs.length,
    fields: [{ name: 'd', type: 'date', dateFormat: 'date' }, { name: 'dt', type: 'date', dateFormat: 'datetime' }],
    columns: {
      d: { type: 'date', dateFormat: 'date', values: Float64Array.from(pairs, (p) => p[0]) },
      dt: { type: 'date', dateFormat: 'datetime', values: Float64Array.from(pairs, (p) => p[1]) },
    },
  })))

export const dateAsOfArb = fc.constantFrom(AS_OF, AS_OF + 15 * 3_600_000, 0, -1, Date.UTC(1960, 0, 1, 12), YEAR_100 + 10 * DAY)

/** ISO strings at and around the edge values, prefixes of them, and strings that are no date. */
const isoArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...SAFE_MS), fc.constantFrom<'date' | 'datetime'>('date', 'datetime')).map(([ms, f]) => formatDate(ms, f)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SAFE_MS), fc.integer({ min: 4, max: 19 })).map(([ms, k]) => formatDate(ms, 'datetime').slice(0, k)) },
  { weight: 1, arbitrary: fc.constantFrom('', '2026-06-30T', '2026-06-30 00:00:00', '+010000-01-01', '-000001-12-31', '9999-12-31T23:59:59', 'z', '2026-13-01') },
)

const dateVar = fc.constantFrom<JsonLogic>({ var: 'd' }, { var: 'dt' })

/** Comparisons with ISO strings and other constants, ranges, `in`, and `in_last_days`, as the builder and foreign tools write them. */
export const dateConditionArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom('==', '!=', '===', '!==', '<', '<=', '>', '>='), dateVar, isoArb, fc.boolean())
      .map(([op, v, s, swap]): JsonLogic => ({ [op]: swap ? [s, v] : [v, s] })),
  },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('<', '<='), isoArb, dateVar, isoArb).map(([op, a, v, b]): JsonLogic => ({ [op]: [a, v, b] })) },
  { weight: 2, arbitrary: fc.tuple(dateVar, fc.array(isoArb, { maxLength: 3 })).map(([v, xs]): JsonLogic => ({ in: [v, xs] })) },
  {
    weight: 3,
    arbitrary: fc.tuple(dateVar, fc.constantFrom<JsonLogic>(0, 1, 2, 7, 30, 0.5, -1, 1e5, 1e6, 1e7, 1e9, '7', null))
      .map(([v, n]): JsonLogic => ({ in_last_days: [v, n] })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('==', '<', '>=', '!='), dateVar, fc.constantFrom<JsonLogic>(0, 1, null, true, NaN)).map(([op, v, x]): JsonLogic => ({ [op]: [v, x] })) },
)
