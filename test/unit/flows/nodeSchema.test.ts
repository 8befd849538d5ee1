import { describe, expect, it } from 'vitest'
import { flowGraphSchema } from '../../../src/db/schemas'
import { cleanActionData, cleanEntryData, cleanRandomData } from '../../../src/core/flows/nodeData'
import type { FlowGraph } from '../../../src/core/flows/types'

const at = { x: 0, y: 0 }
const rule = { kind: 'group' as const, id: 'g', combinator: 'and' as const, children: [] }
const graph: FlowGraph = {
  nodes: [
    { id: 'e', type: 'entry', position: at, data: { segmentId: null, rule } },
    { id: 'f', type: 'filter', position: at, data: { label: 'opt-in', rule } },
    { id: 'r', type: 'random', position: at, data: { seed: 's', idField: 'customer_id', branches: [{ id: 't', label: 'T', basisPoints: 9000 }, { id: 'k', label: '对照组', basisPoints: 1000, control: true }] } },
    { id: 'a', type: 'action', position: at, data: { name: 'A', channel: 'coupon', offer: '', costPerCustomer: 1.5, valuePerCustomer: 4 } },
  ],
  edges: [],
}

describe('stored and transferred flow nodes', () => {
  it('the flow schema (worker messages, stored flows) accepts every node type with its new fields', () => {
    expect(flowGraphSchema.parse(graph)).toEqual(graph)
  })

  it('refuses a share over 100 % in one branch, a negative cost and an empty id field', () => {
    const bad = (i: number, data: object) => ({ ...graph, nodes: graph.nodes.map((n, j) => (j === i ? { ...n, data: { ...n.data, ...data } } : n)) })
    expect(flowGraphSchema.safeParse(bad(2, { branches: [{ id: 't', label: 'T', basisPoints: 10_001 }] })).success).toBe(false)
    expect(flowGraphSchema.safeParse(bad(3, { costPerCustomer: -1 })).success).toBe(false)
    expect(flowGraphSchema.safeParse(bad(2, { idField: '' })).success).toBe(false)
  })

  it('clean copies keep known keys only and omit unset optional ones', () => {
    expect(cleanEntryData({ segmentId: 's', extra: 1 } as never, (g) => g)).toEqual({ segmentId: 's' })
    expect(cleanActionData({ name: 'A', channel: 'sms', offer: '', junk: true } as never)).toEqual({ name: 'A', channel: 'sms', offer: '' })
    expect(cleanRandomData({ seed: 's', idField: 'id', branches: [{ id: 'x', label: 'X', basisPoints: 5, control: false }] }))
      .toEqual({ seed: 's', idField: 'id', branches: [{ id: 'x', label: 'X', basisPoints: 5 }] })
  })
})
