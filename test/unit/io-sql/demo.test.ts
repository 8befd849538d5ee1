import { describe, expect, it } from 'vitest'
import { derivedCustomersSql } from '../../../src/core/io/sql/buildSql'
import { demoFixture, expectFlowMatches, expectSegmentsMatch, hotelCase, nestedFlow, randomSplitFlow, retailCase } from './demoCases'
import type { SqlEngine } from './demoCases'
import { duckSuite, firstColumn, loadTable, pairs } from './duckdb'

for (const [name, make, bool] of [['retail', retailCase, 'email_opt_in'], ['hotel', hotelCase, 'corporate_guest']] as const) {
  describe(`SQL export on the ${name} demo = the app (DuckDB)`, () => {
    const f = demoFixture(make(), bool, 'duckdb')
    const con = duckSuite(async (db, dir) => {
      await loadTable(db, dir, 'customers', f.k.customers)
      await loadTable(db, dir, 'events', f.k.events)
      // Most segments read the derived fields materialised once by the same CTEs (for speed); the
      // whole statements, CTEs included, are run for a sample below.
      await db.run(`CREATE TABLE customers_derived AS ${derivedCustomersSql(f.options)}`)
    })
    const duck: SqlEngine = { members: (sql) => firstColumn(con(), sql), pairs: (sql) => pairs(con(), sql) }

    it('every segment: the same members as json-logic-js', () => expectSegmentsMatch(f, duck, 8), 60_000)

    it('a random split (10 % control): every customer in the same branch as the app (hash in SQL)', async () => {
      const got = await expectFlowMatches(f, duck, randomSplitFlow(f))
      expect(got.filter(([, a]) => a === 'control').length).toBeGreaterThan(0)
    }, 60_000)

    it('a flow as CASE WHEN: every customer gets the action json-logic-js routes them to', async () => {
      const got = await expectFlowMatches(f, duck, nestedFlow(f), { young: '年轻客户', vip: 'VIP', care: "win'back" })
      expect(new Set(got.map(([, a]) => a))).toEqual(new Set(['年轻客户', 'VIP', "win'back", null]))
    }, 60_000)
  })
}
