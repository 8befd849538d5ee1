import fc from 'fast-check'
import { Bitset } from '../../../src/core/engine/bitset'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'
import type { Condition, Group, JsonLogic } from '../../../src/core/logic/types'
import type { FlowEdge, FlowGraph, FlowNode, SplitBranch } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'

/** A customer as json-logic-js sees it; null = missing. */
export interface Customer {
  age: number | null
  city: string | null
  vip: boolean | null
}

export const CITIES = ['北京', '上海', '广州', '深圳']

/** The reference evaluator turned into bitsets: json-logic-js row by row. */
export function referenceEvaluator(rows: readonly Customer[]): (logic: JsonLogic) => Bitset {
  return (logic) => {
    const set = new Bitset(rows.length)
    rows.forEach((row, i) => {
      if (isTruthy(applyLogic(logic, row))) set.set(i)
    })
    return set
  }
}

/** Customers per action id (and `null`) when each row runs through the compiled flow. */
export function routeAll(compiled: JsonLogic, rows: readonly Customer[]): Map<unknown, number> {
  const tally = new Map<unknown, number>()
  for (const row of rows) {
    const to = applyLogic(compiled, row)
    tally.set(to, (tally.get(to) ?? 0) + 1)
  }
  return tally
}

let seq = 0
const id = (p: string) => `${p}${++seq}`

export function group(children: Condition[], combinator: 'and' | 'or' = 'and', not = false): Group {
  return { kind: 'group', id: id('g'), combinator, not, children }
}

export function cond(field: Condition['field'], op: Condition['op'], value?: Condition['value']): Condition {
  const fieldType = field === 'age' ? 'number' : field === 'city' ? 'category' : 'boolean'
  return { kind: 'condition', id: id('c'), field, op, value, fieldType }
}

export function entry(idv: string, segmentId: string | null = null): FlowNode {
  return { id: idv, type: 'entry', position: { x: 0, y: 0 }, data: { segmentId } }
}

export function split(idv: string, branches: SplitBranch[]): FlowNode {
  return { id: idv, type: 'split', position: { x: 0, y: 0 }, data: { branches } }
}

export function branch(idv: string, rule: Group, label = idv): SplitBranch {
  return { id: idv, label, rule }
}

export function action(idv: string, name = idv): FlowNode {
  return { id: idv, type: 'action', position: { x: 0, y: 0 }, data: { name, channel: 'sms', offer: '' } }
}

export function edge(idv: string, source: string, target: string, sourceHandle: string | null = null): FlowEdge {
  return { id: idv, source, target, sourceHandle }
}

export const customerArb: fc.Arbitrary<Customer> = fc.record({
  age: fc.option(fc.integer({ min: 15, max: 80 })),
  city: fc.option(fc.constantFrom(...CITIES)),
  vip: fc.option(fc.boolean()),
})

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.tuple(fc.constantFrom('gt', 'lt', 'le', 'ge', 'eq', 'ne') as fc.Arbitrary<Condition['op']>, fc.integer({ min: 15, max: 80 }))
    .map(([op, v]) => cond('age', op, v)),
  fc.tuple(fc.constantFrom('any_of', 'none_of') as fc.Arbitrary<Condition['op']>, fc.subarray(CITIES, { minLength: 1 }))
    .map(([op, v]) => cond('city', op, v)),
  fc.constantFrom('is_true', 'is_false', 'is_empty', 'not_empty').map((op) => cond('vip', op as Condition['op'])),
  fc.constantFrom('is_empty', 'not_empty').map((op) => cond('age', op as Condition['op'])),
)

export const ruleArb: fc.Arbitrary<Group> = fc
  .record({ combinator: fc.constantFrom('and', 'or') as fc.Arbitrary<'and' | 'or'>, not: fc.boolean(), children: fc.array(conditionArb, { maxLength: 3 }) })
  .map((r) => group(r.children, r.combinator, r.not))

export interface FlowShape {
  entrySegment: string | null
  secondEntry: boolean
  splits: Group[][]
  actions: number
  links: number[]
  chaos: [number, number, number][]
}

/**
 * Random flows: a DAG (entry → splits → actions, each handle linked to a later node or left open),
 * optionally with "chaos" edges that make it invalid: cycles, duplicates, edges from actions or
 * into the entry, unknown handles.
 */
export const flowShapeArb = (withChaos: boolean): fc.Arbitrary<FlowShape> =>
  fc.record({
    entrySegment: fc.constantFrom(null, 'segA', 'ghost'),
    secondEntry: withChaos ? fc.boolean() : fc.constant(false),
    splits: fc.array(fc.array(ruleArb, { maxLength: 3 }), { maxLength: 4 }),
    actions: fc.integer({ min: 1, max: 4 }),
    links: fc.array(fc.nat(), { minLength: 32, maxLength: 32 }),
    chaos: withChaos ? fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 5 }) : fc.constant([]),
  })

/** Builds the graph a FlowShape describes. */
export function buildFlow(shape: FlowShape): FlowGraph {
  const splits = shape.splits.map((rules, i) => split(`s${i}`, rules.map((r, k) => branch(`s${i}b${k}`, r))))
  const actions = Array.from({ length: shape.actions }, (_, i) => action(`a${i}`))
  const nodes: FlowNode[] = [entry('e', shape.entrySegment), ...splits, ...actions]
  if (shape.secondEntry) nodes.push(entry('e2'))
  const edges: FlowEdge[] = []
  let k = 0
  const link = (source: string, handle: string | null, later: FlowNode[]) => {
    const choice = shape.links[k++ % shape.links.length]
    if (choice % 5 === 0 || later.length === 0) return
    edges.push(edge(`x${edges.length}`, source, later[choice % later.length].id, handle))
  }
  link('e', null, [...splits, ...actions])
  splits.forEach((s, i) => {
    const later = [...splits.slice(i + 1), ...actions]
    for (const b of s.type === 'split' ? s.data.branches : []) link(s.id, b.id, later)
    link(s.id, ELSE_HANDLE, later)
  })
  for (const [a, b, h] of shape.chaos) {
    const source = nodes[a % nodes.length]
    const handles = source.type === 'split' ? [...source.data.branches.map((x) => x.id), ELSE_HANDLE, 'bogus'] : [null]
    edges.push(edge(`y${edges.length}`, source.id, nodes[b % nodes.length].id, handles[h % handles.length]))
  }
  return { nodes, edges }
}

/** Segment logic for entries: `segA` is known, `ghost` is not. */
export const SEGMENT_LOGIC: Record<string, JsonLogic> = {
  segA: { or: [{ '>=': [{ var: 'age' }, 40] }, { '===': [{ var: 'vip' }, true] }] },
}
