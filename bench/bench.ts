// Runs in real Chromium (bench/run.mjs drives it): the engine against json-logic-js row by row,
// on the same generated data and rules. Results go to window.__benchResults for the driver to print.
import jsonLogic from 'json-logic-js'
import { generateDemo } from '../src/core/demo/generateDemo'
import { rowAt } from '../src/core/engine/columns'
import type { Row } from '../src/core/engine/columns'
import { Engine } from '../src/core/engine/evaluate'
import { registerCustomOperations, setEvaluationAsOf } from '../src/core/logic/customOps'
import type { JsonLogic } from '../src/core/logic/types'

interface Result { case: string; rows: number; members: number; baselineMs: number; coldMs: number; warmMs: number; fallback: number }

const V = (f: string) => ({ var: f })
const RULES: Record<string, JsonLogic> = {
  '2 conditions': { and: [{ in: [V('gender'), ['女']] }, { and: [{ '!=': [V('age'), null] }, { '>=': [V('age'), 30] }] }] },
  '6 conditions': {
    and: [
      { in: [V('city'), ['上海', '北京', '杭州', '深圳', '广州']] },
      { in: [V('member_level'), ['金卡', '钻石']] },
      { and: [{ '!=': [V('age'), null] }, { '<=': [25, V('age'), 45] }] },
      { '>': [V('signup_date'), '2023-01-01'] },
      { list_any: [V('tags'), ['运动', '数码']] },
      { '===': [V('sms_opt_in'), true] },
    ],
  },
  'nested or/not': { or: [{ '!': { in: [V('province'), ['广东']] } }, { '===': [V('email_opt_in'), false] }] },
  // One category field in a foreign shape: decided once per distinct value, not per row.
  'substr on a category': { '==': [{ substr: [V('city'), 0, 1] }, '上'] },
  // Arithmetic over a number field is not compiled yet: json-logic-js row by row inside the engine.
  'fallback (arithmetic)': { '==': [{ '+': [V('age'), 1] }, 31] },
}

function time(fn: () => void, repeat = 3): number {
  let best = Infinity
  for (let k = 0; k < repeat; k++) {
    const t0 = performance.now()
    fn()
    best = Math.min(best, performance.now() - t0)
  }
  return best
}

function benchSize(customers: number): Result[] {
  const demo = generateDemo(undefined, customers)
  const table = demo.customers.table
  registerCustomOperations()
  setEvaluationAsOf(demo.asOf)
  const rows: Row[] = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
  return Object.entries(RULES).map(([name, rule]) => {
    let members = 0
    const baselineMs = time(() => {
      members = 0
      for (const r of rows) if (jsonLogic.truthy(jsonLogic.apply(rule as never, r))) members++
    }, 1)
    let engine = new Engine(table, { asOf: demo.asOf })
    let got = 0
    const coldMs = time(() => {
      engine = new Engine(table, { asOf: demo.asOf })
      got = engine.evaluate(rule).count()
    })
    const warmMs = time(() => void engine.evaluate(rule))
    if (got !== members) throw new Error(`${name}: engine ${got} ≠ json-logic-js ${members}`)
    return { case: name, rows: table.rowCount, members, baselineMs, coldMs, warmMs, fallback: engine.stats.fallback }
  })
}

const sizes = (new URLSearchParams(location.search).get('sizes') ?? '20000,200000').split(',').map(Number)
const w = window as unknown as { __benchResults?: Result[]; __benchError?: string }
try {
  w.__benchResults = sizes.flatMap(benchSize)
  document.getElementById('out')!.textContent = JSON.stringify(w.__benchResults, null, 2)
} catch (e) {
  w.__benchError = e instanceof Error ? e.stack ?? e.message : String(e)
}
