import type { z } from 'zod'
import type { RuleNode, Segment } from '../core/logic/types'
import type { Flow, FlowNode } from '../core/flows/types'
import { getDatabase, reportInvalid, SCHEMA_VERSION } from './database'
import type { RuleSet, SegmentFlowDb } from './database'
import { DbError, toDbError } from './errors'
import { newDbId } from './ids'
import { describeIssues, flowSchema, segmentSchema, storedFlowSchema, storedRuleSetSchema, storedSegmentSchema } from './schemas'

export type { RuleSet } from './database'

// Every function takes the database last, defaulting to the app's; tests pass their own.

/** Keeps the documents that pass `schema`; the others stay stored untouched and are reported. */
function keepValid<T extends { schemaVersion?: number }>(db: SegmentFlowDb, table: string, docs: T[], schema: z.ZodType): Omit<T, 'schemaVersion'>[] {
  const out: Omit<T, 'schemaVersion'>[] = []
  for (const doc of docs) {
    const r = schema.safeParse(doc)
    if (!r.success) {
      const key = (doc as { id?: unknown }).id
      reportInvalid(db, { table, key: String(key), reason: describeIssues(r.error) })
      continue
    }
    const { schemaVersion: _v, ...rest } = doc
    out.push(rest)
  }
  return out
}

function checked<T>(schema: z.ZodType, value: T, what: string): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new DbError('invalid', `${what} is not valid: ${describeIssues(r.error)}`)
  return value
}

/** All rule sets, oldest first. */
export async function listRuleSets(db: SegmentFlowDb = getDatabase()): Promise<RuleSet[]> {
  const docs = keepValid(db, 'ruleSets', await db.ruleSets.toArray(), storedRuleSetSchema)
  return docs.sort((a, b) => a.createdAt - b.createdAt)
}

/** Creates an empty rule set and returns it. */
export async function createRuleSet(name: string, db: SegmentFlowDb = getDatabase()): Promise<RuleSet> {
  const ruleSet: RuleSet = { id: newDbId(), name, createdAt: Date.now() }
  await wrap(db.ruleSets.add({ ...ruleSet, schemaVersion: SCHEMA_VERSION }))
  return ruleSet
}

/** Renames a rule set; `not_found` when it does not exist. */
export async function renameRuleSet(id: string, name: string, db: SegmentFlowDb = getDatabase()): Promise<void> {
  const n = await wrap(db.ruleSets.update(id, { name }))
  if (n === 0) throw new DbError('not_found', `Rule set ${id} does not exist.`)
}

/** Deletes a rule set with its segments and flows, in one transaction. */
export async function deleteRuleSet(id: string, db: SegmentFlowDb = getDatabase()): Promise<void> {
  await wrap(db.transaction('rw', db.ruleSets, db.segments, db.flows, async () => {
    await db.segments.where('ruleSetId').equals(id).delete()
    await db.flows.where('ruleSetId').equals(id).delete()
    await db.ruleSets.delete(id)
  }))
}

/** The segments of a rule set, oldest first. Invalid stored ones are skipped and reported. */
export async function listSegments(ruleSetId: string, db: SegmentFlowDb = getDatabase()): Promise<Segment[]> {
  const docs = await db.segments.where('ruleSetId').equals(ruleSetId).toArray()
  return keepValid(db, 'segments', docs, storedSegmentSchema).sort((a, b) => a.createdAt - b.createdAt)
}

/** Creates or updates a segment; its rule set must exist. */
export async function putSegment(seg: Segment, db: SegmentFlowDb = getDatabase()): Promise<void> {
  checked(segmentSchema, seg, `Segment "${seg.name}"`)
  await wrap(db.transaction('rw', db.ruleSets, db.segments, async () => {
    if (!(await db.ruleSets.get(seg.ruleSetId))) throw new DbError('not_found', `Rule set ${seg.ruleSetId} does not exist.`)
    await db.segments.put({ ...seg, schemaVersion: SCHEMA_VERSION })
  }))
}

/** Deletes a segment (flows that enter through it then report an unknown segment). */
export async function deleteSegment(id: string, db: SegmentFlowDb = getDatabase()): Promise<void> {
  await wrap(db.segments.delete(id))
}

/** The flows of a rule set, oldest first. Invalid stored ones are skipped and reported. */
export async function listFlows(ruleSetId: string, db: SegmentFlowDb = getDatabase()): Promise<Flow[]> {
  const docs = await db.flows.where('ruleSetId').equals(ruleSetId).toArray()
  return keepValid(db, 'flows', docs, storedFlowSchema).sort((a, b) => a.createdAt - b.createdAt)
}

/** Creates or updates a flow; its rule set must exist. */
export async function putFlow(flow: Flow, db: SegmentFlowDb = getDatabase()): Promise<void> {
  checked(flowSchema, flow, `Flow "${flow.name}"`)
  await wrap(db.transaction('rw', db.ruleSets, db.flows, async () => {
    if (!(await db.ruleSets.get(flow.ruleSetId))) throw new DbError('not_found', `Rule set ${flow.ruleSetId} does not exist.`)
    await db.flows.put({ ...flow, schemaVersion: SCHEMA_VERSION })
  }))
}

/** Deletes a flow. */
export async function deleteFlow(id: string, db: SegmentFlowDb = getDatabase()): Promise<void> {
  await wrap(db.flows.delete(id))
}

/** A flow node whose entry segment and "in segment" conditions follow their segments to the new ids. */
function remapNode(node: FlowNode, segmentIds: Map<string, string>): FlowNode {
  switch (node.type) {
    case 'entry': {
      // An id the import does not contain stays as it is: flow validation reports it as unknown_segment.
      const segmentId = node.data.segmentId === null ? null : segmentIds.get(node.data.segmentId) ?? node.data.segmentId
      return { ...node, data: { ...node.data, segmentId, ...(node.data.rule ? { rule: remapRefs(node.data.rule, segmentIds) } : {}) } }
    }
    case 'split': return { ...node, data: { ...node.data, branches: node.data.branches.map((b) => ({ ...b, rule: remapRefs(b.rule, segmentIds) })) } }
    case 'filter': return { ...node, data: { ...node.data, rule: remapRefs(node.data.rule, segmentIds) } }
    default: return node
  }
}

/** Segment references follow their segment to its new id (an id the import lacks stays, as in remapNode). */
function remapRefs<T extends RuleNode>(node: T, segmentIds: Map<string, string>): T {
  if (node.kind === 'segment') return { ...node, segmentId: segmentIds.get(node.segmentId) ?? node.segmentId }
  if (node.kind !== 'group') return node
  return { ...node, children: node.children.map((c) => remapRefs(c, segmentIds)) }
}

/** A segment as a shared file carries it: no rule set, timestamps and library fields optional; other keys are dropped. */
export type ImportedSegment = Pick<Segment, 'id' | 'name' | 'color' | 'rule'> &
  Partial<Pick<Segment, 'createdAt' | 'updatedAt' | 'description' | 'tags'>>
/** A flow as a shared file carries it: no rule set, timestamps optional; other keys are dropped. */
export type ImportedFlow = Pick<Flow, 'id' | 'name' | 'nodes' | 'edges'> & Partial<Pick<Flow, 'createdAt' | 'updatedAt'>>

/**
 * Imports segments and flows (e.g. from a shared file) as a NEW rule set, in one transaction. Every
 * segment and flow gets a fresh id (entry nodes and segment references follow their segment), so nothing existing is ever
 * overwritten. Validates everything before writing. Returns the new rule set's id.
 */
export async function importRuleSet(
  name: string, segments: ImportedSegment[], flows: ImportedFlow[], options: { source?: string } = {}, db: SegmentFlowDb = getDatabase(),
): Promise<string> {
  const now = Date.now()
  const ruleSetId = newDbId()
  const segmentIds = new Map(segments.map((s) => [s.id, newDbId()]))
  // Missing timestamps count up from now so that the file's order is kept when listing.
  const stamps = (x: { createdAt?: number; updatedAt?: number }, i: number) =>
    ({ createdAt: x.createdAt ?? now + i, updatedAt: x.updatedAt ?? x.createdAt ?? now + i })
  const newSegments: Segment[] = segments.map((s, i) => ({
    id: segmentIds.get(s.id)!, ruleSetId, name: s.name, color: s.color, rule: remapRefs(s.rule, segmentIds),
    ...(s.description ? { description: s.description } : {}), ...(s.tags && s.tags.length > 0 ? { tags: [...s.tags] } : {}),
    ...stamps(s, i),
  }))
  const newFlows: Flow[] = flows.map((f, i) => ({
    id: newDbId(), ruleSetId, name: f.name, nodes: f.nodes.map((n) => remapNode(n, segmentIds)), edges: f.edges, ...stamps(f, i),
  }))
  newSegments.forEach((s, i) => checked(segmentSchema, s, `segments[${i}]`))
  newFlows.forEach((f, i) => checked(flowSchema, f, `flows[${i}]`))
  const v = { schemaVersion: SCHEMA_VERSION } as const
  await wrap(db.transaction('rw', db.ruleSets, db.segments, db.flows, async () => {
    // add (not put): a key collision aborts the whole import instead of replacing a document.
    await db.ruleSets.add({ id: ruleSetId, name, createdAt: now, ...v, ...(options.source ? { source: options.source } : {}) })
    await db.segments.bulkAdd(newSegments.map((s) => ({ ...s, ...v })))
    await db.flows.bulkAdd(newFlows.map((f) => ({ ...f, ...v })))
  }))
  return ruleSetId
}

async function wrap<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    throw toDbError(e)
  }
}
