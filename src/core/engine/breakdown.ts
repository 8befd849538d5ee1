import { isEnabled, nodeToJsonLogic } from '../logic/toJsonLogic'
import type { Group, JsonLogic, RuleNode } from '../logic/types'
import type { Bitset } from './bitset'

/**
 * Per-condition counts of a rule (the funnel view of the builder).
 * - `alone[id]`: members of each node (condition, group or advanced block, the root included)
 *   evaluated on its own, i.e. its nodeToJsonLogic — a negated group counts with its negation.
 * - `remaining[id]`: for each child of an AND group, the members of the AND of that group's
 *   children up to and including this one: how many remain after each step. The funnel of a
 *   negated AND group is of its children as written (before the negation); OR groups have none.
 *   A nested AND group has its own funnel, counted over the whole table, not inside its parent.
 * - `total`: rows in the table.
 */
export interface Breakdown {
  alone: Record<string, number>
  remaining: Record<string, number>
  total: number
}

/** Evaluates one node's JSON-logic; may yield (the worker checks for cancels between nodes). */
export type EvaluateNode = (logic: JsonLogic) => Bitset | Promise<Bitset>

/** The node ids of `rule` that appear more than once (their counts would collide). */
export function duplicateNodeIds(rule: Group): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  const visit = (node: RuleNode): void => {
    if (seen.has(node.id)) twice.add(node.id)
    seen.add(node.id)
    if (node.kind === 'group') node.children.forEach(visit)
  }
  visit(rule)
  return [...twice]
}

/**
 * The breakdown of `rule` (see Breakdown). Each node is evaluated once through `evaluate`: with
 * the engine, a node already evaluated as part of the whole rule comes from its bitset cache,
 * and the funnel is built by ANDing the children's bitsets (an `and` is truthy exactly when every
 * child is, and a child that throws on a row selects nothing there, as the whole rule would).
 */
export async function breakdownOf(rule: Group, evaluate: EvaluateNode, rowCount: number): Promise<Breakdown> {
  // Ids are user data: a null prototype keeps "__proto__" an ordinary key.
  const out: Breakdown = { alone: Object.create(null) as Record<string, number>, remaining: Object.create(null) as Record<string, number>, total: rowCount }
  const visit = async (node: RuleNode): Promise<Bitset> => {
    const bits = await evaluate(nodeToJsonLogic(node))
    out.alone[node.id] = bits.count()
    if (node.kind !== 'group') return bits
    let funnel: Bitset | null = null
    for (const child of node.children) {
      const childBits = await visit(child)
      // A disabled child still gets its own count but is no step of the funnel (the rule skips it).
      if (node.combinator !== 'and' || !isEnabled(child)) continue
      funnel = funnel ? funnel.and(childBits) : childBits.clone()
      out.remaining[child.id] = funnel.count()
    }
    return bits
  }
  await visit(rule)
  return out
}
