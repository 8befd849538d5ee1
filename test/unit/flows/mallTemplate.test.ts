import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rowAt, type Row } from '../../../src/core/engine/columns'
import { recentCategoryByCustomer } from './recentCategoryReference'
import { DEMO_LINKS } from '../../../src/core/demo/generateDemo'
import type { DemoDataset } from '../../../src/core/demo/generateDemo'
import { buildMallFlow, mallDerivedField, recentCategoryFieldName } from '../../../src/core/flows/flowTemplates'
import type { MallFlowTexts } from '../../../src/core/flows/flowTemplates'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { computeBranchChecks } from '../../../src/core/flows/flowChecks'
import { Bitset } from '../../../src/core/engine/bitset'
import type { JsonLogic } from '../../../src/core/logic/types'
import type { FlowCounts } from '../../../src/core/flows/types'
import { applyLogic, isTruthy, registerCustomOperations, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { ValueCount } from '../../../src/core/engine/query'
import { getDerivations } from '../../../src/db/derivations'
import { listDatasets, loadTable } from '../../../src/db/datasets'
import { createHarness, smallDemo } from '../worker/harness'
import type { Harness } from '../worker/harness'

// The mall template (DOMAIN.md "Mall": category buyers → category push) end to end through the real
// worker on the small demo: the "recent category" field is derived from the orders, the flow splits
// on its most common values, and json-logic-js routes each customer to the push of the category an
// independent loop over the raw orders finds they bought most in the window.

const DAYS = 90
const texts: MallFlowTexts = {
  label: (c) => `L:${c}`, action: (c) => `push:${c}`, offer: (c) => `O:${c}`, elseAction: 'else', elseOffer: 'O:else',
}

let demo: DemoDataset
beforeAll(() => {
  demo = smallDemo()
  registerCustomOperations()
})
let h: Harness
beforeEach(() => {
  h = createHarness()
})
afterEach(async () => {
  await h.db.delete()
})

describe('mall flow template', () => {
  it('derives the recent category, splits on its top values and routes each customer to their category push', async () => {
    const { datasetId } = await h.call<{ datasetId: string }>('ensureDemo', {})
    const events = (await listDatasets(h.db)).find((d) => d.kind === 'events' && d.parentId === datasetId)!
    const def = mallDerivedField({ events: events.id, categoryField: 'category', dateField: DEMO_LINKS.dateField, days: DAYS }, '近90天主要品类')
    expect(def.name).toBe(recentCategoryFieldName(DAYS))
    await h.call('deriveFields', { datasetId, definitions: [...await getDerivations(datasetId, h.db), def] })

    const top = (await h.call<Record<string, ValueCount[]>>('fieldValues', { datasetId, fields: [def.name], limit: 4 }))[def.name]
    expect(top.length).toBe(4)
    const graph = buildMallFlow(def.name, 'category', top.map((v) => v.value), texts)
    expect(validateFlow(graph, [])).toEqual([])

    // Routing by json-logic-js over the stored rows against the loop over the raw orders.
    const table = await loadTable(datasetId, h.db)
    const rows: Row[] = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
    const recent = recentCategoryByCustomer(demo, DAYS)
    const listed = new Set(top.map((v) => v.value))
    setEvaluationAsOf(demo.asOf)
    const logic = compileFlow(graph, {})
    const names = new Map(graph.nodes.map((n) => [n.id, n.type === 'action' ? n.data.name : '']))
    const got = rows.map((r) => names.get(applyLogic(logic, r) as string))
    const want = rows.map((r) => {
      const c = recent.get(String(r.customer_id))
      return c !== undefined && listed.has(c) ? `push:${c}` : 'else'
    })
    expect(got).toEqual(want)
    // Not vacuous: every listed category has customers, and some customers go elsewhere.
    for (const v of top) expect(want.filter((w) => w === `push:${v.value}`).length).toBe(v.count)
    expect(want.filter((w) => w === 'else').length).toBeGreaterThan(0)

    // The worker's live counts agree, and the branches never overlap (one push per customer).
    const counts = await h.call<FlowCounts>('flowCounts', { datasetId, graph, segmentLogic: {} })
    for (const n of graph.nodes) if (n.type === 'action') expect(counts.nodes[n.id]).toBe(want.filter((w) => w === n.data.name).length)
    const evaluate = (l: JsonLogic): Bitset => {
      const set = new Bitset(rows.length)
      rows.forEach((r, i) => isTruthy(applyLogic(l, r)) && set.set(i))
      return set
    }
    const checks = Object.values(computeBranchChecks(graph, evaluate, rows.length, {}))
    expect(checks.length).toBe(1)
    expect(checks[0].branches.map((b) => b.overlap)).toEqual(top.map(() => 0))
    expect(checks[0].branches.map((b) => b.customers)).toEqual(top.map((v) => v.count))
    const channels = graph.nodes.flatMap((n) => (n.type === 'action' ? [n.data.channel] : []))
    expect(channels).toEqual([...top.map(() => 'app_push'), 'email'])
  })
})
