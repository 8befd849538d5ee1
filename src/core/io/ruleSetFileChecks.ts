import type { FieldType } from '../fields/types'
import { ELSE_HANDLE } from '../flows/types'
import type { FlowNode } from '../flows/types'
import { CUSTOM_OPERATIONS } from '../logic/customOps'
import { isFieldRef, operatorFits, valueFitsOperator } from '../logic/operators'
import { expandedJsonLogic, hasSegmentRefs, lookupIn, SegmentCycleError } from '../logic/segmentRefs'
import { toJsonLogic } from '../logic/toJsonLogic'
import type { Condition, Group, JsonLogic } from '../logic/types'
import { pathKey, validateLogic } from '../logic/validateLogic'
import type { RuleSetFlowV1 } from './ruleSetFileSchema'
import type { RuleSetFileV2 } from './ruleSetFileSchemaV2'

// Checks of a schema-valid rule-set file that a schema cannot express: references between its
// parts, rule semantics and the safety of its JSON-logic. Each problem names its JSON path.

export interface FileCheckIssue {
  path: string
  code: string
  reason: string
}

interface Ctx {
  issues: FileCheckIssue[]
  types: Map<string, FieldType>
  customDeclared: Set<string>
  /** Undeclared custom operations already reported: one report per operation is enough. */
  customReported: Set<string>
  /** Ids of the file's segments: what segment references may name. */
  segmentIds: Set<string>
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const CUSTOM = new Set<string>(CUSTOM_OPERATIONS)

function add(ctx: Ctx, path: string, code: string, reason: string): void {
  ctx.issues.push({ path, code, reason })
}

/** Reports every id that appears twice in `items` (ids must name one thing). */
function checkUnique(ctx: Ctx, items: { id: string }[], path: string, what: string): void {
  const seen = new Set<string>()
  items.forEach((x, i) => {
    if (seen.has(x.id)) add(ctx, `${path}[${i}].id`, 'duplicate_id', `duplicate ${what} id "${x.id}"`)
    seen.add(x.id)
  })
}

/** Custom operations used in `logic` but not declared in the file, reported under `path`. */
function checkCustomDeclared(ctx: Ctx, logic: JsonLogic, path: string, exact: boolean): void {
  const visit = (x: JsonLogic, p: string): void => {
    if (Array.isArray(x)) return x.forEach((el, i) => visit(el, `${p}[${i}]`))
    if (typeof x !== 'object' || x === null) return
    for (const [op, args] of Object.entries(x)) {
      if (CUSTOM.has(op) && !ctx.customDeclared.has(op) && !ctx.customReported.has(op)) {
        add(ctx, exact ? p + pathKey(op) : path, 'undeclared_custom_operation', `custom operation "${op}" is used but not listed in $.requires.customOperations`)
        ctx.customReported.add(op)
      }
      visit(args, p + pathKey(op))
    }
  }
  visit(logic, path)
}

/** Validates logic and reports its problems under `path` (which stands for the logic's `$`). */
function checkLogic(ctx: Ctx, logic: JsonLogic, path: string): void {
  for (const issue of validateLogic(logic, { fields: [...ctx.types.keys()] })) {
    add(ctx, path + issue.path.slice(1), 'unsafe_logic', issue.reason)
  }
}

/** A segment reference (in a segment's rule or a flow's) names a segment of the file. */
function checkSegmentRef(ctx: Ctx, segmentId: string, p: string): void {
  if (!ctx.segmentIds.has(segmentId)) add(ctx, `${p}.segmentId`, 'unknown_segment', `refers to segment "${segmentId}", which is not in this file`)
}

/** A FieldRef value names a declared field of the condition's own type. */
function checkFieldRef(ctx: Ctx, n: Condition, p: string): void {
  if (!isFieldRef(n.value)) return
  const other = n.value.field
  const type = ctx.types.get(other)
  if (PROTOTYPE_KEYS.has(other)) add(ctx, `${p}.value.field`, 'prototype_key', `field name "${other}" is a prototype key`)
  else if (type === undefined) add(ctx, `${p}.value.field`, 'unknown_field', `field "${other}" is not declared in $.requires.fields`)
  else if (type !== ctx.types.get(n.field)) add(ctx, `${p}.value.field`, 'field_type', `field "${other}" (${type}) cannot be compared with "${n.field}" (${ctx.types.get(n.field) ?? '?'})`)
}

/** Conditions: declared field, operator fits its type, value fits the operator. `inFlow`: a flow branch's rule. */
function checkRule(ctx: Ctx, g: Group, path: string, inFlow: boolean): void {
  g.children.forEach((n, i) => {
    const p = `${path}.children[${i}]`
    if (n.kind === 'group') return checkRule(ctx, n, p, inFlow)
    if (n.kind === 'segment') return checkSegmentRef(ctx, n.segmentId, p)
    if (n.kind === 'advanced') {
      if (inFlow) checkLogic(ctx, n.logic, `${p}.logic`)
      return
    }
    const type = ctx.types.get(n.field)
    if (PROTOTYPE_KEYS.has(n.field)) return add(ctx, `${p}.field`, 'prototype_key', `field name "${n.field}" is a prototype key`)
    if (type === undefined) return add(ctx, `${p}.field`, 'unknown_field', `field "${n.field}" is not declared in $.requires.fields`)
    if (!operatorFits(n.op, type)) add(ctx, `${p}.op`, 'operator_type', `operator "${n.op}" does not apply to ${type} field "${n.field}"`)
    else if (!valueFitsOperator(n.op, n.value)) add(ctx, `${p}.value`, 'bad_value', `value ${JSON.stringify(n.value ?? null)} does not fit operator "${n.op}"`)
    if (n.fieldType !== undefined && n.fieldType !== type) {
      add(ctx, `${p}.fieldType`, 'field_type', `fieldType "${n.fieldType}" differs from the declared type "${type}" of "${n.field}"`)
    }
    checkFieldRef(ctx, n, p)
  })
}

/** A whole rule: its nodes, unique node ids (the tree helpers find nodes by id), custom ops. */
function checkWholeRule(ctx: Ctx, g: Group, path: string, inFlow: boolean): void {
  checkRule(ctx, g, path, inFlow)
  const ids = new Set<string>()
  const visit = (n: Group['children'][number]): void => {
    if (ids.has(n.id)) add(ctx, path, 'duplicate_id', `rule node id "${n.id}" is used twice`)
    ids.add(n.id)
    if (n.kind === 'group') n.children.forEach(visit)
  }
  visit(g)
}

/** First place where `actual` differs from `expected`, as a path under `path`. */
function firstDifference(actual: unknown, expected: unknown, path: string): string | null {
  if (Object.is(actual, expected)) return null
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return path
  if (Array.isArray(actual) !== Array.isArray(expected)) return path
  const a = actual as Record<string, unknown>
  const e = expected as Record<string, unknown>
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(e).length) return path
  for (const k of keys) {
    if (!Object.hasOwn(e, k)) return path
    const d = firstDifference(a[k], e[k], path + pathKey(Array.isArray(actual) ? Number(k) : k))
    if (d !== null) return d
  }
  return null
}

/** The rules a flow node holds: split branches, a filter's rule, an entry's inline rule. */
export function flowNodeRules(n: FlowNode): Group[] {
  if (n.type === 'split') return n.data.branches.map((b) => b.rule)
  if (n.type === 'filter') return [n.data.rule]
  if (n.type === 'entry' && n.data.rule) return [n.data.rule]
  return []
}

/** A rule held by a flow node: checked like a branch rule (no segment references). */
function checkFlowRule(ctx: Ctx, rule: Group, path: string): void {
  checkWholeRule(ctx, rule, path, true)
  if (!hasSegmentRefs(rule)) checkCustomDeclared(ctx, toJsonLogic(rule), path, false)
}

/** Random split: its id field is declared, its shares add up to at most 100 %, branch ids are unique. */
function checkRandom(ctx: Ctx, n: Extract<FlowNode, { type: 'random' }>, p: string): void {
  checkUnique(ctx, n.data.branches, `${p}.branches`, 'branch')
  if (!ctx.types.has(n.data.idField)) add(ctx, `${p}.idField`, 'unknown_field', `field "${n.data.idField}" is not declared in $.requires.fields`)
  const total = n.data.branches.reduce((a, b) => a + b.basisPoints, 0)
  if (total > 10_000) add(ctx, `${p}.branches`, 'bad_value', `the branches' shares add up to ${total / 100} %, more than 100 %`)
}

/** Per node: its checks, and the source handles it offers (null: one unnamed handle). */
function checkFlowNode(ctx: Ctx, n: FlowNode, p: string, segmentIds: Set<string>): Set<string> | null {
  if (n.type === 'entry' && n.data.segmentId !== null && !segmentIds.has(n.data.segmentId)) {
    add(ctx, `${p}.segmentId`, 'unknown_segment', `refers to segment "${n.data.segmentId}", which is not in this file`)
  }
  if (n.type === 'entry' && n.data.rule) checkFlowRule(ctx, n.data.rule, `${p}.rule`)
  if (n.type === 'filter') checkFlowRule(ctx, n.data.rule, `${p}.rule`)
  if (n.type === 'random') checkRandom(ctx, n, p)
  if (n.type === 'split') {
    checkUnique(ctx, n.data.branches, `${p}.branches`, 'branch')
    n.data.branches.forEach((b, j) => checkFlowRule(ctx, b.rule, `${p}.branches[${j}].rule`))
  }
  return n.type === 'split' || n.type === 'random' ? new Set([...n.data.branches.map((b) => b.id), ELSE_HANDLE]) : null
}

function checkFlow(ctx: Ctx, flow: RuleSetFlowV1, path: string, segmentIds: Set<string>): void {
  checkUnique(ctx, flow.nodes, `${path}.nodes`, 'node')
  checkUnique(ctx, flow.edges, `${path}.edges`, 'edge')
  const handles = new Map<string, Set<string> | null>()
  flow.nodes.forEach((n, k) => handles.set(n.id, checkFlowNode(ctx, n, `${path}.nodes[${k}].data`, segmentIds)))
  flow.edges.forEach((e, k) => {
    const p = `${path}.edges[${k}]`
    if (!handles.has(e.source)) add(ctx, `${p}.source`, 'broken_edge', `node "${e.source}" is not in this flow`)
    if (!handles.has(e.target)) add(ctx, `${p}.target`, 'broken_edge', `node "${e.target}" is not in this flow`)
    const hs = handles.get(e.source)
    if (hs && (e.sourceHandle == null || !hs.has(e.sourceHandle))) {
      add(ctx, `${p}.sourceHandle`, 'broken_edge', `split "${e.source}" has no branch "${e.sourceHandle ?? ''}"`)
    }
  })
}

/** The rule's JSON-logic with its segment references expanded; undefined (reported) on a cycle. */
function expandedLogic(ctx: Ctx, rule: Group, lookup: ReturnType<typeof lookupIn>, selfId: string, path: string): JsonLogic | undefined {
  try {
    return expandedJsonLogic(rule, lookup, selfId)
  } catch (e) {
    if (!(e instanceof SegmentCycleError)) throw e
    add(ctx, path, 'segment_cycle', `segments refer to each other in a cycle: ${e.chain.join(' → ')}`)
    return undefined
  }
}

/** Flow node types this app knows (types.ts `FlowNode['type']`). */
const NODE_TYPES: ReadonlySet<string> = new Set<FlowNode['type']>(['entry', 'split', 'action', 'random', 'filter'])

/** `requires.flowNodeTypes` names only known types and lists exactly the types the flows use. */
function checkNodeTypes(ctx: Ctx, file: RuleSetFileV2): void {
  const used = new Set(file.flows.flatMap((f) => f.nodes.map((n) => n.type)))
  file.requires.flowNodeTypes.forEach((t, i) => {
    if (!NODE_TYPES.has(t)) add(ctx, `$.requires.flowNodeTypes[${i}]`, 'unknown_node_type', `flow node type "${t}" is not supported by this version of SegmentFlow`)
  })
  const listed = new Set(file.requires.flowNodeTypes)
  const missing = [...used].filter((t) => !listed.has(t))
  if (missing.length > 0) add(ctx, '$.requires.flowNodeTypes', 'undeclared_node_type', `flow node types used but not listed: ${missing.join(', ')}`)
}

/** Each segment's `references` lists exactly the segments its rule refers to. */
function checkReferences(ctx: Ctx, file: RuleSetFileV2): void {
  file.segments.forEach((s, i) => {
    const actual = new Set<string>()
    const visit = (g: Group): void => g.children.forEach((n) => (n.kind === 'segment' ? actual.add(n.segmentId) : n.kind === 'group' ? visit(n) : undefined))
    visit(s.rule)
    const listed = new Set(s.references)
    const same = actual.size === listed.size && [...actual].every((x) => listed.has(x))
    if (!same) add(ctx, `$.segments[${i}].references`, 'references_mismatch', `must list the segments the rule refers to: [${[...actual].sort().join(', ')}]`)
  })
}

/** Every cross-reference, rule and logic problem of a schema-valid version-2 file. */
export function checkRuleSetFile(file: RuleSetFileV2): FileCheckIssue[] {
  const segmentIds = new Set(file.segments.map((s) => s.id))
  const ctx: Ctx = { issues: [], types: new Map(), customDeclared: new Set(), customReported: new Set(), segmentIds }
  file.requires.fields.forEach((f, i) => {
    if (PROTOTYPE_KEYS.has(f.name)) add(ctx, `$.requires.fields[${i}].name`, 'prototype_key', `field name "${f.name}" is a prototype key`)
    else if (ctx.types.has(f.name)) add(ctx, `$.requires.fields[${i}].name`, 'duplicate_field', `field "${f.name}" is declared twice`)
    else ctx.types.set(f.name, f.type)
  })
  file.requires.customOperations.forEach((op, i) => {
    if (CUSTOM.has(op)) ctx.customDeclared.add(op)
    else add(ctx, `$.requires.customOperations[${i}]`, 'unknown_custom_operation', `custom operation "${op}" is not supported by this version of SegmentFlow`)
  })
  checkNodeTypes(ctx, file)
  checkReferences(ctx, file)
  checkUnique(ctx, file.segments, '$.segments', 'segment')
  const lookup = lookupIn(file.segments)
  file.segments.forEach((s, i) => {
    const p = `$.segments[${i}]`
    checkWholeRule(ctx, s.rule, `${p}.rule`, false)
    checkLogic(ctx, s.logic, `${p}.logic`)
    checkCustomDeclared(ctx, s.logic, `${p}.logic`, true)
    const expected = expandedLogic(ctx, s.rule, lookup, s.id, `${p}.rule`)
    const diff = expected === undefined ? null : firstDifference(s.logic, expected, `${p}.logic`)
    if (diff !== null) add(ctx, diff, 'logic_mismatch', `the logic does not match ${p}.rule (it must be the rule's JSON-logic)`)
  })
  checkUnique(ctx, file.flows, '$.flows', 'flow')
  file.flows.forEach((f, i) => checkFlow(ctx, f, `$.flows[${i}]`, segmentIds))
  return ctx.issues
}
