import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { readSheet } from 'read-excel-file/universal'
import { rowAt, type ColumnarTable } from '../../../src/core/engine/columns'
import { DEMO_LINKS } from '../../../src/core/demo/generateDemo'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import type { FlowCounts, FlowGraph } from '../../../src/core/flows/types'
import { applyLogic, isTruthy, registerCustomOperations, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import type { ExportTableResult } from '../../../src/worker/exportProtocol'
import { transferList } from '../../../src/worker/exportProtocol'
import { createHarness, SMALL_DEMO_CUSTOMERS, SMALL_DEMO_SEED } from '../worker/harness'
import type { Harness } from '../worker/harness'
import { demoReference } from '../engine/answersReference'

// Expected values: json-logic-js row by row on the demo as core builds it, never the worker's engine.
let reference: { table: ColumnarTable; asOf: number }
beforeAll(() => {
  registerCustomOperations()
  reference = demoReference(SMALL_DEMO_SEED, SMALL_DEMO_CUSTOMERS)
})
let h: Harness
beforeEach(() => {
  h = createHarness()
})
afterEach(async () => {
  await h.db.delete()
})

const SPORTY: JsonLogic = { or: [{ list_any: [{ var: 'tags' }, ['运动', '旅行']] }, { '>': [{ var: 'total_amount' }, 2000] }] }
const older: Group = { kind: 'group', id: 'g', combinator: 'and', not: false, children: [{ kind: 'condition', id: 'c', field: 'age', op: 'ge', value: 40 }] }
const graph: FlowGraph = {
  nodes: [
    { id: 'entry', type: 'entry', position: { x: 0, y: 0 }, data: { segmentId: 'seg' } },
    { id: 'split', type: 'split', position: { x: 0, y: 1 }, data: { branches: [{ id: 'old', label: '高价值客户', rule: older }] } },
    { id: 'a', type: 'action', position: { x: 0, y: 2 }, data: { name: '=A', channel: 'sms', offer: 'x' } },
    { id: 'b', type: 'action', position: { x: 1, y: 2 }, data: { name: '短信', channel: 'email', offer: 'y' } },
  ],
  edges: [
    { id: 'e0', source: 'entry', target: 'split' },
    { id: 'e1', source: 'split', sourceHandle: 'old', target: 'a' },
    { id: 'e2', source: 'split', sourceHandle: 'else', target: 'b' },
  ],
}
const labels = { action: '动作', path: '路径', else: '其他客户' }
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

async function demoId(): Promise<string> {
  return (await h.call<{ datasetId: string }>('ensureDemo', {})).datasetId
}

function referenceRoutes(): Map<string, string> {
  setEvaluationAsOf(reference.asOf)
  const compiled = compileFlow(graph, { seg: SPORTY })
  const out = new Map<string, string>()
  for (let i = 0; i < reference.table.rowCount; i++) {
    const row = rowAt(reference.table, i)
    const to = applyLogic(compiled, row)
    if (to !== null) out.set(String(row[DEMO_LINKS.customerIdField]), to === 'a' ? "'=A" : '短信')
  }
  return out
}

describe('exportTable request', () => {
  it('exports assignments whose per-action counts equal the flow counts on the demo, customer by customer as json-logic-js routes', async () => {
    const id = await demoId()
    const counts = await h.call<FlowCounts>('flowCounts', { datasetId: id, graph, segmentLogic: { seg: SPORTY } })
    const r = await h.call<ExportTableResult>('exportTable', { datasetId: id, format: 'csv', spec: { kind: 'assignments', graph, segmentLogic: { seg: SPORTY }, labels } })
    expect(r.bytes).toBeInstanceOf(ArrayBuffer)
    expect(r.perAction).toEqual({ a: counts.nodes.a, b: counts.nodes.b })
    expect(r.perAction!.a).toBe(counts.edges.e1)
    const text = utf8.decode(r.bytes)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data
    expect(rows).toHaveLength(counts.edges.e1 + counts.edges.e2 + 1)
    const expected = referenceRoutes()
    expect(new Map(rows.slice(1).map((row) => [row[0], row[1]]))).toEqual(expected)
    expect(new Set(rows.slice(1).map((row) => row[2]))).toEqual(new Set(['高价值客户', '其他客户']))
  })

  it('exports a segment\'s members as xlsx with the id first and the chosen columns, progress reported', async () => {
    const id = await demoId()
    const seq = 4242
    const m = await h.send('exportTable', { datasetId: id, format: 'xlsx', spec: { kind: 'members', logic: SPORTY, fields: ['total_amount', 'gender'] } }, seq)
    expect(m.type).toBe('result')
    const r = (m as { result: ExportTableResult }).result
    setEvaluationAsOf(reference.asOf)
    const members = Array.from({ length: SMALL_DEMO_CUSTOMERS }, (_, i) => rowAt(reference.table, i)).filter((row) => isTruthy(applyLogic(SPORTY, row)))
    expect(r.rows).toBe(members.length)
    const sheet = await readSheet(r.bytes, { trim: false })
    const idField = DEMO_LINKS.customerIdField
    const order = reference.table.fields.map((f) => f.name).filter((n) => n === 'total_amount' || n === 'gender')
    expect(sheet[0]).toEqual([idField, ...order])
    expect(sheet.slice(1).map((row) => row[0])).toEqual(members.map((row) => row[idField]))
    expect(h.progressOf(seq).at(-1)).toEqual({ phase: 'export', done: members.length, total: members.length })
  })

  it('refuses an unknown column, and a GBK export of text GBK lacks names the row and field', async () => {
    const id = await demoId()
    const bad = await h.send('exportTable', { datasetId: id, format: 'csv', spec: { kind: 'members', logic: true, fields: ['nope'] } })
    expect(bad).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
    const emojiFlow: FlowGraph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'b' ? { ...n, data: { name: '短信😀', channel: 'sms', offer: '' } } : n)) } as FlowGraph
    const gbk = await h.send('exportTable', { datasetId: id, format: 'csv-gbk', spec: { kind: 'assignments', graph: emojiFlow, segmentLogic: { seg: SPORTY }, labels } })
    expect(gbk).toMatchObject({ type: 'error', error: { code: 'invalid', message: expect.stringMatching(/^Row \d+, field "动作": "😀"/) } })
  })

  it('writes GBK that decodes back to the UTF-8 file\'s text', async () => {
    const id = await demoId()
    const spec = { kind: 'assignments', graph, segmentLogic: { seg: SPORTY }, labels }
    const u = await h.call<ExportTableResult>('exportTable', { datasetId: id, format: 'csv', spec })
    const g = await h.call<ExportTableResult>('exportTable', { datasetId: id, format: 'csv-gbk', spec })
    expect(new TextDecoder('gbk').decode(g.bytes)).toBe(utf8.decode(u.bytes).slice(1))
  })

  it('stops on cancel and transfers the bytes of a result', async () => {
    const id = await demoId()
    h.onPost = (m) => {
      if (m.seq === 99 && m.type === 'progress') void h.dispatcher.handle({ type: 'cancel', seq: 99 })
    }
    const m = await h.send('exportTable', { datasetId: id, format: 'xlsx', spec: { kind: 'members', logic: true, fields: [] } }, 99)
    expect(m).toMatchObject({ type: 'error', error: { code: 'cancelled' } })
    const buffer = new ArrayBuffer(8)
    expect(transferList({ seq: 1, type: 'result', result: { bytes: buffer, rows: 0 } })).toEqual([buffer])
    expect(transferList({ seq: 1, type: 'result', result: { count: 1 } })).toEqual([])
  })
})
