import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Engine } from '../../../src/core/engine/evaluate'
import { canonicalKey } from '../../../src/core/engine/semantics'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'
import { membersOf } from './helpers'
import { commonKinds, suiteTable, variant, variantCount } from './suiteTables'

/*
 * The data-driven suite: test/fixtures/engine-suite/*.json hold `[rule, data, expected]` cases
 * (strings are section titles), written by hand from json-logic's documented semantics. For each
 * case json-logic-js must return `expected` on `data`, and the engine, on a one-row table holding
 * `data` (in every column type that shows the same row), must select the row exactly when
 * `expected` is truthy. Cases of one rule whose rows fit one table are also run together.
 */

const DIR = path.resolve(__dirname, '../../fixtures/engine-suite')
/** The as-of date of `in_last_days` in every file: 2026-06-30, 00:00 UTC. */
const SUITE_AS_OF = Date.UTC(2026, 5, 30)

type Case = [JsonLogic, Record<string, unknown>, unknown]

/** The operations the engine combines or compiles itself (anything else goes through lift or fallback). */
const COMPILED = [
  '==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', '!', '!!', 'and', 'or', 'if', 'in_last_days', 'list_any', 'var',
  'list_all', 'on_day', 'in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month',
]

/** Every operation name in a rule. */
function operationsOf(logic: unknown): string[] {
  if (Array.isArray(logic)) return logic.flatMap(operationsOf)
  if (typeof logic !== 'object' || logic === null) return []
  return Object.entries(logic).flatMap(([op, args]) => [op, ...operationsOf(args)])
}

interface SuiteFile { name: string; cases: Array<{ title: string; c: Case }> }

function readSuite(file: string): SuiteFile {
  const entries = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as unknown[]
  const cases: SuiteFile['cases'] = []
  let title = ''
  for (const e of entries) {
    if (typeof e === 'string') title = e
    else cases.push({ title, c: e as Case })
  }
  return { name: file, cases }
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map(readSuite)

/** Runs one table in each of its column-type variants; `want[i]` says whether row i is selected. */
function expectEngine(rows: Array<Record<string, unknown>>, rule: JsonLogic, want: boolean[], label: string): number {
  const kinds = commonKinds(rows)
  if (!kinds) throw new Error(`${label}: the rows have no column type in common`)
  const count = variantCount(kinds)
  for (let k = 0; k < count; k++) {
    const kindsK = variant(kinds, k)
    const engine = new Engine(suiteTable(rows, kindsK), { asOf: SUITE_AS_OF })
    const expected = want.flatMap((w, i) => (w ? [i] : []))
    expect(membersOf(engine.evaluate(rule)), `${label} with columns ${JSON.stringify(kindsK)}`).toEqual(expected)
  }
  return count
}

/** Groups cases by rule and by the keys of their data, then splits each group into rows one table can hold. */
function tables(cases: Case[]): Case[][] {
  const groups = new Map<string, Case[][]>()
  for (const c of cases) {
    const key = canonicalKey([c[0], Object.keys(c[1]).sort()])
    const parts = groups.get(key) ?? []
    const fits = parts.find((p) => commonKinds([...p, c].map((x) => x[1])) !== null)
    if (fits) fits.push(c)
    else parts.push([c])
    groups.set(key, parts)
  }
  return [...groups.values()].flat()
}

describe('data-driven suite: json-logic-js semantics, and the engine selecting the same rows', () => {
  it('has suite files whose cases cover every operation the engine compiles', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['comparison.json', 'dates.json', 'logic.json', 'membership.json', 'var.json']))
    expect(files.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThan(250)
    const used = new Set(files.flatMap((f) => f.cases.flatMap(({ c }) => operationsOf(c[0]))))
    expect([...COMPILED].filter((op) => !used.has(op))).toEqual([])
  })

  describe.each(files)('$name', ({ cases }) => {
    it('json-logic-js returns the expected value of every case', () => {
      setEvaluationAsOf(SUITE_AS_OF)
      for (const { title, c: [rule, data, expected] } of cases) {
        expect(applyLogic(rule, data), `${title} ${JSON.stringify(rule)} on ${JSON.stringify(data)}`).toEqual(expected)
      }
    })

    it('the engine selects a one-row table exactly when the expected value is truthy, in every column type', () => {
      let runs = 0
      for (const { title, c: [rule, data, expected] } of cases) {
        runs += expectEngine([data], rule, [isTruthy(expected)], `${title} ${JSON.stringify(rule)} on ${JSON.stringify(data)}`)
      }
      expect(runs).toBeGreaterThanOrEqual(cases.length)
    })

    it('the engine selects exactly the truthy rows when the cases of a rule share one table', () => {
      const shared = tables(cases.map((x) => x.c)).filter((t) => t.length > 1)
      expect(shared.length).toBeGreaterThan(0)
      for (const t of shared) {
        const rule = t[0][0]
        expectEngine(t.map((c) => c[1]), rule, t.map((c) => isTruthy(c[2])), `${JSON.stringify(rule)} on ${t.length} rows`)
      }
    })
  })
})
