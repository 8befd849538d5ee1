import { describe, expect, it } from 'vitest'
import { buildFlowTemplate } from '../../../src/core/flows/flowTemplates'
import type { FlowTemplateTexts } from '../../../src/core/flows/flowTemplates'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import type { FlowGraph } from '../../../src/core/flows/types'
import type { FieldMeta } from '../../../src/core/fields/types'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'
import { Bitset } from '../../../src/core/engine/bitset'
import type { JsonLogic } from '../../../src/core/logic/types'

const texts: FlowTemplateTexts = {
  label: (k) => `L:${k}`, action: (k) => `A:${k}`, offer: (k) => `O:${k}`, elseAction: 'A:else', elseOffer: 'O:else',
}

type Row = Record<string, number | null>

/** The action NAME each row reaches through the compiled flow (null: none). */
function route(graph: FlowGraph, rows: Row[]): (string | null)[] {
  const logic = compileFlow(graph, {})
  const names = new Map(graph.nodes.map((n) => [n.id, n.type === 'action' ? n.data.name : null]))
  return rows.map((r) => {
    const id = applyLogic(logic, r) as string | null
    return id === null ? null : names.get(id) ?? null
  })
}

function evaluator(rows: Row[]) {
  return (logic: JsonLogic) => {
    const set = new Bitset(rows.length)
    rows.forEach((r, i) => isTruthy(applyLogic(logic, r)) && set.set(i))
    return set
  }
}

describe('flow templates', () => {
  it('hotel: regular guests with an invoice get "stay 3, get 1", regular self-payers discounted rooms', () => {
    const fields: FieldMeta[] = [{ name: 'guest_id', type: 'text' }, { name: 'months_stayed_last_3', type: 'number' }, { name: 'invoice_stays', type: 'number' }]
    const result = buildFlowTemplate('hotel', fields, texts)
    if (!result.graph) throw new Error(result.problems.join())
    const g = result.graph
    expect(validateFlow(g, [])).toEqual([])
    const rows: Row[] = [
      { months_stayed_last_3: 3, invoice_stays: 2 }, // regular, invoice → business
      { months_stayed_last_3: 3, invoice_stays: 0 }, // regular, no invoice → self-pay
      { months_stayed_last_3: 3, invoice_stays: null }, // no invoice information counts as paying themselves
      { months_stayed_last_3: 1, invoice_stays: 5 }, // not regular → everyone else
      { months_stayed_last_3: null, invoice_stays: 5 }, // missing frequency fails "≥ 3" → everyone else
    ]
    expect(route(g, rows)).toEqual(['A:business', 'A:selfPay', 'A:selfPay', 'A:else', 'A:else'])
    const actions = g.nodes.filter((n) => n.type === 'action').map((n) => n.type === 'action' && [n.data.name, n.data.channel, n.data.offer])
    expect(actions).toEqual([['A:business', 'wechat', 'O:business'], ['A:selfPay', 'coupon', 'O:selfPay'], ['A:else', 'sms', 'O:else']])
    // The worker's counting agrees with the compiled routing.
    const counts = computeFlowCounts(g, evaluator(rows), rows.length, {})
    const byName = Object.fromEntries(g.nodes.map((n) => [n.type === 'action' ? n.data.name : n.id, counts.nodes[n.id]]))
    expect([byName['A:business'], byName['A:selfPay'], byName['A:else']]).toEqual([1, 2, 2])
  })

  it('lifecycle win-back: one branch per stage, disjoint, on a days-since field', () => {
    const fields: FieldMeta[] = [{ name: 'days_since_last_order', type: 'number' }]
    const result = buildFlowTemplate('lifecycle', fields, texts)
    if (!result.graph) throw new Error(result.problems.join())
    const split = result.graph.nodes.find((n) => n.type === 'split')
    expect(split?.type === 'split' && split.data.branches.map((b) => b.label)).toEqual(['L:active', 'L:atRisk', 'L:lost', 'L:never'])
    const rows: Row[] = [{ days_since_last_order: 10 }, { days_since_last_order: 90 }, { days_since_last_order: 179 }, { days_since_last_order: 180 }, { days_since_last_order: null }]
    // Defaults: active < 90 days, at risk 90–179, lost ≥ 180, never bought = missing.
    expect(route(result.graph, rows)).toEqual(['A:active', 'A:atRisk', 'A:atRisk', 'A:lost', 'A:never'])
    const lost = result.graph.nodes.find((n) => n.type === 'action' && n.data.name === 'A:lost')
    expect(lost?.type === 'action' && lost.data.channel).toBe('call')
  })

  it('reports the missing fields instead of building a flow', () => {
    expect(buildFlowTemplate('hotel', [{ name: 'age', type: 'number' }], texts)).toEqual({ graph: null, problems: ['missing:regular', 'missing:invoice'] })
    expect(buildFlowTemplate('lifecycle', [], texts)).toEqual({ graph: null, problems: ['missing:last'] })
  })
})
