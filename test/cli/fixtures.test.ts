import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Row } from '../../src/core/engine/columns'
import type { JsonLogic } from '../../src/core/logic/types'
import { FIXTURES, fixtureCustomers, fixtureOrders, idsOf, readMemberFile, referenceMembers, withOrderFields } from './reference'
import { jsonOf, runSegment, tempDir } from './runSegment'
import type { CliRun, JsonResult } from './runSegment'

// (b) A CSV the app did not write (Chinese headers, a BOM, `2025/1/3` dates, a bad age, an order of an
// unknown customer) with rules written by hand: an object of names → JSON-logic and a bare expression.

const AS_OF = Date.UTC(2026, 5, 30)
const CUSTOMERS = join(FIXTURES, 'customers.csv')
const ORDERS = join(FIXTURES, 'orders.csv')
const RULES = join(FIXTURES, 'cli', 'fixture-rules.json')
const BARE = join(FIXTURES, 'cli', '金卡复购.json')
const COMMON = ['--data', CUSTOMERS, '--events', ORDERS, '--type', '年龄=number', '--as-of', '2026-06-30']

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))

let rows: Row[]
beforeAll(() => {
  const cols = { customerId: '会员编号', orderCustomerId: '会员编号', date: '下单日期', amount: '金额' }
  rows = withOrderFields(fixtureCustomers(), fixtureOrders(), cols, AS_OF)
})

describe('npm run segment on a hand-made CSV with rules from another tool', () => {
  const out = tempDir()
  let run: CliRun
  let result: JsonResult
  const rules = readJson(RULES) as Record<string, JsonLogic>

  beforeAll(() => {
    run = runSegment(['--rules', RULES, ...COMMON, '--out', out, '--json'])
    result = jsonOf(run)
  }, 60_000)

  it('counts each named rule as json-logic-js does on the same rows', () => {
    expect(result.customers).toBe(rows.length)
    const expected = Object.entries(rules).map(([name, logic]) => {
      const count = referenceMembers(rows, logic, AS_OF).length
      return { name, count, share: count / rows.length }
    })
    expect(result.segments.map(({ name, count, share }) => ({ name, count, share }))).toEqual(expected)
    expect(new Set(expected.map((s) => s.count)).size).toBeGreaterThan(3)
  })

  it('writes the member ids of each rule', () => {
    Object.entries(rules).forEach(([, logic], i) => {
      const written = readMemberFile(result.segments[i].file!)
      expect(written.header).toEqual(['会员编号'])
      expect(written.ids).toEqual(idsOf(referenceMembers(rows, logic, AS_OF), '会员编号'))
    })
    expect(result.segments[6].file).toBe(join(out, '金卡_银卡 或 南方邮编.csv'))
  })

  it('prints warnings (the bad age, the unknown customer\'s order) without failing', () => {
    expect(run.stderr).toMatch(/warning: .*customers\.csv, row 5, field "年龄": "abc" is not a number; kept as missing/)
    expect(run.stderr).toMatch(/warning: .*orders\.csv, field "会员编号": 1 rows have a customer id that is empty or not in/)
    expect(run.stderr).not.toContain('error:')
  })
})

describe('npm run segment with a bare JSON-logic file', () => {
  it('runs it as one segment named after the file and prints a table of count and %', () => {
    const run = runSegment(['--rules', BARE, ...COMMON])
    expect(run.status).toBe(0)
    const count = referenceMembers(rows, readJson(BARE) as JsonLogic, AS_OF).length
    expect(count).toBeGreaterThan(0)
    const pct = `${((count / rows.length) * 100).toFixed(1)}%`
    expect(run.stdout).toContain(`${rows.length} customers in ${CUSTOMERS}, as of 2026-06-30`)
    expect(run.stdout).toMatch(/^segment\s+customers\s+%$/m)
    expect(run.stdout).toMatch(new RegExp(`^金卡复购\\s+${count}\\s+${pct.replace('.', '\\.')}$`, 'm'))
  }, 60_000)
})
