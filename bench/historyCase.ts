// Effect over time (issue 7 item 9): the migration matrix between two snapshots of 5 segments each,
// customers matched by id. The app's side builds both compact snapshots from the segments' bitsets
// (core/analysis/snapshot.ts) and crosses them (core/analysis/migration.ts); the baseline does the same
// with row objects — an { id, labels } object per customer, a Map by id and nested label loops. The
// later snapshot is synthetic: customers in reverse order, every 50th one gone, the other 5 segments.
// Segment membership is decided outside the timings on both sides (json-logic-js for the rows).
import { bitsetGrouping, migrationMatrix } from '../src/core/analysis/migration'
import { buildSnapshot } from '../src/core/analysis/snapshot'
import type { Bitset } from '../src/core/engine/bitset'
import { cellValue, type Row } from '../src/core/engine/columns'
import { Engine } from '../src/core/engine/evaluate'
import type { JsonLogic } from '../src/core/logic/types'
import { jsonLogicJs } from './baselines'
import type { Case } from './cases'
import { bestMs } from './measure'

const gone = (i: number): boolean => i % 50 === 0

/** Row by row: the matrix as migrationMatrix defines it (rows: earlier groups, none, new; columns: later groups, none, gone). */
function migrationRowByRow(rows: readonly Row[], flags: boolean[][], split: number): number[][] {
  const n = rows.length, g1 = split, g2 = flags.length - split
  const labels = (i: number, from: number, to: number): number[] => {
    const out: number[] = []
    for (let k = from; k < to; k++) if (flags[k][i]) out.push(k - from)
    return out
  }
  const earlier = rows.map((r, i) => ({ id: String(r.customer_id), labels: labels(i, 0, split) }))
  const later: { id: string; labels: number[] }[] = []
  for (let i = 0; i < n; i++) if (!gone(i)) later.push({ id: String(rows[n - 1 - i].customer_id), labels: labels(i, split, flags.length) })
  const byId = new Map(later.map((o) => [o.id, o]))
  const cells = Array.from({ length: g1 + 2 }, () => new Array<number>(g2 + 2).fill(0))
  const seen = new Set<string>()
  for (const e of earlier) {
    const l = byId.get(e.id)
    const from = e.labels.length > 0 ? e.labels : [g1]
    const to = l ? (l.labels.length > 0 ? l.labels : [g2]) : [g2 + 1]
    if (l) seen.add(e.id)
    for (const r of from) for (const c of to) cells[r][c]++
  }
  for (const l of later) if (!seen.has(l.id)) for (const c of l.labels.length > 0 ? l.labels : [g2]) cells[g1 + 1][c]++
  return cells
}

/** The bench case over `rules` (the first half make the earlier snapshot, the rest the later one). */
export function migrationCase(rules: readonly JsonLogic[]): Case {
  const split = Math.floor(rules.length / 2)
  return {
    label: `migration matrix between two snapshots (${split} × ${rules.length - split} segments, matched by id)`,
    engine: (table, asOf) => {
      const engine = new Engine(table, { asOf })
      const sets: Bitset[] = rules.map((r) => engine.evaluate(r))
      const ids = table.columns.customer_id, n = table.rowCount
      const idOf = (i: number): string => String(cellValue(ids, i))
      const segs = (from: number, to: number) => sets.slice(from, to).map((members, k) => ({ id: `s${k}`, name: `s${k}`, members }))
      let cells: number[][] = []
      const ms = bestMs(() => {
        const a = buildSnapshot({ idOf, rowCount: n, segments: segs(0, split) }).members
        const b = buildSnapshot({ idOf: (i) => (gone(i) ? null : idOf(n - 1 - i)), rowCount: n, segments: segs(split, rules.length) }).members
        cells = migrationMatrix(bitsetGrouping(a.ids, a.groups), bitsetGrouping(b.ids, b.groups)).cells
      }, 3)
      return { ms, answer: cells, members: `${cells.length} × ${cells[0].length} cells`, fallback: false }
    },
    rows: (rows) => {
      const flags = rules.map((r) => {
        const test = jsonLogicJs.prepare(r)
        return rows.map((row) => test(row))
      })
      let answer: number[][] = []
      const ms = bestMs(() => { answer = migrationRowByRow(rows, flags, split) }, 2)
      return { jsMs: ms, jleMs: ms, answer }
    },
  }
}
