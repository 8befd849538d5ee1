import { describe, expect, it } from 'vitest'
import { computeRfmAnalysis } from '../../../src/core/analysis/rfmClasses'
import { guessValueFields, valueColumns } from '../../../src/core/analysis/rfmFields'
import { classFlowGraph, rfmFlowGraph } from '../../../src/core/analysis/rfmFlow'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { rowAt } from '../../../src/core/engine/columns'
import { applyLogic, registerCustomOperations } from '../../../src/core/logic/customOps'
import { noPurchaseRule, rfmClassRule } from '../../../src/core/analysis/rfmRules'
import { rfmColumn, RFM_CLASSES } from '../../../src/core/derive/rfm'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { generateHotelDemo, hotelGuestsWithStays } from '../../../src/core/demo/generateHotelDemo'
import { FIELDS, retailCustomers, ruleMembers, valueTable } from './valueFixtures'

// Buyers A, B, C, D, G; means over them: recency 25, frequency 3, monetary 250. G sits exactly on every
// mean, C and D on the frequency mean, C on the monetary mean: equal counts as low (DOMAIN.md).
const table = valueTable([
  ['A', 10, 5, 500], ['B', 20, 1, 100], ['C', 30, 3, 250], ['D', 40, 3, 150],
  ['E', null, 0, 0], ['F', null, null, null], ['G', 25, 3, 250], ['H', 5, 0, 0],
])

describe('RFM value classes', () => {
  const a = computeRfmAnalysis(valueColumns(table, FIELDS))

  it('classifies against the buyers\' means, ties at the mean counting as low', () => {
    expect(a.means).toEqual({ recency: 25, frequency: 3, monetary: 250 })
    expect(a.buyers).toBe(5)
    // 重要价值 = A; 一般发展 (R high, F low, M low) = B; 一般挽留 = C, D, G.
    expect(a.classes.map((c) => c.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 3])
    expect(a.classes.map((c) => c.revenue)).toEqual([500, 0, 0, 0, 0, 100, 0, 650])
    expect(a.noPurchase).toEqual({ count: 3, revenue: 0 })
    expect(a.totalRevenue).toBe(1250)
    expect(a.total).toBe(8)
  })

  it('scores quintiles as core/derive does (ties share the score)', () => {
    expect(a.cells.map((c) => `${c.r}${c.f}${c.m}:${c.count}`)).toEqual(['122:1', '223:1', '323:1', '411:1', '555:1'])
    expect(a.rf[(5 - 1) * 5 + 5 - 1]).toEqual({ count: 1, revenue: 500 })
    expect(a.rf[(2 - 1) * 5 + 2 - 1]).toEqual({ count: 1, revenue: 250 })
    expect(a.rf.reduce((s, c) => s + c.count, 0)).toBe(5)
  })

  it('each class rule selects exactly that class (Engine and json-logic-js), the derived class field agrees', () => {
    const derived = rfmColumn('class', { ...valueColumns(table, FIELDS) }) as { codes: Int32Array }
    RFM_CLASSES.forEach((_, k) => {
      const expected = [...derived.codes].flatMap((c, i) => (c === k ? [i] : []))
      expect(ruleMembers(table, rfmClassRule(FIELDS, a.means, k)), RFM_CLASSES[k]).toEqual(expected)
      expect(expected.length).toBe(a.classes[k].count)
    })
    expect(ruleMembers(table, noPurchaseRule(FIELDS))).toEqual([4, 5, 7])
  })

  it.each(['retail', 'hotel'])('matches naive loops on the %s demo, and every class rule selects its count', (which) => {
    const t = which === 'retail' ? retailCustomers() : hotelGuestsWithStays(generateHotelDemo(undefined, 1500))
    const fields = guessValueFields(t.fields)!
    expect(fields).toEqual(which === 'retail'
      ? { recency: 'days_since_last_order', frequency: 'order_count', monetary: 'total_amount' }
      : { recency: 'days_since_last_stay', frequency: 'stay_count', monetary: 'total_amount' })
    const res = computeRfmAnalysis(valueColumns(t, fields))
    const rows = Array.from({ length: t.rowCount }, (_, i) => ({
      r: (t.columns[fields.recency] as { values: Float64Array }).values[i],
      f: (t.columns[fields.frequency] as { values: Float64Array }).values[i],
      m: (t.columns[fields.monetary] as { values: Float64Array }).values[i],
    }))
    const buyers = rows.filter((x) => !Number.isNaN(x.r) && !Number.isNaN(x.m) && x.f > 0)
    const mean = (k: 'r' | 'f' | 'm'): number => buyers.reduce((s, x) => s + x[k], 0) / buyers.length
    const top = buyers.filter((x) => x.r < mean('r') && x.f > mean('f') && x.m > mean('m')).length
    expect(res.classes[0].count).toBe(top)
    expect(res.noPurchase.count).toBe(t.rowCount - buyers.length)
    res.classes.forEach((c, k) => expect(ruleMembers(t, rfmClassRule(fields, res.means, k)).length).toBe(c.count))
  })

  it('builds a valid flow with one branch and one action (offer = strategy) per class', () => {
    const graph = classFlowGraph(RFM_CLASSES.map((name, k) => ({ label: name, rule: rfmClassRule(FIELDS, a.means, k), action: name, offer: `offer ${k}` })), { name: 'else', offer: '' })
    expect(validateFlow(graph, [])).toEqual([])
    const actions = graph.nodes.filter((n) => n.type === 'action')
    expect(actions).toHaveLength(9)
    expect(actions.map((n) => (n.data as { offer: string }).offer).slice(0, 8)).toEqual(RFM_CLASSES.map((_, k) => `offer ${k}`))
  })

  it('the RFM flow template routes every demo customer to the action of their derived RFM class (json-logic-js), non-buyers to the no-purchase action', () => {
    registerCustomOperations()
    const t = retailCustomers()
    const fields = guessValueFields(t.fields)!
    const res = computeRfmAnalysis(valueColumns(t, fields))
    const graph = rfmFlowGraph(fields, res.means, { className: (k) => `class ${k}`, strategy: (k) => `s${k}`, noPurchase: 'none', noPurchaseStrategy: 'sn' })
    expect(validateFlow(graph, [])).toEqual([])
    const names = new Map(graph.nodes.map((n) => [n.id, n.type === 'action' ? n.data.name : '']))
    const logic = compileFlow(graph, {})
    const derived = rfmColumn('class', valueColumns(t, fields)) as { codes: Int32Array }
    const perClass = new Array<number>(9).fill(0)
    for (let i = 0; i < t.rowCount; i++) {
      const got = names.get(applyLogic(logic, rowAt(t, i)) as string)
      const code = derived.codes[i]
      expect(got).toBe(code < 0 ? 'none' : `class ${code}`)
      perClass[code < 0 ? 8 : code]++
    }
    expect(perClass.slice(0, 8)).toEqual(res.classes.map((c) => c.count))
    expect(perClass[8]).toBe(res.noPurchase.count)
    expect(perClass.filter((n) => n > 0).length).toBeGreaterThan(5)
  })
})
