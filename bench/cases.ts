// The bench's cases. Each has an engine side, timed first, while the JavaScript heap holds only
// the column store (as the app's worker does), and a row-by-row side, timed afterwards over row
// objects: a million of them take ~1 GB of heap, and every garbage collection triggered during
// an engine timing would otherwise walk them. Both sides return their answer for the check.
import type { Bitset } from '../src/core/engine/bitset'
import type { ColumnarTable, Row } from '../src/core/engine/columns'
import { Engine } from '../src/core/engine/evaluate'
import { computeGridSync } from '../src/core/analysis/gridTable'
import { overlapMatrix } from '../src/core/engine/overlap'
import { memberPage } from '../src/core/engine/page'
import type { JsonLogic } from '../src/core/logic/types'
import { firstPage, gridRowByRow, jsonLogicJs, overlapRowByRow, paretoRowObjects, scan, type Runtime } from './baselines'
import { computePareto } from '../src/core/analysis/paretoCurve'
import { PARETO_POINTS } from '../src/core/analysis/rfmProtocol'
import { bestMs, onceMs } from './measure'
import { EDITED_SEGMENT, tenSegments } from './rules'

/** An answer both sides give: selected rows (a byte per row), several selections, counts, or rows. */
export type Answer = Uint8Array | Uint8Array[] | number[][] | Row[]

export interface EngineSide { ms: number; answer: Answer; members: string; fallback: boolean }
export interface RowSide { jsMs: number; jleMs: number; answer: Answer }

export interface Case {
  label: string
  engine(table: ColumnarTable, asOf: number): EngineSide
  rows(rows: Row[], jle: Runtime): RowSide
}

const PAGE_SIZE = 50
/** The first page in row order, as the app's members list asks for it without a sort field. */
const FIRST_PAGE = { direction: 'asc', offset: 0, limit: PAGE_SIZE } as const

export function bitsToBytes(bits: Bitset): Uint8Array {
  const out = new Uint8Array(bits.size)
  bits.forEach((i) => { out[i] = 1 })
  return out
}

const count = (bits: Bitset) => bits.count().toLocaleString('en')

/**
 * json-logic-js once per rule (it is the reference: its answer is the truth), then json-logic-engine,
 * whose answer must agree before it is timed (best of the runs after that check).
 */
function scanBoth(rows: Row[], jle: Runtime, rules: JsonLogic[]): RowSide & { answer: Uint8Array[] } {
  let jsMs = 0, jleMs = 0
  const answer = rules.map((rule, k) => {
    const jsTest = jsonLogicJs.prepare(rule)
    let hits: Uint8Array = new Uint8Array(0)
    jsMs += onceMs(() => { hits = scan(rows, jsTest) })
    const jleTest = jle.prepare(rule)
    expectSame(scan(rows, jleTest), hits, `rule ${k + 1}: json-logic-engine`)
    jleMs += bestMs(() => void scan(rows, jleTest), 2)
    return hits
  })
  return { jsMs, jleMs, answer }
}

/** A fresh engine evaluating `rule` (column facts included). */
export function coldCase(label: string, rule: JsonLogic): Case {
  return {
    label,
    engine: (table, asOf) => {
      let engine!: Engine
      let bits!: Bitset
      // A live segment size: a fresh engine, the rule's rows, their count.
      const ms = bestMs(() => {
        engine = new Engine(table, { asOf })
        bits = engine.evaluateShared(rule)
        bits.count()
      })
      return { ms, answer: bitsToBytes(bits), members: count(bits), fallback: engine.stats.fallback > 0 }
    },
    rows: (rows, jle) => {
      const { jsMs, jleMs, answer } = scanBoth(rows, jle, [rule])
      return { jsMs, jleMs, answer: answer[0] }
    },
  }
}

/** The engine the ten segments were evaluated on, which the edit, overlap and page cases reuse warm. */
interface Shared { engine?: Engine; edited?: JsonLogic }

function warm(shared: Shared): Engine {
  if (!shared.engine) throw new Error('bench: the 10-segment case must run first')
  return shared.engine
}

/**
 * Ten segments on one fresh engine; then, on that engine: an edit of one condition of one segment
 * (all ten re-evaluated, as the app does; row by row only the edited segment is re-run), the
 * overlap matrix of the ten (row by row: every rule on every row), and a page of members.
 */
export function segmentCases(pageRule: JsonLogic, pageLabel: string): Case[] {
  const shared: Shared = {}
  const twenty = [...tenSegments(), ...tenSegments().map((r): JsonLogic => ({ '!': r }))]
  return [
    segmentsCold(shared), editCase(shared), overlapCase(shared, tenSegments(), 'overlap matrix, 10 segments'),
    overlapCase(shared, twenty, 'overlap matrix, 20 segments (10 + their negations), bitsets cached'),
    pageCase(shared, pageRule, pageLabel),
  ]
}

function segmentsCold(shared: Shared): Case {
  const rules = tenSegments()
  return {
    label: '10 segments, cold',
    engine: (table, asOf) => {
      let bits: Bitset[] = []
      const ms = bestMs(() => {
        const engine = new Engine(table, { asOf })
        shared.engine = engine
        bits = rules.map((r) => engine.evaluateShared(r))
        for (const b of bits) b.count()
      })
      const total = bits.reduce((n, b) => n + b.count(), 0)
      return { ms, answer: bits.map(bitsToBytes), members: `${total.toLocaleString('en')} in all`, fallback: warm(shared).stats.fallback > 0 }
    },
    rows: (rows, jle) => scanBoth(rows, jle, rules),
  }
}

function editCase(shared: Shared): Case {
  return {
    label: 'edit 1 condition, 10 segments',
    engine: () => {
      const engine = warm(shared)
      let value = 5000
      // Each call edits the value again, so every timed call recomputes the condition.
      const ms = bestMs(() => {
        value += 1
        for (const r of tenSegments(value)) engine.evaluateShared(r).count()
      })
      shared.edited = tenSegments(value)[EDITED_SEGMENT]
      const bits = engine.evaluateShared(shared.edited)
      return { ms, answer: bitsToBytes(bits), members: count(bits), fallback: false }
    },
    rows: (rows, jle) => {
      const { jsMs, jleMs, answer } = scanBoth(rows, jle, [shared.edited ?? null])
      return { jsMs, jleMs, answer: answer[0] }
    },
  }
}

function overlapCase(shared: Shared, rules: JsonLogic[], label: string): Case {
  return {
    label,
    engine: () => {
      const engine = warm(shared)
      let matrix: number[][] = []
      const ms = bestMs(() => { matrix = overlapMatrix(rules.map((r) => engine.evaluateShared(r))).matrix })
      return { ms, answer: matrix, members: `${rules.length} × ${rules.length} counts`, fallback: false }
    },
    rows: (rows, jle) => {
      let answer: number[][] = []
      const jsTests = rules.map((r) => jsonLogicJs.prepare(r))
      const jsMs = onceMs(() => { answer = overlapRowByRow(rows, jsTests) })
      const jleTests = rules.map((r) => jle.prepare(r))
      const jleMs = bestMs(() => void overlapRowByRow(rows, jleTests), 1)
      return { jsMs, jleMs, answer }
    },
  }
}

function pageCase(shared: Shared, rule: JsonLogic, label: string): Case {
  return {
    label,
    engine: (table) => {
      const engine = warm(shared)
      engine.evaluateShared(rule)
      let members: Row[] = []
      const ms = bestMs(() => { members = memberPage(table, engine.evaluateShared(rule), FIRST_PAGE).rows })
      return { ms, answer: members, members: String(members.length), fallback: false }
    },
    rows: (rows, jle) => {
      let answer: Row[] = []
      const jsTest = jsonLogicJs.prepare(rule)
      const jsMs = bestMs(() => { answer = firstPage(rows, jsTest, PAGE_SIZE) })
      const jleTest = jle.prepare(rule)
      const jleMs = bestMs(() => void firstPage(rows, jleTest, PAGE_SIZE))
      return { jsMs, jleMs, answer }
    },
  }
}

export function expectSame(got: Uint8Array, want: Uint8Array, label: string): void {
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) throw new Error(`${label}: row ${i} is ${got[i] ? '' : 'not '}selected, json-logic-js says the opposite`)
  }
}

/** Throws unless the engine's answer equals the reference's. */
export function expectSameAnswer(got: Answer, want: Answer, label: string): void {
  if (got instanceof Uint8Array && want instanceof Uint8Array) return expectSame(got, want, label)
  if (Array.isArray(got) && Array.isArray(want) && got[0] instanceof Uint8Array) {
    if (got.length !== want.length) throw new Error(`${label}: ${got.length} answers, json-logic-js gives ${want.length}`)
    got.forEach((g, k) => expectSame(g as Uint8Array, want[k] as Uint8Array, `${label}, segment ${k + 1}`))
    return
  }
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${label}: the engine's answer differs from json-logic-js`)
}

/**
 * Pareto curve (issue 7): sort a number field's present values descending, cumulative sum, the share
 * of customers holding 80 % and a 1,000-point curve — from the column (the worker's computePareto)
 * against row objects sorted and accumulated in plain JavaScript (reported in both baseline columns).
 */
export function paretoCase(field: string): Case {
  const answerOf = (p: { topCount: number | null; cutoff: number | null; keyCount: number; points: [number, number][] }): number[][] =>
    [[p.topCount ?? -1, p.cutoff ?? NaN, p.keyCount], ...p.points]
  return {
    label: `Pareto curve (sort, cumulative sum, 80% share) on ${field}`,
    engine: (table) => {
      const values = (table.columns[field] as { values: Float64Array }).values.subarray(0, table.rowCount)
      let p = computePareto(values, 0.8, PARETO_POINTS)
      const ms = bestMs(() => { p = computePareto(values, 0.8, PARETO_POINTS) })
      return { ms, answer: answerOf(p), members: `${(p.topCount ?? 0).toLocaleString('en')} hold 80%`, fallback: false }
    },
    rows: (rows) => {
      let answer: number[][] = []
      const ms = bestMs(() => { answer = answerOf(paretoRowObjects(rows, field, 0.8, PARETO_POINTS)) }, 3)
      return { jsMs: ms, jleMs: ms, answer }
    },
  }
}

/**
 * The grid model: `bins` × `bins` equal-width bins of two number fields over every customer (plus a
 * missing row/column), computed over the columns as the worker does; row by row, one loop over the
 * row objects (gridRowByRow; both runtime columns report that same loop).
 */
export function gridCase(rowField: string, colField: string, bins: number): Case {
  return {
    label: `grid ${bins} × ${bins} (${rowField} × ${colField}, equal width)`,
    engine: (table) => {
      const spec = { rows: { field: rowField, method: 'equal', bins }, cols: { field: colField, method: 'equal', bins } } as const
      let grid = computeGridSync(table, spec, null)
      const ms = bestMs(() => { grid = computeGridSync(table, spec, null) })
      return { ms, answer: [grid.counts], members: `${grid.rows.length} × ${grid.cols.length} cells`, fallback: false }
    },
    rows: (rows) => {
      let counts: number[] = []
      const ms = bestMs(() => { counts = gridRowByRow(rows, rowField, colField, bins) }, 2)
      return { jsMs: ms, jleMs: ms, answer: [counts] }
    },
  }
}
