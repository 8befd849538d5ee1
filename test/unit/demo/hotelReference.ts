import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'

// Per-guest stay statistics by plain loops over the stays as json-logic-js would see them (ISO date
// strings, null for missing), written without the derive code so that tests can check it.

export interface GuestStays {
  stays: number
  total: number
  withAmount: number
  last: string | null
  recent: number
  months: Set<number>
  invoice: number
  workday: number
  weekend: number
  corporateChannel: number
}

const DAY = 86_400_000
export const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

/** Whole days from an ISO date (`YYYY-MM-DD`) to `asOf` (epoch ms, UTC midnight). */
export const daysTo = (iso: string, asOf: number): number => Math.round((asOf - Date.parse(`${iso}T00:00:00Z`)) / DAY)

const empty = (): GuestStays => ({
  stays: 0, total: 0, withAmount: 0, last: null, recent: 0, months: new Set(), invoice: 0, workday: 0, weekend: 0, corporateChannel: 0,
})

/** Statistics of every guest id of `guests` (also those without stays). */
export function staysByGuest(guests: Row[], stays: Row[], asOf: number): Map<string, GuestStays> {
  const by = new Map<string, GuestStays>(guests.map((g) => [g.guest_id as string, empty()]))
  for (const s of stays) {
    const g = by.get(s.guest_id as string)
    if (!g) continue
    g.stays++
    if (s.amount !== null) {
      g.total += s.amount as number
      g.withAmount++
    }
    const date = s.check_in_date as string | null
    if (date !== null) {
      if (g.last === null || date > g.last) g.last = date
      const d = daysTo(date, asOf)
      if (d >= 0 && d <= 89) {
        g.recent++
        g.months.add(Math.floor(d / 30))
      }
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
      if (dow >= 1 && dow <= 4) g.workday++
      if (dow === 5 || dow === 6) g.weekend++
    }
    if (s.invoice_printed === true) g.invoice++
    if (s.channel === '企业协议') g.corporateChannel++
  }
  return by
}
