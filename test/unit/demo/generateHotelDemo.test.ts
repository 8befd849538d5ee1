import { beforeAll, describe, expect, it } from 'vitest'
import { generateHotelDemo, HOTEL_AS_OF } from '../../../src/core/demo/generateHotelDemo'
import type { HotelDemo } from '../../../src/core/demo/generateHotelDemo'
import { HOTEL_CITIES, HOTEL_MEMBER_LEVELS, HOTEL_TAGS, ROOM_TYPES, STAY_CHANNELS } from '../../../src/core/demo/hotelData'
import { rowAt } from '../../../src/core/engine/columns'
import type { Row } from '../../../src/core/engine/columns'
import { daysTo, rowsOf, staysByGuest } from './hotelReference'
import type { GuestStays } from './hotelReference'

const includes = (list: readonly string[], v: unknown): boolean => list.includes(v as string)

describe('generateHotelDemo', () => {
  let demo: HotelDemo
  let guests: Row[]
  let stays: Row[]
  let by: Map<string, GuestStays>

  beforeAll(() => {
    demo = generateHotelDemo()
    guests = rowsOf(demo.guests.table)
    stays = rowsOf(demo.stays.table)
    by = staysByGuest(guests, stays, demo.asOf)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateHotelDemo()
    for (const key of ['guests', 'stays'] as const) {
      const a = demo[key].table
      const b = again[key].table
      expect(b.rowCount).toBe(a.rowCount)
      for (const i of [0, 1234, a.rowCount - 1]) expect(rowAt(b, i)).toEqual(rowAt(a, i))
    }
    const other = generateHotelDemo(1, 500)
    expect(rowsOf(other.guests.table).slice(0, 20)).not.toEqual(guests.slice(0, 20))
  })

  it('has 10,000 guests and about 80,000 stays up to 2026-06-30', () => {
    expect(demo.asOf).toBe(Date.UTC(2026, 5, 30))
    expect(demo.guests.table.rowCount).toBe(10_000)
    expect(demo.stays.table.rowCount).toBeGreaterThanOrEqual(70_000)
    expect(demo.stays.table.rowCount).toBeLessThanOrEqual(95_000)
  })

  it('names fields in ASCII snake_case, describes every column and has the documented fields', () => {
    for (const { fields, table } of [demo.guests, demo.stays]) {
      expect(table.fields).toEqual(fields)
      for (const f of fields) {
        expect(f.name).toMatch(/^[a-z][a-z0-9_]*$/)
        expect(table.columns[f.name]?.type).toBe(f.type)
      }
    }
    expect(demo.guests.fields.map((f) => f.name)).toEqual(['guest_id', 'gender', 'age', 'city', 'member_level', 'corporate_guest', 'signup_date', 'tags'])
    expect(demo.stays.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'stay_id:text', 'guest_id:text', 'check_in_date:date', 'nights:number', 'amount:number', 'channel:category',
      'room_type:category', 'invoice_printed:boolean',
    ])
  })

  it('has unique ids, the documented values and some missing guest values', () => {
    expect(new Set(guests.map((r) => r.guest_id)).size).toBe(guests.length)
    expect(new Set(stays.map((r) => r.stay_id)).size).toBe(stays.length)
    for (const name of ['gender', 'age', 'city', 'signup_date', 'tags']) {
      const missing = guests.filter((r) => r[name] === null).length
      expect(missing, name).toBeGreaterThan(0)
      expect(missing, name).toBeLessThan(guests.length * 0.15)
    }
    // Row checks collect offenders and assert once: an expect() per row of 80,000 stays is slow.
    const badGuests = guests.filter((r) => (r.gender !== null && r.gender !== '男' && r.gender !== '女')
      || !includes(HOTEL_MEMBER_LEVELS, r.member_level) || (r.city !== null && !includes(HOTEL_CITIES, r.city))
      || typeof r.corporate_guest !== 'boolean' || (r.age !== null && ((r.age as number) < 18 || (r.age as number) > 75))
      || (r.tags !== null && !(r.tags as string[]).every((t) => includes(HOTEL_TAGS, t))))
    expect(badGuests.slice(0, 3)).toEqual([])
    const badStays = stays.filter((s) => !includes(STAY_CHANNELS, s.channel) || !includes(ROOM_TYPES, s.room_type)
      || typeof s.invoice_printed !== 'boolean' || !Number.isInteger(s.nights) || (s.nights as number) < 1
      || (s.amount !== null && !((s.amount as number) > 0)))
    expect(badStays.slice(0, 3)).toEqual([])
    expect(new Set(stays.map((s) => s.channel)).size).toBe(STAY_CHANNELS.length)
    expect(stays.some((s) => s.amount === null)).toBe(true)
  })

  it('places stays of known guests within the two years up to asOf, after signup, sorted by check-in', () => {
    const signup = new Map(guests.map((r) => [r.guest_id as string, r.signup_date as string | null]))
    const bad = stays.filter((s, k) => {
      const date = s.check_in_date as string
      const joined = signup.get(s.guest_id as string)
      const d = daysTo(date, HOTEL_AS_OF)
      return joined === undefined || d < 0 || d > 730 || (joined !== null && date < joined)
        || (k > 0 && date < (stays[k - 1].check_in_date as string))
    })
    expect(bad.slice(0, 3)).toEqual([])
  })

  it('has regular business travellers who print invoices and regular self-payers who never do', () => {
    const frequent = [...by.values()].filter((g) => g.recent >= 3)
    const printers = frequent.filter((g) => g.invoice / g.stays > 0.5)
    const never = frequent.filter((g) => g.invoice === 0)
    expect(frequent.length).toBeGreaterThan(guests.length * 0.08)
    expect(printers.length / frequent.length).toBeGreaterThan(0.3)
    expect(never.length / frequent.length).toBeGreaterThan(0.25)
    // Business travellers: weekdays and the corporate channel; self-payers: weekends, never corporate.
    const sum = (list: GuestStays[], key: 'stays' | 'workday' | 'weekend' | 'corporateChannel'): number => list.reduce((s, g) => s + g[key], 0)
    expect(sum(printers, 'workday') / sum(printers, 'stays')).toBeGreaterThan(0.75)
    expect(sum(printers, 'corporateChannel') / sum(printers, 'stays')).toBeGreaterThan(0.3)
    expect(sum(never, 'weekend') / sum(never, 'stays')).toBeGreaterThan(0.7)
    expect(sum(never, 'corporateChannel')).toBe(0)
    // "At least once in each of the last three months" describes a sizeable group.
    const everyMonth = frequent.filter((g) => g.months.size === 3)
    expect(everyMonth.length).toBeGreaterThan(guests.length * 0.08)
  })

  it('also has occasional, lapsed and never-staying guests', () => {
    const all = [...by.values()]
    const never = all.filter((g) => g.stays === 0).length
    const occasional = all.filter((g) => g.stays >= 1 && g.stays <= 8).length
    const lapsed = all.filter((g) => g.last !== null && daysTo(g.last, HOTEL_AS_OF) > 180).length
    expect(never).toBeGreaterThan(guests.length * 0.05)
    expect(occasional).toBeGreaterThan(guests.length * 0.5)
    expect(lapsed).toBeGreaterThan(guests.length * 0.2)
  })
})
