import type { ColumnarTable } from '../engine/columns'
import type { ParsedValue } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { DAY_MS } from './demoTable'
import { generateRows } from './demoTable'
import {
  HOTEL_CITIES, HOTEL_CITY_WEIGHTS, HOTEL_GENDERS, HOTEL_MEMBER_LEVELS, HOTEL_PERSONAS, HOTEL_TAGS,
} from './hotelData'
import { pickWeighted, randInt, randNormal } from './random'
import type { Rng } from './random'

export const GUEST_FIELDS: readonly FieldMeta[] = [
  { name: 'guest_id', type: 'text' },
  { name: 'gender', type: 'category' },
  { name: 'age', type: 'number' },
  { name: 'city', type: 'category' },
  { name: 'member_level', type: 'category' },
  { name: 'corporate_guest', type: 'boolean' },
  { name: 'signup_date', type: 'date', dateFormat: 'date' },
  { name: 'tags', type: 'list' },
]

/** What the stay generator needs to know about a guest. Days are UTC day numbers. */
export interface GuestProfile {
  /** Index in HOTEL_PERSONAS. */
  persona: number
  stays: number
  firstDay: number
  lastDay: number
  /** Stayed at least once in each of the three 30-day months before the as-of date. */
  regular: boolean
  /** Chance that a stay's invoice is printed. */
  invoice: number
  /** The guest's usual price level relative to the room rate. */
  rate: number
}

const chance = (rng: Rng, p: number): boolean => rng() < p

/** Signup day and the span in which the guest's stays fall. */
function drawSpan(rng: Rng, name: string, regular: boolean, asOfDay: number, windowStart: number): { signup: number; firstDay: number; lastDay: number } {
  // Lapsed guests joined before the window so that their silence shows as recency; frequent ones
  // joined at least five months ago so that dozens of stays fit.
  const signup = name === 'lapsed' ? windowStart - randInt(rng, 30, 4 * 365)
    : name === 'business' || name === 'leisure' ? asOfDay - randInt(rng, 150, 6 * 365)
      : asOfDay - randInt(rng, 7, 6 * 365)
  const firstDay = Math.max(windowStart, signup)
  let lastDay = asOfDay
  if (name === 'lapsed') lastDay = asOfDay - randInt(rng, 181, 600)
  else if (!regular && (name === 'business' || name === 'leisure')) lastDay = asOfDay - randInt(rng, 45, 240)
  return { signup, firstDay, lastDay: Math.max(lastDay, firstDay) }
}

function drawProfile(rng: Rng, asOfDay: number, windowStart: number): GuestProfile & { signup: number } {
  const persona = pickWeighted(rng, HOTEL_PERSONAS.map((p) => p.weight))
  const p = HOTEL_PERSONAS[persona]
  const regular = chance(rng, p.regular)
  const span = drawSpan(rng, p.name, regular, asOfDay, windowStart)
  let stays = randInt(rng, p.stays[0], p.stays[1])
  // A guest who joined last month cannot have stayed twenty times.
  if (stays > 0) stays = Math.min(stays, Math.max(1, Math.ceil((span.lastDay - span.firstDay + 1) / 5)))
  return {
    ...span, persona, stays, regular: regular && stays >= 3,
    invoice: chance(rng, p.invoicers) ? p.invoice : p.invoiceRare,
    rate: Math.exp(0.2 * randNormal(rng)),
  }
}

function drawTags(rng: Rng, hint: string): string[] | null {
  if (chance(rng, 0.1)) return null
  const tags: string[] = chance(rng, 0.6) ? [hint] : []
  const extra = randInt(rng, tags.length ? 0 : 1, 2)
  for (let k = 0; k < extra; k++) {
    const t = HOTEL_TAGS[randInt(rng, 0, HOTEL_TAGS.length - 1)]
    if (!tags.includes(t)) tags.push(t)
  }
  return tags
}

function drawAge(rng: Rng, name: string): number | null {
  if (chance(rng, 0.05)) return null
  const [mean, sd] = name === 'business' || name === 'corporate' ? [39, 8] : [35, 11]
  return Math.min(75, Math.max(18, Math.round(mean + sd * randNormal(rng))))
}

/** One guest row in GUEST_FIELDS order, plus the profile driving the guest's stays. */
function drawGuest(rng: Rng, i: number, asOfDay: number, windowStart: number): { row: ParsedValue[]; profile: GuestProfile } {
  const prof = drawProfile(rng, asOfDay, windowStart)
  const p = HOTEL_PERSONAS[prof.persona]
  const gender = chance(rng, 0.02) ? null : HOTEL_GENDERS[chance(rng, p.name === 'business' ? 0.62 : 0.48) ? 0 : 1]
  const city = chance(rng, 0.01) ? null : HOTEL_CITIES[pickWeighted(rng, HOTEL_CITY_WEIGHTS)]
  const row: ParsedValue[] = [
    `G${String(i + 1).padStart(6, '0')}`, gender, drawAge(rng, p.name), city,
    HOTEL_MEMBER_LEVELS[pickWeighted(rng, p.levels)], chance(rng, p.corporate),
    chance(rng, 0.005) ? null : prof.signup * DAY_MS, drawTags(rng, p.tag),
  ]
  return { row, profile: prof }
}

/** Generates `count` guests with the GUEST_FIELDS columns and each one's stay profile. */
export function generateGuests(
  rng: Rng, count: number, asOfDay: number, windowStart: number,
): { table: ColumnarTable; profiles: GuestProfile[] } {
  return generateRows(GUEST_FIELDS, count, (i) => drawGuest(rng, i, asOfDay, windowStart))
}
