// Runs in real Chromium (bench/run.mjs drives it): the engine against json-logic-js and
// json-logic-engine on the same generated customers and rules. Every engine answer is checked
// against json-logic-js row by row before it is reported; a difference fails the run.
// Results go to window.__benchResults for the driver to print.
import { rowAt } from '../src/core/engine/columns'
import { setEvaluationAsOf } from '../src/core/logic/customOps'
import type { JsonLogic } from '../src/core/logic/types'
import { jsonLogicEngine } from './baselines'
import { coldCase, expectSameAnswer, gridCase, paretoCase, segmentCases, type Case, type EngineSide } from './cases'
import { kmeansCase } from './clustersCase'
import { migrationCase } from './historyCase'
import { segmentTagsCase } from './segmentTagsCase'
import { columnStoreBytes, generateBenchCustomers } from './customers'
import { heapBytes } from './measure'
import { conditionCount, NEW_OPERATORS, SIX_CONDITIONS_NESTED, tenSegments, TWENTY_CONDITIONS, TWO_CONDITIONS } from './rules'

export interface Result {
  case: string
  rows: number
  members: string
  jsMs: number
  jleMs: number
  engineMs: number
  fallback: boolean
  unit: 'ms' | 'MB'
}

const V = (f: string): JsonLogic => ({ var: f })

const CASES: Case[] = [
  coldCase('2 conditions, cold', TWO_CONDITIONS),
  coldCase('6 conditions nested, cold', SIX_CONDITIONS_NESTED),
  coldCase('20 conditions, cold', TWENTY_CONDITIONS),
  coldCase('issue-6 operators (prefix, month, months back, all of, field vs field), cold', NEW_OPERATORS),
  ...segmentCases(SIX_CONDITIONS_NESTED, 'page of 50 members (6 conditions)'),
  // Foreign shapes: two decided once per distinct value (lifted), one run row by row inside the engine.
  coldCase('substr on a category (lifted), cold', { '==': [{ substr: [V('city'), 0, 1] }, '上'] }),
  coldCase('arithmetic on one integer field (lifted), cold', { '==': [{ '+': [V('age'), 1] }, 31] }),
  coldCase('arithmetic on two fields (fallback), cold', { '>': [{ '+': [V('orders_12m'), V('visits_30d')] }, 50] }),
  gridCase('avg_basket', 'orders_12m', 20),
  paretoCase('lifetime_value'),
  kmeansCase(['lifetime_value', 'orders_12m', 'visits_30d', 'avg_basket', 'discount_rate'], 8),
  segmentTagsCase(tenSegments()),
  migrationCase(tenSegments()),
]

function status(text: string): void {
  document.getElementById('out')!.textContent = `running: ${text}…`
}

/** Yields to the browser between cases so the page stays responsive to the driver. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

async function run(rowCount: number): Promise<Result[]> {
  for (const [rule, n] of [[TWO_CONDITIONS, 2], [SIX_CONDITIONS_NESTED, 6], [TWENTY_CONDITIONS, 20]] as const) {
    if (conditionCount(rule) !== n) throw new Error(`bench rule has ${conditionCount(rule)} conditions, not ${n}`)
  }
  const { table, asOf } = generateBenchCustomers(rowCount)
  setEvaluationAsOf(asOf)
  const engineSides: EngineSide[] = []
  for (const c of CASES) {
    status(`engine: ${c.label}`)
    await tick()
    engineSides.push(c.engine(table, asOf))
  }
  const heap0 = heapBytes()
  const rows = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
  const rowHeap = heapBytes() - heap0
  const jle = jsonLogicEngine()
  const results: Result[] = []
  for (const [k, c] of CASES.entries()) {
    status(`row by row: ${c.label}`)
    await tick()
    const e = engineSides[k]
    const r = c.rows(rows, jle)
    expectSameAnswer(e.answer, r.answer, c.label)
    results.push({ case: c.label, rows: rowCount, members: e.members, jsMs: r.jsMs, jleMs: r.jleMs, engineMs: e.ms, fallback: e.fallback, unit: 'ms' })
  }
  const mb = (b: number) => b / 2 ** 20
  results.push({
    case: 'memory: row objects vs column store', rows: rowCount, members: '—', unit: 'MB',
    jsMs: mb(rowHeap), jleMs: mb(rowHeap), engineMs: mb(columnStoreBytes(table)), fallback: false,
  })
  return results
}

const rowCount = Number(new URLSearchParams(location.search).get('rows') ?? 1_000_000)
const w = window as unknown as { __benchResults?: Result[]; __benchError?: string }
run(rowCount).then(
  (results) => {
    w.__benchResults = results
    document.getElementById('out')!.textContent = JSON.stringify(results, null, 2)
  },
  (e: unknown) => { w.__benchError = e instanceof Error ? e.stack ?? e.message : JSON.stringify(e) ?? String(e) },
)
