import type { ColumnarTable } from '../engine/columns'
import type { ParsedValue } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import {
  CATEGORY_TAG, CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, GENDERS, MEMBER_LEVELS, PERSONAS, PROVINCES, TAGS,
} from './demoData'
import { DAY_MS, generateRows } from './demoTable'
import { pickWeighted, randInt, randNormal } from './random'
import type { Rng } from './random'

export { DAY_MS }

export const CUSTOMER_FIELDS: readonly FieldMeta[] = [
  { name: 'customer_id', type: 'text' },
  { name: 'gender', type: 'category' },
  { name: 'age', type: 'number' },
  { name: 'province', type: 'category' },
  { name: 'city', type: 'category' },
  { name: 'member_level', type: 'category' },
  { name: 'signup_date', type: 'date', dateFormat: 'date' },
  { name: 'tags', type: 'list' },
  { name: 'email_opt_in', type: 'boolean' },
  { name: 'sms_opt_in', type: 'boolean' },
]

/** What the order generator needs to know about each customer. Days are UTC day numbers. */
export interface CustomerProfile {
  orders: number
  firstDay: number
  lastDay: number
  logMean: number
  favourite: number
  channel: number
}

const chance = (rng: Rng, p: number): boolean => rng() < p

function drawProfile(rng: Rng, asOfDay: number, windowStart: number): CustomerProfile & { persona: number; signup: number } {
  const persona = pickWeighted(rng, PERSONAS.map((p) => p.weight))
  const p = PERSONAS[persona]
  const lapsed = p.name === 'lapsed'
  // Lapsed customers joined before the order window so that their silence is visible as recency.
  const signup = lapsed ? windowStart - randInt(rng, 30, 4 * 365) : asOfDay - randInt(rng, 7, 6 * 365)
  const firstDay = Math.max(windowStart, signup)
  let lastDay = asOfDay
  if (lapsed) lastDay = asOfDay - randInt(rng, 181, 680)
  else if (p.name === 'frequent' && chance(rng, 0.15)) lastDay = asOfDay - randInt(rng, 90, 300)
  lastDay = Math.max(lastDay, firstDay)
  let orders = randInt(rng, p.orders[0], p.orders[1])
  // A customer who joined last week cannot have placed 30 orders.
  if (orders > 0) orders = Math.min(orders, Math.max(1, Math.ceil((lastDay - firstDay + 1) / 4)))
  return {
    persona, signup, orders, firstDay, lastDay,
    logMean: p.logMean + 0.35 * randNormal(rng),
    favourite: pickWeighted(rng, CATEGORY_WEIGHTS),
    channel: pickWeighted(rng, CHANNEL_WEIGHTS),
  }
}

function drawTags(rng: Rng, favourite: number): string[] | null {
  if (chance(rng, 0.08)) return null
  const tags: string[] = []
  const hinted = CATEGORY_TAG[favourite]
  if (hinted >= 0 && chance(rng, 0.7)) tags.push(TAGS[hinted])
  const extra = randInt(rng, tags.length ? 0 : 1, 2)
  for (let k = 0; k < extra; k++) {
    const t = TAGS[randInt(rng, 0, TAGS.length - 1)]
    if (!tags.includes(t)) tags.push(t)
  }
  return tags
}

function drawPlace(rng: Rng): [string | null, string | null] {
  if (chance(rng, 0.015)) return [null, null]
  const prov = PROVINCES[pickWeighted(rng, PROVINCES.map((p) => p.weight))]
  if (chance(rng, 0.01)) return [prov.name, null]
  return [prov.name, prov.cities[randInt(rng, 0, prov.cities.length - 1)]]
}

function drawAge(rng: Rng, tags: string[] | null): number | null {
  if (chance(rng, 0.05)) return null
  if (tags?.includes('学生')) return randInt(rng, 18, 24)
  return Math.min(75, Math.max(18, Math.round(36 + 11 * randNormal(rng))))
}

function drawOptIn(rng: Rng, p: number): boolean | null {
  return chance(rng, 0.03) ? null : chance(rng, p)
}

/** One customer row in field order, plus the profile driving its orders. */
function drawCustomer(rng: Rng, i: number, asOfDay: number, windowStart: number): { row: ParsedValue[]; profile: CustomerProfile } {
  const prof = drawProfile(rng, asOfDay, windowStart)
  const tags = drawTags(rng, prof.favourite)
  const [province, city] = drawPlace(rng)
  const gender = chance(rng, 0.02) ? null : GENDERS[chance(rng, 0.48) ? 0 : 1]
  const level = MEMBER_LEVELS[pickWeighted(rng, PERSONAS[prof.persona].levels)]
  const signup = chance(rng, 0.005) ? null : prof.signup * DAY_MS
  const row: ParsedValue[] = [
    `C${String(i + 1).padStart(6, '0')}`, gender, drawAge(rng, tags), province, city, level, signup, tags,
    drawOptIn(rng, 0.55), drawOptIn(rng, 0.7),
  ]
  return { row, profile: prof }
}

/** Generates `count` customers with the CUSTOMER_FIELDS columns and each one's order profile. */
export function generateCustomers(
  rng: Rng, count: number, asOfDay: number, windowStart: number,
): { table: ColumnarTable; profiles: CustomerProfile[] } {
  return generateRows(CUSTOMER_FIELDS, count, (i) => drawCustomer(rng, i, asOfDay, windowStart))
}
