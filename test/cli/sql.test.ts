import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Parser } from 'node-sql-parser'
import type { FieldMeta } from '../../src/core/fields/types'
import type { JsonLogic } from '../../src/core/logic/types'
import { makeTable } from '../unit/engine/helpers'
import type { Cell } from '../unit/engine/helpers'
import { duckSuite, firstColumn, loadTable } from '../unit/io-sql/duckdb'
import { FIXTURES, fixtureCustomers, fixtureOrders, idsOf, referenceMembers, withOrderFields } from './reference'
import { runSegment } from './runSegment'
import type { CliRun } from './runSegment'
import { readFileSync } from 'node:fs'

const AS_OF = Date.UTC(2026, 5, 30)
const RULES = join(FIXTURES, 'cli', 'fixture-rules.json')
const COMMON = ['--rules', RULES, '--data', join(FIXTURES, 'customers.csv'), '--events', join(FIXTURES, 'orders.csv'), '--type', '年龄=number', '--as-of', '2026-06-30']

// The columns the command reads from the fixture (types as it infers them; category and text translate alike).
const FIELDS: FieldMeta[] = [
  { name: '会员编号', type: 'text' }, { name: '性别', type: 'category' }, { name: '年龄', type: 'number' }, { name: '城市', type: 'category' },
  { name: '等级', type: 'category' }, { name: '注册日期', type: 'date' }, { name: '邮编', type: 'number' }, { name: '标签', type: 'list' },
  { name: 'order_count', type: 'number' }, { name: 'total_amount', type: 'number' }, { name: 'avg_amount', type: 'number' },
  { name: 'last_order_date', type: 'date' }, { name: 'days_since_last_order', type: 'number' },
]

/** `-- segment "name"` → its statement. */
function statements(sql: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of sql.matchAll(/^-- segment "(.+)"\n([\s\S]+?);$/gm)) out.set(m[1], m[2])
  return out
}

describe('npm run segment -- --sql <dialect>', () => {
  const rows = withOrderFields(fixtureCustomers(), fixtureOrders(), { customerId: '会员编号', orderCustomerId: '会员编号', date: '下单日期', amount: '金额' }, AS_OF)
  const rules = JSON.parse(readFileSync(RULES, 'utf8')) as Record<string, JsonLogic>
  let run: CliRun
  beforeAll(() => {
    run = runSegment([...COMMON, '--sql', 'duckdb'])
  }, 60_000)
  const con = duckSuite((db, dir) => loadTable(db, dir, 'customers', makeTable(FIELDS, rows as Record<string, Cell>[])))

  it('prints one statement per rule; each selects in DuckDB exactly the customers json-logic-js selects', async () => {
    const got = statements(run.stdout)
    expect(got.size).toBe(Object.keys(rules).length - 1)
    for (const [name, sql] of got) {
      const want = idsOf(referenceMembers(rows, rules[name], AS_OF), '会员编号').sort()
      expect((await firstColumn(con(), sql)).sort(), name).toEqual(want)
    }
  })

  it('names the rule it cannot translate ("missing") and exits 2', () => {
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/segment "年龄未知".*"missing"/)
    expect(run.stdout).toMatch(/-- segment "年龄未知": not exported/)
  })

  it('writes PostgreSQL that a PostgreSQL parser reads', () => {
    const pg = runSegment([...COMMON, '--sql', 'postgresql'])
    const parser = new Parser()
    const sqls = [...statements(pg.stdout).values()]
    expect(sqls.length).toBe(Object.keys(rules).length - 1)
    for (const sql of sqls) expect(() => parser.astify(sql, { database: 'PostgresQL' }), sql).not.toThrow()
  })

  it('refuses an unknown dialect as wrong usage', () => {
    const bad = runSegment([...COMMON, '--sql', 'oracle'])
    expect(bad.status).toBe(64)
    expect(bad.stderr).toContain('--sql expects one of duckdb, postgres, spark, bigquery, got "oracle"')
  })
})
