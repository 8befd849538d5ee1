import type { FieldMeta } from '../../../src/core/fields/types'
import { makeTable, type Cell } from './helpers'

/** Reference date of the hand-made table: 2026-06-30 15:00 UTC (a time of day on purpose). */
export const HAND_AS_OF = Date.UTC(2026, 5, 30, 15)

export const HAND_FIELDS: FieldMeta[] = [
  { name: 'id', type: 'text' },
  { name: 'spend', type: 'number' },
  { name: 'name', type: 'text' },
  { name: 'level', type: 'category' },
  { name: 'vip', type: 'boolean' },
  { name: 'joined', type: 'date', dateFormat: 'date' },
  { name: 'seen', type: 'date', dateFormat: 'datetime' },
  { name: 'tags', type: 'list' },
]

type HandRow = [number | null, string | null, string | null, boolean | null, string | null, string | null, string[] | null]

// Missing values, empty strings and lists, zero, negatives, numeric strings, boundary dates.
const ROWS: HandRow[] = [
  [0, '', 'gold', true, '2026-06-30', '2026-06-30T14:59:59', []],
  [null, null, null, null, null, null, null],
  [5, '5', 'silver', false, '2026-06-29', '2026-06-29T23:59:59', ['a']],
  [-3.5, ' 5', 'gold', true, '2026-06-01', '2026-06-30T23:00:00', ['a', 'b']],
  [100, 'abc', '', null, '2024-02-29', '2024-02-29T00:00:00', ['']],
  [12.25, 'ABC', 'bronze', false, '2025-07-01', '2025-07-01T08:00:00', ['c', 'a']],
  [5, '05', 'silver', true, '2026-07-01', '2026-07-01T00:00:00', ['5']],
  [1e6, 'a,b', 'gold', false, '2026-05-31', '2026-05-31T12:30:00', ['b']],
  [null, '0', 'bronze', true, '2000-01-01', null, []],
  [0, 'true', null, false, '2026-06-24', '2026-06-24T00:00:01', ['a', 'a']],
  [-0, 'null', 'silver', null, '2026-06-23', '2026-06-23T23:59:59', null],
  [42, '李雷', '金卡', true, '2025-12-31', '2025-12-31T23:59:59', ['运动', 'a']],
  [7, '2026-06-30', 'gold', false, '2026-06-30', '2026-06-30T00:00:00', ['b', 'c']],
  [1, 'abcd', 'bronze', true, null, '2026-06-30T15:00:00', ['d']],
]

export function handTable() {
  const rows = ROWS.map(([spend, name, level, vip, joined, seen, tags], i): Record<string, Cell> => ({
    id: `c${i}`, spend, name, level, vip, joined, seen, tags,
  }))
  return makeTable(HAND_FIELDS, rows)
}
