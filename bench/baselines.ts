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
