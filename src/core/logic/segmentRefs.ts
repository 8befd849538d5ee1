import { toJsonLogic } from './toJsonLogic'
import type { AdvancedNode, Group, JsonLogic, RuleNode } from './types'

/*
 * "Is in / is not in another segment" (SegmentRefNode). A rule stores the reference; before it is
 * evaluated or exported, expandSegmentRefs replaces each reference by the referenced segment's
 * current JSON-logic (negated for "is not in"), itself expanded, as a read-only advanced node that
 * keeps the reference's id (so per-condition counts still find it). The exported JSON-logic is
 * therefore self-contained: any JSON-logic runtime evaluates it without knowing about segments.
 *
 * A segment may not reach itself through references (A in B, B in A): the builder offers only
 * segments that do not close a cycle, expansion refuses one with SegmentCycleError, and rule files
 * containing one are refused on import. A reference to a segment that does not exist selects
 * nobody and is reported by missingSegmentRefs (the app refuses to delete a referenced segment).
 */

/** The rule of a segment by id, or undefined when there is no such segment. */
export type SegmentLookup = (segmentId: string) => { name: string; rule: Group } | undefined

/** A reference chain that comes back to where it started, e.g. ["A", "B", "A"] (segment names). */
export class SegmentCycleError extends Error {
  constructor(readonly chain: string[]) {
    super(`segment references form a cycle: ${chain.join(' → ')}`)
    this.name = 'SegmentCycleError'
  }
}

function walk(node: RuleNode, visit: (n: RuleNode) => void): void {
  visit(node)
  if (node.kind === 'group') node.children.forEach((c) => walk(c, visit))
}

/** Ids of the segments `rule` references directly (enabled or not), without repeats, in tree order. */
export function referencedSegments(rule: Group): string[] {
  const out = new Set<string>()
  walk(rule, (n) => {
    if (n.kind === 'segment') out.add(n.segmentId)
  })
  return [...out]
}

/** Whether `rule` contains any segment reference. */
export function hasSegmentRefs(rule: Group): boolean {
  return referencedSegments(rule).length > 0
}

/**
 * Whether segment `fromId` may reference segment `toId` without a cycle: false when toId is fromId
 * or when toId's rule reaches fromId through references (missing segments end a chain).
 */
export function canReference(fromId: string, toId: string, lookup: SegmentLookup): boolean {
  const seen = new Set<string>()
  const reaches = (id: string): boolean => {
    if (id === fromId) return true
    if (seen.has(id)) return false
    seen.add(id)
    const seg = lookup(id)
    return seg !== undefined && referencedSegments(seg.rule).some(reaches)
  }
  return !reaches(toId)
}

/** References in `rule` (its own and, through them, nested ones) to segments that do not exist. */
export function missingSegmentRefs(rule: Group, lookup: SegmentLookup): string[] {
  return referencedSegments(rule).filter((id) => lookup(id) === undefined)
}

interface ExpandCtx {
  lookup: SegmentLookup
  /** Segment ids being expanded, outermost first: a repeat is a cycle. */
  stack: string[]
  /** Expanded logic per segment id, so a segment referenced many times is expanded once. */
  memo: Map<string, JsonLogic>
}

function segmentLogic(id: string, ctx: ExpandCtx): JsonLogic {
  const memo = ctx.memo.get(id)
  if (memo !== undefined) return memo
  const seg = ctx.lookup(id)
  if (!seg) return false
  if (ctx.stack.includes(id)) {
    const names = [...ctx.stack.slice(ctx.stack.indexOf(id)), id].map((x) => ctx.lookup(x)?.name ?? x)
    throw new SegmentCycleError(names)
  }
  ctx.stack.push(id)
  const logic = toJsonLogic(expandGroup(seg.rule, (ref) => segmentLogic(ref, ctx)))
  ctx.stack.pop()
  ctx.memo.set(id, logic)
  return logic
}

/** The JSON-logic of a referenced segment, by id. */
type ResolveSegment = (segmentId: string) => JsonLogic

function expandNode(node: RuleNode, resolve: ResolveSegment): RuleNode {
  if (node.kind === 'group') return expandGroup(node, resolve)
  if (node.kind !== 'segment') return node
  // Resolved even when switched off (a cycle is refused either way); a switched-off reference stays
  // as it is: toJsonLogic leaves disabled nodes out.
  const logic = resolve(node.segmentId)
  const adv: AdvancedNode = { kind: 'advanced', id: node.id, logic: node.not ? { '!': logic } : logic }
  return node.disabled ? node : adv
}

function expandGroup(group: Group, resolve: ResolveSegment): Group {
  if (!hasSegmentRefs(group)) return group
  return { ...group, children: group.children.map((c) => expandNode(c, resolve)) }
}

/**
 * `rule` with every enabled segment reference replaced by the referenced segment's current
 * JSON-logic (an advanced node with the reference's id; `{"!": …}` for "is not in"). Disabled
 * references stay as they are (toJsonLogic leaves them out). `selfId` is the segment that owns
 * `rule`, if any: a reference back to it is a cycle. Throws SegmentCycleError on a cycle.
 * A rule without references is returned as it is (same object).
 */
export function expandSegmentRefs(rule: Group, lookup: SegmentLookup, selfId?: string): Group {
  const ctx: ExpandCtx = { lookup, stack: selfId === undefined ? [] : [selfId], memo: new Map() }
  return expandGroup(rule, (id) => segmentLogic(id, ctx))
}

/**
 * `rule` with every enabled segment reference replaced by the segment's JSON-logic as given in
 * `logicOf` (already expanded, e.g. the segment store's segmentLogic); a segment not in it selects
 * nobody. For rules outside the segment library (flow branches, filters), which no segment can refer
 * back to, so no cycle is possible. A rule without references is returned as it is.
 */
export function expandRefsWithLogic(rule: Group, logicOf: Readonly<Record<string, JsonLogic>>): Group {
  return expandGroup(rule, (id) => (Object.hasOwn(logicOf, id) ? logicOf[id] : false))
}

/** The canonical JSON-logic of `rule` with its segment references expanded (expandSegmentRefs). */
export function expandedJsonLogic(rule: Group, lookup: SegmentLookup, selfId?: string): JsonLogic {
  return toJsonLogic(expandSegmentRefs(rule, lookup, selfId))
}

/** A lookup over a list of segments by id. */
export function lookupIn(segments: readonly { id: string; name: string; rule: Group }[]): SegmentLookup {
  const byId = new Map(segments.map((s) => [s.id, s]))
  return (id) => byId.get(id)
}
