import type { PGlite } from '@electric-sql/pglite'
import { describe, expect, it } from 'vitest'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { bucketOf } from '../../../src/core/flows/randomSplit'
import { derivedCustomersSql, flowSql } from '../../../src/core/io/sql/buildSql'
import { sqlDialect } from '../../../src/core/io/sql/dialects'
import { referenceBucket } from '../flows/bucketReference'
import { demoFixture, expectFlowMatches, expectSegmentsMatch, hotelCase, nestedFlow, randomSplitFlow, retailCase } from './demoCases'
import type { SqlEngine } from './demoCases'
import { loadPgTable, pgFirstColumn, pgPairs, pgSuite } from './postgres'
import { STRING_LAYOUT, propertyTests, strTable, table } from './propertyData'
import { randomSplitFlow as randomSplitGraph } from './randomFlow'

// The PostgreSQL export run on a real PostgreSQL (PGlite, PostgreSQL compiled to WASM) and compared
// with json-logic-js, the reference evaluator — as demo.test.ts and property.test.ts do on DuckDB.

const engine = (db: () => PGlite): SqlEngine => ({ members: (sql) => pgFirstColumn(db(), sql), pairs: (sql) => pgPairs(db(), sql) })

describe('the random split\'s bucket in PostgreSQL', () => {
  const ids = [...Array.from({ length: 5000 }, (_, i) => `C${i}`), '客户甲', '😀', "O'Brien", '', '42', 'a b', 'é', 'x'.repeat(300), '0', '-1', 'Ω≈ç√∫', '\u{10FFFF}']
  const seed = "spring '26"
  const db = pgSuite(async (pg) => {
    await pg.exec('CREATE TABLE t (n INTEGER, id TEXT)')
    await pg.query('INSERT INTO t SELECT * FROM json_populate_recordset(NULL::t, $1::json)', [JSON.stringify([...ids.map((id, n) => ({ n, id })), { n: ids.length, id: null }])])
  })

  it('equals bucketOf (and the BigInt reference) on 5,000+ ids; the translator gives a NULL id bucket 10,000', async () => {
    const d = sqlDialect('postgres')
    const raw = await pgPairs(db(), `SELECT n, ${d.bucket(`CONCAT(${d.str(`${seed}:`)}, id)`)} FROM t WHERE id IS NOT NULL ORDER BY n`)
    expect(raw.map(([, b]) => Number(b))).toEqual(ids.map((id) => bucketOf(id, seed)))
    expect(raw.map(([, b]) => Number(b))).toEqual(ids.map((id) => referenceBucket(id, seed)))
    // Through the translator: the flow `bucket < 10000 → in, else out` leaves out only the NULL id.
    const flow = { if: [{ '<': [{ bucket: [{ var: 'id' }, seed] }, 10000] }, 'in', 'out'] }
    const routed = await pgPairs(db(), `${flowSql(flow, { dialect: 'postgres', fields: [{ name: 'n', type: 'number' }, { name: 'id', type: 'text' }], asOf: '2026-06-30', table: 't', idField: 'n' })} ORDER BY 1`)
    expect(routed.filter(([, a]) => a === 'out').map(([n]) => Number(n))).toEqual([ids.length])
  }, 60_000)
})

// The whole demos (retail 20,000 and hotel 10,000 customers with their events), every segment.
for (const [name, make, bool] of [['retail', retailCase, 'email_opt_in'], ['hotel', hotelCase, 'corporate_guest']] as const) {
  describe(`SQL export on the ${name} demo = the app (PostgreSQL)`, () => {
    const f = demoFixture(make(), bool, 'postgres')
    const db = pgSuite(async (pg) => {
      await loadPgTable(pg, 'customers', f.k.customers)
      await loadPgTable(pg, 'events', f.k.events)
      await pg.exec(`CREATE TABLE customers_derived AS ${derivedCustomersSql(f.options)}`)
    })

    it('every segment: the same members as json-logic-js', () => expectSegmentsMatch(f, engine(db), 8), 60_000)

    it('a random split (10 % control) and nested CASE WHEN: every customer routed as the app routes them', async () => {
      const split = await expectFlowMatches(f, engine(db), randomSplitFlow(f))
      expect(split.filter(([, a]) => a === 'control').length).toBeGreaterThan(0)
      const nested = await expectFlowMatches(f, engine(db), nestedFlow(f), { young: '年轻客户', vip: 'VIP', care: "win'back" })
      expect(new Set(nested.map(([, a]) => a))).toEqual(new Set(['年轻客户', 'VIP', "win'back", null]))
    }, 60_000)

    it('a flow drawn with a 90 / 10 random split and a control group (compileFlow): routed as the app routes it', async () => {
      const graph = randomSplitGraph(f.k.idField)
      const names = Object.fromEntries(graph.nodes.flatMap((n) => (n.type === 'action' ? [[n.id, n.data.name]] : [])))
      const got = await expectFlowMatches(f, engine(db), compileFlow(graph, {}), names)
      const control = got.filter(([, a]) => a === names.aK).length
      const entered = got.filter(([, a]) => a !== null).length
      expect(Math.abs(control / entered - 0.1)).toBeLessThan(0.02)
    }, 60_000)
  })
}

describe('SQL export = json-logic-js on random rules (PostgreSQL)', () => {
  const db = pgSuite(async (pg) => {
    await loadPgTable(pg, 'customers', table)
    await loadPgTable(pg, 'customers_str', strTable, STRING_LAYOUT)
  })
  propertyTests('postgres', (sql) => pgFirstColumn(db(), sql), { trees: 300, logic: 400 })
})

