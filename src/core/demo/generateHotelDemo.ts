import type { ColumnarTable } from '../engine/columns'
import { applyDerived } from '../derive/deriveOrderFields'
import { generateLinked } from './demoTable'
import type { DemoTable } from './demoTable'
import { deriveHotelFields, HOTEL_LINKS } from './hotelDerive'
import { generateGuests } from './hotelGuests'
import { generateStays } from './hotelStays'

export { GUEST_FIELDS } from './hotelGuests'
export { STAY_FIELDS } from './hotelStays'
export { HOTEL_DERIVED_FIELDS, HOTEL_LINKS } from './hotelDerive'

export const HOTEL_SEED = 20260701
/** The `source` of the stored hotel demo datasets, by which the app finds them again. */
export const HOTEL_DEMO_SOURCE = 'demo-hotel'
/** The hotel demo's reference date: 2026-06-30, 00:00 UTC, as the retail demo's. */
export const HOTEL_AS_OF = Date.UTC(2026, 5, 30)
export const HOTEL_GUEST_COUNT = 10_000
/** Check-ins span the two years up to `HOTEL_AS_OF`. */
export const HOTEL_STAY_WINDOW_DAYS = 730

export interface HotelDemo {
  guests: DemoTable
  stays: DemoTable
  /** Reference date, epoch ms UTC. */
  asOf: number
}

/**
 * Generates the hotel-chain demo: 10,000 guests (gender, age, home city, member level, corporate
 * guest flag, signup date, tags; some values missing) and about 80,000 stays over the two years up to
 * 2026-06-30 (check-in date, nights, amount, channel 官网/携程/美团/飞猪/前台/企业协议, room type,
 * whether an invoice was printed). Deterministic for a seed, no network. Behaviour follows DOMAIN.md
 * "Hotel": business travellers stay every month on weekdays through the corporate channel and print
 * invoices; frequent self-payers book weekends on travel agencies and print none; the rest stay now and
 * then, have lapsed or never stayed.
 */
export function generateHotelDemo(seed = HOTEL_SEED, guestCount = HOTEL_GUEST_COUNT): HotelDemo {
  const { customers, events } = generateLinked(seed, guestCount, HOTEL_AS_OF, HOTEL_STAY_WINDOW_DAYS, {
    idField: HOTEL_LINKS.customerIdField, customers: generateGuests, events: generateStays,
  })
  return { guests: customers, stays: events, asOf: HOTEL_AS_OF }
}

/** The guests table as the app stores it: with the stay fields of `deriveHotelFields` added. */
export function hotelGuestsWithStays(demo: HotelDemo): ColumnarTable {
  return applyDerived(demo.guests.table, deriveHotelFields(demo.guests.table, demo.stays.table, demo.asOf))
}
