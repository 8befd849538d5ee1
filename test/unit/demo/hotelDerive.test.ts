import { describe, expect, it } from 'vitest'
import { generateHotelDemo, GUEST_FIELDS, HOTEL_DERIVED_FIELDS, hotelGuestsWithStays, STAY_FIELDS } from '../../../src/core/demo/generateHotelDemo'
import { deriveHotelFields } from '../../../src/core/demo/hotelDerive'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import type { ParsedValue } from '../../../src/core/fields/parseValue'
import type { FieldMeta } from '../../../src/core/fields/types'
import { makeColumnBuilder } from '../../../src/core/io/buildColumnsBuilders'
import { daysTo, rowsOf, staysByGuest } from './hotelReference'

const ms = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

function table(fields: readonly FieldMeta[], rows: ParsedValue[][]): ColumnarTable {
  const builders = fields.map((f) => makeColumnBuilder(f))
  for (const r of rows) r.forEach((v, k) => builders[k].push(v))
  return { rowCount: rows.length, fields: fields.map((f) => ({ ...f })), columns: Object.fromEntries(fields.map((f, k) => [f.name, builders[k].finish()])) }
}

describe('deriveHotelFields', () => {
  it('computes the hand-worked values of a small table: windows, missing values, unknown guests', () => {
    const asOf = ms('2026-06-30')
    const guests = table(GUEST_FIELDS, [
      ['G1', '男', 40, '上海', '金卡', true, ms('2020-01-01'), ['商务']],
      ['G2', '女', 30, '北京', '普通', false, null, null],
      ['G3', null, null, null, '普通', false, null, null],
    ])
    const stays = table(STAY_FIELDS, [
      ['S1', 'G1', ms('2026-06-30'), 1, 100, '企业协议', '商务房', true], // day 0
      ['S2', 'G1', ms('2026-04-02'), 1, 150, '官网', '商务房', false], // day 89: still in the last 90 days
      ['S3', 'G1', ms('2026-04-01'), 2, null, '官网', '大床房', true], // day 90: outside; amount missing
      ['S4', 'G2', ms('2026-05-31'), 1, 200, '携程', '大床房', null], // day 30; invoice unknown
      ['S5', 'G9', ms('2026-06-01'), 1, 50, '美团', '标准间', true], // unknown guest
      ['S6', 'G2', ms('2026-06-01'), 2, 300, '美团', '标准间', true], // day 29
    ])
    const d = deriveHotelFields(guests, stays, asOf)
    expect(d.unmatched).toBe(1)
    expect(d.fields).toEqual(HOTEL_DERIVED_FIELDS)
    const out = rowsOf({ rowCount: 3, fields: d.fields, columns: d.columns })
    expect(out).toEqual([
      {
        stay_count: 3, total_amount: 250, avg_amount: 125, last_stay_date: '2026-06-30', days_since_last_stay: 0,
        stays_last_90_days: 2, months_stayed_last_3: 2, invoice_stays: 2, invoice_share: 66.7,
      },
      {
        stay_count: 2, total_amount: 500, avg_amount: 250, last_stay_date: '2026-06-01', days_since_last_stay: 29,
        stays_last_90_days: 2, months_stayed_last_3: 2, invoice_stays: 1, invoice_share: 50,
      },
      {
        stay_count: 0, total_amount: 0, avg_amount: null, last_stay_date: null, days_since_last_stay: null,
        stays_last_90_days: 0, months_stayed_last_3: 0, invoice_stays: 0, invoice_share: null,
      },
    ])
  })

  it('matches plain loops over the stays on the whole demo', () => {
    const demo = generateHotelDemo()
    const guests = hotelGuestsWithStays(demo)
    expect(guests.fields.map((f) => f.name)).toEqual([...GUEST_FIELDS, ...HOTEL_DERIVED_FIELDS].map((f) => f.name))
    const by = staysByGuest(rowsOf(demo.guests.table), rowsOf(demo.stays.table), demo.asOf)
    const bad: unknown[] = []
    for (let i = 0; i < guests.rowCount; i++) {
      const r = rowAt(guests, i)
      const g = by.get(r.guest_id as string)!
      const expected = {
        stay_count: g.stays,
        total_amount: g.total,
        avg_amount: g.withAmount ? g.total / g.withAmount : null,
        last_stay_date: g.last,
        days_since_last_stay: g.last === null ? null : daysTo(g.last, demo.asOf),
        stays_last_90_days: g.recent,
        months_stayed_last_3: g.months.size,
        invoice_stays: g.invoice,
        invoice_share: g.stays ? Math.round((1000 * g.invoice) / g.stays) / 10 : null,
      }
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, r[k]]))
      // Sums of integer amounts are exact; the average is compared to 1e-9.
      const avgOk = expected.avg_amount === null ? actual.avg_amount === null : Math.abs((actual.avg_amount as number) - expected.avg_amount) < 1e-9
      if (!avgOk || JSON.stringify({ ...actual, avg_amount: 0 }) !== JSON.stringify({ ...expected, avg_amount: 0 })) bad.push({ actual, expected })
    }
    expect(bad.slice(0, 3)).toEqual([])
  })
})
