import { describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import type { FlowGraph } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import type { FieldMeta } from '../../../src/core/fields/types'
import {
  assignmentSource, csvLines, EXPORT_BATCH, ExportCellError, exportColumns, flowRoutes, memberSource, selectedRows, writeExportFile,
} from '../../../src/core/io/exportTable'
import { toCsv } from '../../../src/core/io/toCsv'
import { applyLogic, registerCustomOperations } from '../../../src/core/logic/customOps'
import { Bitset, makeTable } from '../engine/helpers'
import { action, branch, cond, edge, entry, group, referenceEvaluator, split } from '../flows/fixtures'
import type { Customer } from '../flows/fixtures'

registerCustomOperations()
// ignoreBOM: keep the BOM in the text so the test can see it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

const FIELDS: FieldMeta[] = [
  { name: 'id', type: 'text' }, { name: 'name', type: 'text' }, { name: 'amount', type: 'number' },
  { name: 'tags', type: 'list' }, { name: 'joined', type: 'date' },
]
const table = makeTable(FIELDS, [
  { id: 'C1', name: '张三', amount: 10, tags: ['a', 'b'], joined: '2026-01-02' },
  { id: 'C2', name: '=1+1', amount: -5, tags: null, joined: null },
  { id: 'C3', name: null, amount: null, tags: [], joined: '2025-12-31' },
  { id: null, name: 'x,"y"', amount: 2.5, tags: ['c'], joined: '2026-02-01' },
])

describe('member exports', () => {
  it('writes the id first, chosen columns in table order, missing values as empty cells, formulas neutralised', async () => {
    const cols = exportColumns(table, 'id', ['joined', 'name', 'id', 'tags'])
    expect(cols).toEqual(['id', 'name', 'tags', 'joined'])
    const bits = new Bitset(4)
    ;[0, 1, 3].forEach((i) => bits.set(i))
    const bytes = await writeExportFile('csv', memberSource(table, selectedRows(bits), cols))
    const text = utf8.decode(bytes)
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).toBe('\uFEFFid,name,tags,joined\r\nC1,张三,a|b,2026-01-02\r\nC2,"\'=1+1",,\r\n,"x,""y""",c,2026-02-01')
    // Same bytes as the app's one-shot CSV writer.
    expect(text).toBe(toCsv(cols, [['C1', '张三', 'a|b', '2026-01-02'], ['C2', '=1+1', null, null], [null, 'x,"y"', 'c', '2026-02-01']]))
  })

  it('refuses unknown fields', () => {
    expect(() => exportColumns(table, 'id', ['nope'])).toThrow('Unknown field "nope"')
  })

  it('keeps numbers as numbers: -5 is not prefixed', () => {
    expect(csvLines([[-5, '-5', '@a', '\tb']])).toBe('-5,"\'-5","\'@a","\'\tb"')
  })

  it('writes GBK that decodes back, and names the row and field of a character GBK lacks', async () => {
    const all = Bitset.full(4)
    const src = memberSource(table, selectedRows(all), ['id', 'name'])
    const bytes = await writeExportFile('csv-gbk', src)
    expect(new TextDecoder('gbk').decode(bytes)).toBe('id,name\r\nC1,张三\r\nC2,"\'=1+1"\r\nC3,\r\n,"x,""y"""')
    const emoji = makeTable([{ name: 'id', type: 'text' }, { name: 'note', type: 'text' }], [{ id: 'a', note: 'ok' }, { id: 'b', note: '好😀' }])
    const run = writeExportFile('csv-gbk', memberSource(emoji, selectedRows(Bitset.full(2)), ['id', 'note']))
    await expect(run).rejects.toThrow(ExportCellError)
    await expect(run).rejects.toThrow('Row 2, field "note": "😀" (U+1F600)')
  })

  it('reports progress per batch and writes every row across batches', async () => {
    const n = EXPORT_BATCH * 2 + 7
    const steps: number[] = []
    const src = { header: ['k'], rowCount: n, row: (k: number) => [k] }
    const text = utf8.decode(await writeExportFile('csv', src, async (done) => void steps.push(done)))
    expect(steps).toEqual([EXPORT_BATCH, EXPORT_BATCH * 2, n])
    const lines = text.split('\r\n')
    expect(lines).toHaveLength(n + 1)
    expect(lines[n]).toBe(String(n - 1))
  })
})

const data: Customer[] = Array.from({ length: 83 }, (_, i) => ({
  age: i % 9 === 0 ? null : 18 + ((i * 13) % 60),
  city: ['北京', '上海', '广州', null][i % 4],
  vip: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
}))
const customerTable = makeTable(
  [{ name: 'cid', type: 'text' }, { name: 'age', type: 'number' }, { name: 'city', type: 'category' }, { name: 'vip', type: 'boolean' }],
  data.map((c, i) => ({ cid: `K${i}`, ...c })),
)

// Two splits, and an action reached by two paths (a merge), from a segment entry.
const graph: FlowGraph = {
  nodes: [
    entry('e', 'seg'), split('s1', [branch('old', group([cond('age', 'ge', 40)]), '高价值客户')]),
    split('s2', [branch('vip', group([cond('vip', 'is_true')]), 'VIP')]), action('push', '推送'), action('call', '回访'),
  ],
  edges: [
    edge('1', 'e', 's1'), edge('2', 's1', 'push', 'old'), edge('3', 's1', 's2', ELSE_HANDLE),
    edge('4', 's2', 'push', 'vip'), edge('5', 's2', 'call', ELSE_HANDLE),
  ],
}
const segmentLogic = { seg: { '!=': [{ var: 'city' }, '广州'] } }

describe('flow assignments', () => {
  it('gives per-action counts equal to the flow counts and routes each customer as the compiled flow does', async () => {
    const evaluate = referenceEvaluator(data)
    const routes = flowRoutes(graph, evaluate, data.length, segmentLogic, '其他')
    const { source, perAction } = assignmentSource(customerTable, 'cid', graph, routes, { action: '动作', path: '路径' })
    const counts = computeFlowCounts(graph, evaluate, data.length, segmentLogic)
    expect(perAction).toEqual({ push: counts.nodes.push, call: counts.nodes.call })
    expect(counts.nodes.push).toBeGreaterThan(0)
    const text = utf8.decode(await writeExportFile('csv', source)).slice(1)
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data
    expect(rows[0]).toEqual(['cid', '动作', '路径'])
    // Independent reference: json-logic-js on the compiled flow, customer by customer, with the path by hand.
    const compiled = compileFlow(graph, segmentLogic)
    const expected: string[][] = []
    data.forEach((c, i) => {
      const to = applyLogic(compiled, c)
      if (to === null) return
      const old = c.age !== null && c.age >= 40
      const path = old ? '高价值客户' : c.vip === true ? '其他 > VIP' : '其他 > 其他'
      expected.push([`K${i}`, to === 'push' ? '推送' : '回访', path])
    })
    expect(rows.slice(1)).toEqual(expected)
  })

  it('exports nobody for a flow without an entry, and the edge sets of a flow whose entry is everyone', () => {
    const none = flowRoutes({ nodes: [action('a')], edges: [] }, referenceEvaluator(data), data.length, {}, 'x')
    expect(none).toEqual([])
    const all = flowRoutes({ nodes: [entry('e'), action('a')], edges: [edge('1', 'e', 'a')] }, referenceEvaluator(data), data.length, {}, 'x')
    expect(all.map((r) => [r.actionId, r.path, r.set.count()])).toEqual([['a', [], data.length]])
  })
})

describe('flow assignments through filters and random splits', () => {
  it('agrees with the flow counts and json-logic-js, with the control group in the path', async () => {
    const g: FlowGraph = {
      nodes: [
        entry('e'),
        { id: 'f', type: 'filter', position: { x: 0, y: 0 }, data: { label: '有年龄', rule: group([cond('age', 'not_empty')]) } },
        {
          id: 'r', type: 'random', position: { x: 0, y: 0 },
          data: { seed: 's1', idField: 'cid', branches: [{ id: 'ctl', label: '对照组', basisPoints: 1000, control: true }, { id: 'tr', label: '实验组', basisPoints: 9000 }] },
        },
        action('hold', '不发送'), action('send', '发券'),
      ],
      edges: [edge('1', 'e', 'f'), edge('2', 'f', 'r'), edge('3', 'r', 'hold', 'ctl'), edge('4', 'r', 'send', 'tr')],
    }
    const rows = data.map((c, i) => ({ cid: `K${i}`, ...c }))
    const evaluate = referenceEvaluator(rows as unknown as Customer[])
    const routes = flowRoutes(g, evaluate, rows.length, {}, '其他')
    const { source, perAction } = assignmentSource(customerTable, 'cid', g, routes, { action: 'a', path: 'p' })
    const counts = computeFlowCounts(g, evaluate, rows.length, {})
    expect(perAction.hold ?? 0).toBe(counts.nodes.hold)
    expect(perAction.send ?? 0).toBe(counts.nodes.send)
    expect(counts.nodes.hold + counts.nodes.send).toBe(data.filter((c) => c.age !== null).length)
    const compiled = compileFlow(g, {})
    const expected = rows.flatMap((row) => {
      const to = applyLogic(compiled, row)
      return to === null ? [] : [[row.cid, to === 'hold' ? '不发送' : '发券', to === 'hold' ? '对照组' : '实验组']]
    })
    const text = utf8.decode(await writeExportFile('csv', source)).slice(1)
    expect(Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1)).toEqual(expected)
  })
})
