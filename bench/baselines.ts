// The row-by-row runtimes the engine is measured against, over row objects materialised once:
// json-logic-js 2.0.5 (the reference) and json-logic-engine 5's compiled evaluator (the fastest
// JSON-logic runtime we know of), both with the project's custom operations.
import jsonLogic from 'json-logic-js'
import { LogicEngine } from 'json-logic-engine'
import type { Row } from '../src/core/engine/columns'
import { applyLogic, CUSTOM_IMPLEMENTATIONS, CUSTOM_OPERATIONS } from '../src/core/logic/customOps'
import type { JsonLogic } from '../src/core/logic/types'

/** A rule prepared by one runtime: the row test it runs per customer. */
export type RowTest = (row: Row) => boolean

export interface Runtime {
  name: string
  prepare(rule: JsonLogic): RowTest
}

/** json-logic-js `apply` per row (applyLogic registers our operations once, then calls apply). */
export const jsonLogicJs: Runtime = {
  name: 'json-logic-js',
  prepare: (rule) => {
    applyLogic(true, {})
    const r = rule as Parameters<typeof jsonLogic.apply>[0]
    return (row) => jsonLogic.truthy(jsonLogic.apply(r, row))
  },
}

/** json-logic-engine's `build`: the rule compiled to one JavaScript function. */
export function jsonLogicEngine(): Runtime {
  const engine = new LogicEngine()
  // The same semantics as the project's json-logic-js operations (customOps.ts), on evaluated arguments.
  for (const name of CUSTOM_OPERATIONS) {
    const impl = CUSTOM_IMPLEMENTATIONS[name]
    // Date operations read the as-of date, so only the others may be folded at build time.
    const deterministic = ['list_any', 'list_all', 'starts_with', 'ends_with', 'lower', 'on_day'].includes(name)
    engine.addMethod(name, (args: unknown[]) => impl(...(Array.isArray(args) ? args : [args])), { deterministic })
  }
  return {
    name: 'json-logic-engine',
    prepare: (rule) => {
      const f = engine.build(strictNullTests(rule)) as (row: Row) => unknown
      // It throws where json-logic-js coerces (`substr` of null); a throw selects nothing, as in the engine.
      return (row) => {
        try {
          return jsonLogic.truthy(f(row))
        } catch {
          return false
        }
      }
    },
  }
}

/**
 * json-logic-engine 5 departs from JavaScript on purpose: its comparisons treat `0 == null` as true
 * (compareCheck), so the builder's guard `{"!=":[V,null]}` would drop every customer whose value
 * is 0. Rows never hold `undefined` (a missing value or key reads as null), so `!==`/`===` null
 * mean the same as `!=`/`==` null there, and json-logic-engine evaluates those as JavaScript does.
 * The count check in bench.ts confirms the two runtimes then agree.
 */
function strictNullTests(logic: JsonLogic): JsonLogic {
  if (Array.isArray(logic)) return logic.map(strictNullTests)
  if (typeof logic !== 'object' || logic === null) return logic
  const out: Record<string, JsonLogic> = {}
  for (const [op, args] of Object.entries(logic)) {
    const nullTest = (op === '!=' || op === '==') && Array.isArray(args) && args.length === 2 && args[1] === null
    out[nullTest ? `${op}=` : op] = strictNullTests(args)
  }
  return out
}

/** Indexes of the rows a test selects, in a byte per row (the cheapest record the loop can keep). */
export function scan(rows: readonly Row[], test: RowTest): Uint8Array {
  const hit = new Uint8Array(rows.length)
  for (let i = 0; i < rows.length; i++) if (test(rows[i])) hit[i] = 1
  return hit
}

/** The first `size` rows a test selects: what a members page costs row by row. */
export function firstPage(rows: readonly Row[], test: RowTest, size: number): Row[] {
  const out: Row[] = []
  for (let i = 0; i < rows.length && out.length < size; i++) if (test(rows[i])) out.push(rows[i])
  return out
}

/** Overlap counts of k rules row by row: every rule on every row, each pair tallied (a symmetric matrix, sizes on the diagonal). */
export function overlapRowByRow(rows: readonly Row[], tests: readonly RowTest[]): number[][] {
  const k = tests.length
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const hit = new Uint8Array(k)
  for (const row of rows) {
    for (let a = 0; a < k; a++) hit[a] = tests[a](row) ? 1 : 0
    for (let a = 0; a < k; a++) if (hit[a]) for (let b = a; b < k; b++) if (hit[b]) counts[a][b]++
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) counts[a][b] = counts[b][a]
  return counts
}

/** The Pareto view the row-object way: filter rows with a value, sort them descending, accumulate. */
export function paretoRowObjects(rows: readonly Row[], field: string, threshold: number, maxPoints: number) {
  const sorted = rows.filter((r) => typeof r[field] === 'number').sort((a, b) => (b[field] as number) - (a[field] as number))
  const cum = [0]
  for (const r of sorted) cum.push(cum[cum.length - 1] + (r[field] as number))
  const n = sorted.length, total = cum[n]
  let topCount: number | null = null
  if (total > 0) for (let k = 1; k <= n && topCount === null; k++) if (cum[k] >= threshold * total) topCount = k
  const cutoff = topCount === null ? null : (sorted[topCount - 1][field] as number)
  const keyCount = cutoff === null ? 0 : sorted.filter((r) => (r[field] as number) >= cutoff).length
  const count = Math.min(n + 1, Math.max(2, maxPoints))
  const points = n === 0 ? [] : Array.from({ length: count }, (_, j): [number, number] => {
    const i = Math.round((j * n) / (count - 1))
    return [i / n, total === 0 ? 0 : cum[i] / total]
  })
  return { topCount, cutoff, keyCount, points }
}

/**
 * The grid model's cells row by row: equal-width bins of two number fields (cuts min + (max − min)·k / n,
 * a value on a cut in the bin above, missing values in a last bin when there are any), counted in one
 * loop over the row objects after one loop for the ranges. Cell counts in row-major order.
 */
export function gridRowByRow(rows: readonly Row[], rowField: string, colField: string, bins: number): number[] {
  const axis = (field: string) => {
    let min = Infinity, max = -Infinity, missing = false
    for (const row of rows) {
      const v = row[field]
      if (typeof v !== 'number') missing = true
      else { if (v < min) min = v; if (v > max) max = v }
    }
    const cuts: number[] = []
    for (let k = 1; k < bins; k++) {
      const c = min + ((max - min) * k) / bins
      if (c > min && c <= max && (cuts.length === 0 || c > cuts[cuts.length - 1])) cuts.push(c)
    }
    const binOf = (v: unknown): number => {
      if (typeof v !== 'number') return cuts.length + 1
      let b = 0
      while (b < cuts.length && v >= cuts[b]) b++
      return b
    }
    return { size: cuts.length + 1 + (missing ? 1 : 0), binOf }
  }
  const r = axis(rowField)
  const c = axis(colField)
  const counts = new Array<number>(r.size * c.size).fill(0)
  for (const row of rows) counts[r.binOf(row[rowField]) * c.size + c.binOf(row[colField])]++
  return counts
}
