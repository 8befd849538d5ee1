import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CUSTOMER_FIELDS, DEMO_AS_OF, generateDemo } from '../../src/core/demo/generateDemo'
import { rowAt } from '../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../src/core/engine/columns'
import type { FieldMeta } from '../../src/core/fields/types'
import { compileFlow } from '../../src/core/flows/compileFlow'
import type { Flow } from '../../src/core/flows/types'
import { buildRuleSetFile } from '../../src/core/io/ruleSetFile'
import type { RuleSetFile } from '../../src/core/io/ruleSetFile'
import { csvCell, toCsv } from '../../src/core/io/toCsv'
import type { Condition, Group, RuleNode, Segment } from '../../src/core/logic/types'
import { idsOf, readMemberFile, referenceMembers, referenceValues, withOrderFields } from './reference'
import { jsonOf, runSegment, tempDir } from './runSegment'
import type { JsonResult } from './runSegment'

// (a) The demo, exported the way a user would: customers and orders as CSV files, a rule set file
// made by buildRuleSetFile. The command's counts, member files and flow counts must equal
// json-logic-js over the demo tables built in-process (order fields derived by a plain loop).

const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

function writeTable(t: ColumnarTable, file: string): void {
  const names = t.fields.map((f) => f.name)
  writeFileSync(file, toCsv(names, rowsOf(t).map((r) => names.map((n) => csvCell(r[n])))))
}

let n = 0
const c = (field: string, op: Condition['op'], value?: Condition['value'], fieldType?: Condition['fieldType']): Condition =>
  ({ kind: 'condition', id: `c${++n}`, field, op, ...(value !== undefined ? { value } : {}), ...(fieldType ? { fieldType } : {}) })
const g = (combinator: 'and' | 'or', children: RuleNode[], not = false): Group =>
  ({ kind: 'group', id: `g${++n}`, combinator, children, ...(not ? { not } : {}) })
const seg = (id: string, name: string, rule: Group): Segment => ({ id, ruleSetId: 'rs', name, color: '#2f6fed', rule, createdAt: 1, updatedAt: 1 })

const SEGMENTS: Segment[] = [
  seg('s1', '女性金卡以上', g('and', [c('gender', 'any_of', ['女'], 'category'), c('member_level', 'any_of', ['金卡', '钻石'], 'category')])),
  seg('s2', '高价值/VIP', g('and', [c('total_amount', 'ge', 3000), c('last_order_date', 'in_last_days', 90)])),
  seg('s3', 'young or unknown age', g('or', [c('age', 'lt', 25), c('age', 'is_empty')])),
  seg('s4', '美妆·非广东', g('and', [c('tags', 'any_of', ['美妆'], 'list'), g('or', [c('province', 'any_of', ['广东'], 'category')], true)])),
  seg('s5', '沉睡', g('or', [c('days_since_last_order', 'between', [180, 365]), c('order_count', 'eq', 0)])),
  seg('s6', 'SMS only', g('and', [c('sms_opt_in', 'is_true'), c('email_opt_in', 'is_false'), c('tags', 'none_of', ['学生'], 'list')])),
  seg('s7', '老会员高客单', g('and', [c('signup_date', 'before', '2022-01-01'), c('avg_amount', 'gt', 200), c('city', 'none_of', ['上海'], 'category')])),
  seg('s8', 'id contains 12', g('and', [c('customer_id', 'contains', '12')])),
  seg('s9', 'Everyone', g('and', [])),
]

const pos = { x: 0, y: 0 }
const FLOW: Flow = {
  id: 'f1', ruleSetId: 'rs', name: '复购策略', createdAt: 1, updatedAt: 1,
  nodes: [
    { id: 'entry', type: 'entry', position: pos, data: { segmentId: null } },
    {
      id: 'split', type: 'split', position: pos,
      data: { branches: [{ id: 'b1', label: '大客户', rule: g('and', [c('total_amount', 'ge', 5000)]) }, { id: 'b2', label: '近期', rule: g('and', [c('last_order_date', 'in_last_days', 30)]) }] },
    },
    { id: 'a1', type: 'action', position: pos, data: { name: 'VIP 礼遇', channel: 'call', offer: 'upgrade' } },
    { id: 'a2', type: 'action', position: pos, data: { name: '复购券', channel: 'coupon', offer: '满200减20' } },
    { id: 'a3', type: 'action', position: pos, data: { name: '唤醒短信', channel: 'sms', offer: '' } },
  ],
  edges: [
    { id: 'e0', source: 'entry', target: 'split' },
    { id: 'e1', source: 'split', sourceHandle: 'b1', target: 'a1' },
    { id: 'e2', source: 'split', sourceHandle: 'b2', target: 'a2' },
    { id: 'e3', source: 'split', sourceHandle: 'else', target: 'a3' },
  ],
}

const DERIVED: FieldMeta[] = [
  { name: 'order_count', type: 'number' }, { name: 'total_amount', type: 'number' }, { name: 'avg_amount', type: 'number' },
  { name: 'last_order_date', type: 'date', dateFormat: 'date' }, { name: 'days_since_last_order', type: 'number' },
]

describe('npm run segment on the demo export', () => {
  const dir = tempDir()
  const out = join(dir, 'members')
  let file: RuleSetFile
  let rows: Row[]
  let result: JsonResult

  beforeAll(() => {
    const demo = generateDemo()
    writeTable(demo.customers.table, join(dir, 'customers.csv'))
    writeTable(demo.orders.table, join(dir, 'orders.csv'))
    file = buildRuleSetFile('演示规则', SEGMENTS, [FLOW], [...CUSTOMER_FIELDS, ...DERIVED])
    writeFileSync(join(dir, 'demo.segmentflow.json'), JSON.stringify(file, null, 2))
    const cols = { customerId: 'customer_id', orderCustomerId: 'customer_id', date: 'order_date', amount: 'amount' }
    rows = withOrderFields(rowsOf(demo.customers.table), rowsOf(demo.orders.table), cols, DEMO_AS_OF)
    result = jsonOf(runSegment([
      '--rules', join(dir, 'demo.segmentflow.json'), '--data', join(dir, 'customers.csv'), '--events', join(dir, 'orders.csv'),
      '--as-of', '2026-06-30', '--out', out, '--json',
    ]))
  }, 180_000)

  it('counts every segment as json-logic-js does, row by row', () => {
    expect(result.customers).toBe(rows.length)
    expect(result.asOf).toBe('2026-06-30')
    const expected = file.segments.map((s) => {
      const count = referenceMembers(rows, s.logic, DEMO_AS_OF).length
      return { name: s.name, count, share: count / rows.length }
    })
    expect(result.segments.map(({ name, count, share }) => ({ name, count, share }))).toEqual(expected)
    // Every segment but "Everyone" is a real cut of the customers: the comparison is not vacuous.
    for (const s of expected.slice(0, -1)) expect(s.count).toBeGreaterThan(0)
    for (const s of expected.slice(0, -1)) expect(s.count).toBeLessThan(rows.length)
  })

  it('writes every segment\'s member ids, in row order, to a safely named CSV with a BOM', () => {
    expect(result.segments[1].file).toBe(join(out, '高价值_VIP.csv'))
    file.segments.forEach((s, i) => {
      const written = readMemberFile(result.segments[i].file!)
      expect(written.bom).toBe(true)
      expect(written.header).toEqual(['customer_id'])
      expect(written.ids).toEqual(idsOf(referenceMembers(rows, s.logic, DEMO_AS_OF), 'customer_id'))
    })
  })

  it('routes the flow as its compiled JSON-logic does', () => {
    const segmentLogic = Object.fromEntries(file.segments.map((s) => [s.id, s.logic]))
    const routed = referenceValues(rows, compileFlow(FLOW, segmentLogic), DEMO_AS_OF)
    const actions = FLOW.nodes.flatMap((node) => (node.type === 'action' ? [node] : []))
    const expected = actions.map((a) => {
      const count = routed.filter((v) => v === a.id).length
      return { name: a.data.name, count, share: count / rows.length }
    })
    expect(result.flows).toEqual([{ name: '复购策略', audience: rows.length, actions: expected }])
    for (const a of expected) expect(a.count).toBeGreaterThan(0)
  })
})
