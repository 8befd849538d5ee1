import { describe, expect, it } from 'vitest'
import { writeSql } from '../../../src/cli/sql'
import { rowAt } from '../../../src/core/engine/columns'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { readDataFile } from '../../../src/core/io/readDataFile'
import type { DataFile } from '../../../src/core/io/readDataFile'
import { readRules } from '../../../src/core/io/readRules'
import type { RulesFile } from '../../../src/core/io/readRules'
import { buildRuleSetFile } from '../../../src/core/io/ruleSetFile'
import { SQL_DIALECTS, sqlDialect } from '../../../src/core/io/sql/dialects'
import type { SqlDialectName } from '../../../src/core/io/sql/dialects'
import { applyLogic, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import { loadPgTable, pgPairs, pgSuite } from '../io-sql/postgres'
import { randomSplitFlow } from '../io-sql/randomFlow'
import { okOf } from './results'

// `--sql <dialect>` on a rule set whose flow has a 90 / 10 random split: written in all four dialects
// (before, all but DuckDB refused it), and the PostgreSQL statement routes every customer as the app.
const AS_OF = Date.UTC(2026, 5, 30)
const CSV = ['customer_id,age', ...Array.from({ length: 400 }, (_, i) => `C${i},${i % 7 === 0 ? '' : 18 + (i % 50)}`)].join('\n')
const FLOW = randomSplitFlow('customer_id', 'cli-7')
type Inputs = [RulesFile, DataFile]

async function inputs(): Promise<Inputs> {
  const data = okOf(await readDataFile(CSV, 'customers.csv', { idField: 'customer_id', types: [['age', 'number']], asOf: AS_OF })).data
  const rules = okOf(readRules(JSON.stringify(buildRuleSetFile('实验', [], [FLOW], data.table.fields)), 'rules.segmentflow.json')).rules
  return [rules, data]
}

function run(dialect: SqlDialectName, args: Inputs): { status: number; stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  const status = writeSql(dialect, ...args, { stdout: (t) => { stdout += t }, stderr: (t) => { stderr += t } })
  return { status, stdout, stderr }
}

describe('npm run segment -- --sql <dialect> with a random split', () => {
  const db = pgSuite(async () => {})

  it('exits 0 in every dialect and writes the flow with the dialect\'s bucket', async () => {
    const args = await inputs()
    for (const dialect of SQL_DIALECTS) {
      const out = run(dialect, args)
      expect(out.stderr, dialect).toBe('')
      expect(out.status, dialect).toBe(0)
      const d = sqlDialect(dialect)
      expect(out.stdout, dialect).toContain(d.bucket(`CONCAT(${d.str('cli-7:')}, ${d.ident('customer_id')})`))
      expect(out.stdout, dialect).toMatch(/-- flow "对照实验"\n/)
    }
  })

  it('its PostgreSQL statement routes every customer as the app does (PGlite)', async () => {
    const args = await inputs()
    const data = args[1]
    await loadPgTable(db(), 'customers', data.table)
    const statement = /-- flow "对照实验"\n([\s\S]+);\n/.exec(run('postgres', args).stdout)?.[1] ?? ''
    const got = new Map(await pgPairs(db(), statement))
    const logic = compileFlow(FLOW, {})
    const names = Object.fromEntries(FLOW.nodes.flatMap((n) => (n.type === 'action' ? [[n.id, n.data.name]] : [])))
    setEvaluationAsOf(AS_OF)
    const want = Array.from({ length: data.table.rowCount }, (_, i) => rowAt(data.table, i)).map((r) => {
      const action = applyLogic(logic, r) as string | null
      return [String(r.customer_id), action === null ? null : names[action]] as const
    })
    expect(got.size).toBe(400)
    for (const [id, action] of want) expect(got.get(id), id).toBe(action)
    expect(want.filter(([, a]) => a === names.aK).length).toBeGreaterThan(0)
  }, 60_000)
})
