import type { Column, ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import { dayColumn, eventKeyColumns, orderByDay, permute } from './demoEvents'
import { HOTEL_PERSONAS, ROOM_RATES, ROOM_TYPES, STAY_CHANNELS } from './hotelData'
import type { GuestProfile } from './hotelGuests'
import { pickWeighted, randInt, randNormal } from './random'
import type { Rng } from './random'

export const STAY_FIELDS: readonly FieldMeta[] = [
  { name: 'stay_id', type: 'text' },
  { name: 'guest_id', type: 'text' },
  { name: 'check_in_date', type: 'date', dateFormat: 'date' },
  { name: 'nights', type: 'number' },
  { name: 'amount', type: 'number' },
  { name: 'channel', type: 'category' },
  { name: 'room_type', type: 'category' },
  { name: 'invoice_printed', type: 'boolean' },
]

/** Price of a booking channel relative to the rack rate: agencies and company agreements are discounted. */
const CHANNEL_PRICE = [1.0, 0.93, 0.9, 0.92, 1.05, 0.85]
const CORPORATE_CHANNEL = STAY_CHANNELS.indexOf('企业协议')

interface RawStays {
  guest: Int32Array
  day: Int32Array
  nights: Float64Array
  amount: Float64Array
  channel: Int32Array
  room: Int32Array
  invoice: Uint8Array
}

/** Day of the week of a UTC day number, 0 = Sunday (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number): number => (day + 4) % 7

/**
 * The latest day on or before `day` whose weekday passes `allowed`, moved a week later when that
 * falls before `lo`; `day` itself when no such day lies within [lo, hi].
 */
function shiftToWeekday(day: number, allowed: (dow: number) => boolean, lo: number, hi: number): number {
  for (let k = 0; k < 7; k++) {
    const d = day - k < lo ? day - k + 7 : day - k
    if (d <= hi && allowed(weekdayOf(d))) return d
  }
  return day
}

const isWorkday = (dow: number): boolean => dow >= 1 && dow <= 4
const isWeekend = (dow: number): boolean => dow === 5 || dow === 6

/** A check-in day in [lo, hi], moved to the persona's usual weekdays as often as it prefers them. */
function drawDay(rng: Rng, persona: number, lo: number, hi: number): number {
  const p = HOTEL_PERSONAS[persona]
  const day = lo + Math.floor(rng() * (hi - lo + 1))
  if (rng() < p.weekday) return shiftToWeekday(day, isWorkday, lo, hi)
  if (rng() < p.weekend) return shiftToWeekday(day, isWeekend, lo, hi)
  return day
}

/** Check-in days of one guest: for a regular guest one in each of the last three 30-day months first. */
function stayDays(rng: Rng, g: GuestProfile, asOfDay: number): number[] {
  const days: number[] = []
  if (g.regular) {
    for (let m = 0; m < 3; m++) days.push(drawDay(rng, g.persona, asOfDay - 30 * m - 29, asOfDay - 30 * m))
  }
  while (days.length < g.stays) days.push(drawDay(rng, g.persona, g.firstDay, g.lastDay))
  return days
}

function drawStay(rng: Rng, s: RawStays, r: number, g: GuestProfile): void {
  const p = HOTEL_PERSONAS[g.persona]
  const channel = pickWeighted(rng, p.channels)
  const room = pickWeighted(rng, p.rooms)
  const nights = randInt(rng, p.nights[0], p.nights[1])
  s.nights[r] = nights
  s.channel[r] = channel
  s.room[r] = room
  // Whoever prints invoices at all does so for nearly every company-agreement booking.
  const invoice = channel === CORPORATE_CHANNEL && g.invoice > 0 ? Math.max(g.invoice, 0.95) : g.invoice
  s.invoice[r] = rng() < invoice ? 1 : 0
  const price = nights * ROOM_RATES[room] * CHANNEL_PRICE[channel] * g.rate * (1 + 0.08 * randNormal(rng))
  // A few stays lack an amount (comped or not yet settled): missing, never 0.
  s.amount[r] = rng() < 0.001 ? NaN : Math.max(50, Math.round(price))
}

function drawStays(rng: Rng, guests: readonly GuestProfile[], asOfDay: number): RawStays {
  const total = guests.reduce((n, g) => n + g.stays, 0)
  const s: RawStays = {
    guest: new Int32Array(total), day: new Int32Array(total), nights: new Float64Array(total), amount: new Float64Array(total),
    channel: new Int32Array(total), room: new Int32Array(total), invoice: new Uint8Array(total),
  }
  let r = 0
  guests.forEach((g, i) => {
    for (const day of stayDays(rng, g, asOfDay)) {
      s.guest[r] = i
      s.day[r] = day
      drawStay(rng, s, r++, g)
    }
  })
  return s
}

/**
 * Generates the stays of the given guests within [windowStart, asOfDay] (UTC day numbers of the
 * check-in), sorted by check-in date as a hotel system would export them; stay ids follow that order.
 */
export function generateStays(
  rng: Rng, guests: readonly GuestProfile[], guestIds: readonly string[], windowStart: number, asOfDay: number,
): ColumnarTable {
  const raw = drawStays(rng, guests, asOfDay)
  const order = orderByDay(raw.day, windowStart, asOfDay)
  const keys = eventKeyColumns(order, raw.guest, guestIds, 'S', 7)
  const columns: Record<string, Column> = {
    stay_id: keys.eventId,
    guest_id: keys.customerId,
    check_in_date: dayColumn(raw.day, order),
    nights: { type: 'number', values: permute(raw.nights, order) },
    amount: { type: 'number', values: permute(raw.amount, order) },
    channel: { type: 'category', codes: permute(raw.channel, order), dict: [...STAY_CHANNELS] },
    room_type: { type: 'category', codes: permute(raw.room, order), dict: [...ROOM_TYPES] },
    invoice_printed: { type: 'boolean', values: permute(raw.invoice, order) },
  }
  return { rowCount: order.length, fields: STAY_FIELDS.map((f) => ({ ...f })), columns }
}
