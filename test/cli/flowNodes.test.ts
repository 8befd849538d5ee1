import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CUSTOMER_FIELDS, DEMO_AS_OF, generateDemo } from '../../src/core/demo/generateDemo'
import { rowAt } from '../../src/core/engine/columns'
import type { Row } from '../../src/core/engine/columns'
import { compileFlow } from '../../src/core/flows/compileFlow'
import type { Flow } from '../../src/core/flows/types'
import { buildRuleSetFile } from '../../src/core/io/ruleSetFile'
import { csvCell, toCsv } from '../../src/core/io/toCsv'
import type { Group } from '../../src/core/logic/types'
import { referenceBucket } from '../unit/flows/bucketReference'
import { referenceValues } from './reference'
import { jsonOf, runSegment, tempDir } from './runSegment'
import type { JsonResult } from './runSegment'

// The CLI routes a flow with an inline-rule entry, a filter and a 90 / 10 random split exactly as the
// app's core and a reference implementation of the documented hash (FNV-1a, test/unit/flows/bucketReference.ts).

const pos = { x: 0, y: 0 }
const rule = (children: Group['children']): Group => ({ kind: 'group', id: `g${children.length}`, combinator: 'and', children })
const FLOW: Flow = {
  id: 'f1', ruleSetId: 'rs', name: '对照实验', createdAt: 1, updatedAt: 1,
  nodes: [
    { id: 'entry', type: 'entry', position: pos, data: { segmentId: null, rule: rule([{ kind: 'condition', id: 'c1', field: 'age', op: 'ge', value: 30, fieldType: 'number' }]) } },
    { id: 'filter', type: 'filter', position: pos, data: { label: '可发短信', rule: rule([{ kind: 'condition', id: 'c2', field: 'sms_opt_in', op: 'is_true', fieldType: 'boolean' }]) } },
    {
      id: 'rand', type: 'random', position: pos,
      data: { seed: 'spring-2026', idField: 'customer_id', branches: [{ id: 't', label: '实验组', basisPoints: 9000 }, { id: 'k', label: '对照组', basisPoints: 1000, control: true }] },
    },
    { id: 'aT', type: 'action', position: pos, data: { name: '优惠券', channel: 'coupon', offer: '满200减20', costPerCustomer: 2, valuePerCustomer: 15 } },
    { id: 'aK', type: 'action', position: pos, data: { name: '不发送（对照）', channel: 'sms', offer: '' } },
  ],
  edges: [
    { id: 'e0', source: 'entry', target: 'filter' },
    { id: 'e1', source: 'filter', target: 'rand' },
    { id: 'e2', source: 'rand', sourceHandle: 't', target: 'aT' },
    { id: 'e3', source: 'rand', sourceHandle: 'k', target: 'aK' },
  ],
}

describe('npm run segment with a random split, a filter and an inline entry rule', () => {
  const dir = tempDir()
  let rows: Row[]
  let result: JsonResult

  beforeAll(() => {
    const table = generateDemo().customers.table
    rows = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
    const names = table.fields.map((f) => f.name)
    writeFileSync(join(dir, 'customers.csv'), toCsv(names, rows.map((r) => names.map((n) => csvCell(r[n])))))
    const file = buildRuleSetFile('实验', [], [FLOW], [...CUSTOMER_FIELDS])
    writeFileSync(join(dir, 'rules.segmentflow.json'), JSON.stringify(file))
    result = jsonOf(runSegment([
      '--rules', join(dir, 'rules.segmentflow.json'), '--data', join(dir, 'customers.csv'), '--id', 'customer_id', '--as-of', '2026-06-30', '--json',
    ]))
  }, 180_000)

  it('counts per action equal a naive loop with the reference hash, and the compiled JSON-logic', () => {
    const passing = rows.filter((r) => typeof r.age === 'number' && r.age >= 30 && r.sms_opt_in === true)
    const control = passing.filter((r) => referenceBucket(String(r.customer_id), 'spring-2026') >= 9000).length
    const routed = referenceValues(rows, compileFlow(FLOW, {}), DEMO_AS_OF)
    expect(routed.filter((v) => v === 'aK').length).toBe(control)
    expect(result.flows).toEqual([{
      name: '对照实验', audience: rows.filter((r) => typeof r.age === 'number' && r.age >= 30).length,
      actions: [
        { name: '优惠券', count: passing.length - control, share: (passing.length - control) / rows.length },
        { name: '不发送（对照）', count: control, share: control / rows.length },
      ],
    }])
    // About 10 % of those passing the filter are in the control group (not vacuous).
    expect(Math.abs(control / passing.length - 0.1)).toBeLessThan(0.03)
  })
})
