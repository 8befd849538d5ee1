import { FIELD_TYPES } from '../fields/types'
import { cleanActionData, cleanEntryData, cleanRandomData } from '../flows/nodeData'
import type { FieldMeta, FieldType } from '../fields/types'
import type { Flow, FlowEdge, FlowNode } from '../flows/types'
import { CUSTOM_OPERATIONS } from '../logic/customOps'
import { operatorFits } from '../logic/operators'
import { expandedJsonLogic, lookupIn } from '../logic/segmentRefs'
import { fieldsUsed } from '../logic/tree'
import type { Condition, Group, JsonLogic, RuleNode, Segment, SegmentRefNode } from '../logic/types'
import { pathKey } from '../logic/validateLogic'
import { checkRuleSetFile, flowNodeRules } from './ruleSetFileChecks'
import { parseJson, scanJsonTree, stripBom } from './ruleSetFileJson'
import { migrateRuleSetDocument, MIGRATIONS } from './ruleSetFileMigrations'
import { RULESET_FORMAT, ruleSetFileV1Schema } from './ruleSetFileSchema'
import type { RuleSetFieldV1, RuleSetFileV1, RuleSetFlowV1, RuleSetSegmentV1 } from './ruleSetFileSchema'
import { RULESET_VERSION, ruleSetFileV2Schema } from './ruleSetFileSchemaV2'
import type { RuleSetFileV2, RuleSetFlowV2, RuleSetSegmentV2 } from './ruleSetFileSchemaV2'
import type { ImportIssue } from './types'

export { MIGRATIONS, migrateRuleSetDocument, RULESET_FORMAT, RULESET_VERSION }
export type { RuleSetFieldV1, RuleSetFileV1, RuleSetFileV2, RuleSetFlowV1, RuleSetSegmentV1 }
/** The current file version's shape: what the importer returns and the exporter writes. */
export type RuleSetFile = RuleSetFileV2

/** Largest file accepted, in characters (about 5 MB of ASCII). */
export const MAX_RULESET_FILE_CHARS = 5 * 1024 * 1024
/** Deepest JSON nesting accepted (a rule group costs two levels: the group and its children). */
export const MAX_RULESET_FILE_DEPTH = 200
const MAX_ISSUES = 100

type Doc = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// Export

const jsonCopy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

/** A copy with only the keys of the file format (stores may add UI state; proxies are unwrapped). */
function cleanNode(n: RuleNode): RuleNode {
  if (n.kind === 'group') return cleanGroup(n)
  if (n.kind === 'advanced') return { kind: 'advanced', id: n.id, logic: jsonCopy(n.logic) }
  if (n.kind === 'segment') {
    const r: SegmentRefNode = { kind: 'segment', id: n.id, segmentId: n.segmentId }
    if (n.not) r.not = true
    if (n.disabled) r.disabled = true
    return r
  }
  const c: Condition = { kind: 'condition', id: n.id, field: n.field, op: n.op }
  if (n.value !== undefined) c.value = jsonCopy(n.value)
  if (n.fieldType !== undefined) c.fieldType = n.fieldType
  if (n.disabled) c.disabled = true
  if (n.ignoreCase) c.ignoreCase = true
  return c
}

function cleanGroup(g: Group): Group {
  const out: Group = { kind: 'group', id: g.id, combinator: g.combinator, children: g.children.map(cleanNode) }
  if (g.not) out.not = true
  if (g.disabled) out.disabled = true
  return out
}

function cleanFlowNode(n: FlowNode): FlowNode {
  const position = { x: n.position.x, y: n.position.y }
  switch (n.type) {
    case 'entry': return { id: n.id, type: 'entry', position, data: cleanEntryData(n.data, cleanGroup) }
    case 'action': return { id: n.id, type: 'action', position, data: cleanActionData(n.data) }
    case 'random': return { id: n.id, type: 'random', position, data: cleanRandomData(n.data) }
    case 'filter': return { id: n.id, type: 'filter', position, data: { label: n.data.label, rule: cleanGroup(n.data.rule) } }
    case 'split': return {
      id: n.id, type: 'split', position,
      data: { branches: n.data.branches.map((b) => ({ id: b.id, label: b.label, rule: cleanGroup(b.rule) })) },
    }
  }
}

function cleanEdge(e: FlowEdge): FlowEdge {
  const out: FlowEdge = { id: e.id, source: e.source, target: e.target }
  if (e.sourceHandle != null) out.sourceHandle = e.sourceHandle
  return out
}

/** Segment ids the rule's "in segment" nodes name, in order (with repeats). */
function segmentRefsIn(g: Group): string[] {
  return g.children.flatMap((n) => (n.kind === 'segment' ? [n.segmentId] : n.kind === 'group' ? segmentRefsIn(n) : []))
}

function conditionsOf(g: Group, out: Condition[] = []): Condition[] {
  for (const n of g.children) {
    if (n.kind === 'condition') out.push(n)
    else if (n.kind === 'group') conditionsOf(n, out)
  }
  return out
}

/**
 * The type to declare for a field: one under which every condition on it is valid (so the file
 * imports), preferring the type the conditions were made for, then the dataset's.
 */
function declaredType(conds: Condition[], meta: FieldMeta | undefined): FieldType {
  const candidates: FieldType[] = [
    ...conds.flatMap((c) => (c.fieldType ? [c.fieldType] : [])),
    ...(meta ? [meta.type] : []),
    ...conds.flatMap((c) => FIELD_TYPES.filter((t) => operatorFits(c.op, t))),
  ]
  const fits = (t: FieldType): boolean =>
    conds.every((c) => operatorFits(c.op, t) && (c.fieldType === undefined || c.fieldType === t))
  return candidates.find(fits) ?? meta?.type ?? candidates[0] ?? 'text'
}

function customOperationsIn(logic: JsonLogic, out: Set<string>): void {
  if (Array.isArray(logic)) logic.forEach((x) => customOperationsIn(x, out))
  else if (typeof logic === 'object' && logic !== null) {
    for (const [op, args] of Object.entries(logic)) {
      if ((CUSTOM_OPERATIONS as readonly string[]).includes(op)) out.add(op)
      customOperationsIn(args, out)
    }
  }
}

/** A segment's description and tags, only when set, so files without them stay as they were. */
function libraryFields(s: { description?: string; tags?: string[] }): { description?: string; tags?: string[] } {
  return {
    ...(s.description ? { description: s.description } : {}),
    ...(s.tags && s.tags.length > 0 ? { tags: [...s.tags] } : {}),
  }
}

/**
 * The shareable file of a rule set: its segments (rule and JSON-logic), its flows, the fields the
 * rules read with their types, and the custom operations the logic uses.
 */
export function buildRuleSetFile(name: string, segments: Segment[], flows: Flow[], fields: FieldMeta[], now: number = Date.now()): RuleSetFileV2 {
  const lookup = lookupIn(segments)
  const outSegments: RuleSetSegmentV2[] = segments.map((s) => {
    const rule = cleanGroup(s.rule)
    const references = [...new Set(segmentRefsIn(rule))].sort()
    return { id: s.id, name: s.name, color: s.color, ...libraryFields(s), rule, logic: expandedJsonLogic(rule, lookup, s.id), references }
  })
  const outFlows: RuleSetFlowV2[] = flows.map((f) => ({ id: f.id, name: f.name, nodes: f.nodes.map(cleanFlowNode), edges: f.edges.map(cleanEdge) }))
  const rules = [
    ...outSegments.map((s) => s.rule),
    ...outFlows.flatMap((f) => f.nodes.flatMap(flowNodeRules)),
  ]
  const conds = rules.flatMap((r) => conditionsOf(r))
  const idFields = outFlows.flatMap((f) => f.nodes.flatMap((n) => (n.type === 'random' ? [n.data.idField] : [])))
  const used = [...new Set([...rules.flatMap(fieldsUsed), ...idFields])]
  const outFields = used.map((fieldName): RuleSetFieldV1 => {
    const meta = fields.find((f) => f.name === fieldName)
    const out: RuleSetFieldV1 = { name: fieldName, type: declaredType(conds.filter((c) => c.field === fieldName), meta) }
    if (meta?.dateFormat && out.type === 'date') out.dateFormat = meta.dateFormat
    return out
  })
  const custom = new Set<string>()
  rules.forEach((r) => customOperationsIn(expandedJsonLogic(r, lookup), custom))
  return {
    format: RULESET_FORMAT, version: RULESET_VERSION, name, exportedAt: new Date(now).toISOString(),
    requires: {
      fields: outFields,
      customOperations: CUSTOM_OPERATIONS.filter((op) => custom.has(op)),
      flowNodeTypes: [...new Set(outFlows.flatMap((f) => f.nodes.map((n) => n.type)))].sort(),
    },
    segments: outSegments, flows: outFlows,
  }
}

// ---------------------------------------------------------------------------------------------
// Import

export type ParseRuleSetResult = { ok: true; file: RuleSetFileV2 } | { ok: false; errors: ImportIssue[] }

const toPath = (keys: readonly PropertyKey[]): string =>
  '$' + keys.map((k) => pathKey(typeof k === 'number' ? k : String(k))).join('')

/** The format/version header, checked before the schema so old and foreign files get a clear message. */
function checkHeader(raw: unknown): { version: number } | { path: string; code: string; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { path: '$', code: 'not_ruleset', reason: 'not a SegmentFlow rule-set file: the file must be a JSON object' }
  }
  const { format, version } = raw as Doc
  if (format !== RULESET_FORMAT) {
    const found = format === undefined ? 'it has no "format"' : `its format is ${JSON.stringify(format)}`
    return { path: '$.format', code: 'not_ruleset', reason: `not a SegmentFlow rule-set file: ${found}, expected "${RULESET_FORMAT}"` }
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { path: '$.version', code: 'bad_version', reason: `unknown file version ${JSON.stringify(version ?? null)}: expected a whole number from 1 to ${RULESET_VERSION}` }
  }
  if (version > RULESET_VERSION) {
    return { path: '$.version', code: 'newer_version', reason: `this file was written by a newer SegmentFlow (file version ${version}); this app reads versions up to ${RULESET_VERSION} — please update the app` }
  }
  return { version }
}

/** Whether the object at `path` inside `doc` exists and has the own key `key`. */
function hasKey(doc: unknown, path: readonly PropertyKey[], key: string): boolean {
  let x: unknown = doc
  for (const k of path) x = typeof x === 'object' && x !== null ? (x as Record<PropertyKey, unknown>)[k] : undefined
  return typeof x !== 'object' || x === null || Object.hasOwn(x, key)
}

/** The schema of each version: a file is checked against its own version's schema before migrating. */
const SCHEMAS = { 1: ruleSetFileV1Schema, 2: ruleSetFileV2Schema } as const

function schemaIssues(doc: Doc, version: 1 | 2): { path: string; code: string; reason: string }[] | null {
  const r = SCHEMAS[version].safeParse(doc)
  if (r.success) return null
  return r.error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ path: toPath([...i.path, k]), code: 'schema', reason: `unknown key "${k}"` }))
    }
    const last = i.path[i.path.length - 1]
    const missing = typeof last === 'string' && !hasKey(doc, i.path.slice(0, -1), last)
    return [{ path: toPath(i.path), code: 'schema', reason: missing ? `missing required key "${last}"` : i.message }]
  })
}

/** Steps before the schema: size, JSON syntax, nesting, prototype keys and the header. */
function readDocument(text: string): { doc: Doc } | { issues: Omit<ImportIssue, 'file'>[] } {
  if (text.length > MAX_RULESET_FILE_CHARS) {
    return { issues: [{ path: '$', code: 'too_large', reason: `the file is larger than ${MAX_RULESET_FILE_CHARS / 1024 / 1024} MB` }] }
  }
  const parsed = parseJson(stripBom(text))
  if (!parsed.ok) {
    const { line, column, reason } = parsed.error
    return { issues: [{ code: 'json_syntax', line, column, reason: `invalid JSON at line ${line}, column ${column}: ${reason}` }] }
  }
  const tree = scanJsonTree(parsed.value, MAX_RULESET_FILE_DEPTH, MAX_ISSUES)
  if (tree.length > 0) {
    return {
      issues: tree.map((t) => t.kind === 'too_deep'
        ? { path: toPath(t.path), code: 'too_deep', reason: `nested deeper than ${MAX_RULESET_FILE_DEPTH} levels` }
        : { path: toPath(t.path), code: 'prototype_key', reason: `the key "${String(t.path[t.path.length - 1])}" is not allowed (prototype key)` }),
    }
  }
  const header = checkHeader(parsed.value)
  if ('reason' in header) return { issues: [header] }
  const own = schemaIssues(parsed.value as Doc, header.version as 1 | 2)
  if (own) return { issues: own }
  return { doc: migrateRuleSetDocument(parsed.value as Doc, header.version) }
}

/**
 * Reads a rule-set file completely before anything is stored: a UTF-8/UTF-16 BOM is accepted;
 * size and nesting are bounded; JSON syntax errors give line and column; schema errors, unsafe
 * JSON-logic, logic that differs from its rule, unknown fields and operators, and flows that
 * refer to segments outside the file give the JSON path and the reason. Older versions are
 * migrated; newer ones are refused with a message saying so.
 */
export function parseRuleSetFile(text: string, fileName: string): ParseRuleSetResult {
  const withFile = (xs: Omit<ImportIssue, 'file'>[]): ParseRuleSetResult =>
    ({ ok: false, errors: xs.slice(0, MAX_ISSUES).map((x) => ({ file: fileName, ...x })) })
  const read = readDocument(text)
  if ('issues' in read) return withFile(read.issues)
  const issues = schemaIssues(read.doc, RULESET_VERSION)
  if (issues) return withFile(issues)
  const file = read.doc as unknown as RuleSetFileV2
  const problems = checkRuleSetFile(file)
  return problems.length > 0 ? withFile(problems) : { ok: true, file }
}

/** How a file's field contract compares with a dataset's fields (for the import dialog). */
export function compareFieldContract(required: readonly RuleSetFieldV1[], available: readonly FieldMeta[]): {
  missing: RuleSetFieldV1[]
  typeMismatch: { name: string; expected: FieldType; actual: FieldType }[]
} {
  const byName = new Map(available.map((f) => [f.name, f]))
  const missing = required.filter((f) => !byName.has(f.name))
  const typeMismatch = required.flatMap((f) => {
    const a = byName.get(f.name)
    return a && a.type !== f.type ? [{ name: f.name, expected: f.type, actual: a.type }] : []
  })
  return { missing, typeMismatch }
}

/**
 * The app documents of an imported file: segments without their `logic` (the app derives it from
 * the rule) and flows, stamped with `ruleSetId` and increasing times so they keep the file's order.
 */
export function ruleSetFileDocuments(file: RuleSetFileV2, ruleSetId: string, now: number = Date.now()): { segments: Segment[]; flows: Flow[] } {
  const segments = file.segments.map((s, i): Segment => ({
    id: s.id, ruleSetId, name: s.name, color: s.color, ...libraryFields(s), rule: s.rule, createdAt: now + i, updatedAt: now + i,
  }))
  const flows = file.flows.map((f, i): Flow => ({
    id: f.id, ruleSetId, name: f.name, nodes: f.nodes, edges: f.edges, createdAt: now + i, updatedAt: now + i,
  }))
  return { segments, flows }
}
