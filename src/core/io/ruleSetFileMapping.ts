import type { FieldMeta } from '../fields/types'
import type { FlowNode } from '../flows/types'
import { isFieldRef } from '../logic/operators'
import { expandedJsonLogic, lookupIn } from '../logic/segmentRefs'
import type { Group, JsonLogic, RuleNode } from '../logic/types'
import type { RuleSetFieldV1 } from './ruleSetFileSchema'
import type { RuleSetFileV2 } from './ruleSetFileSchemaV2'

// Field mapping on import (issue 8 item 5): a file's required fields are matched to the fields of
// the open dataset — same name and type; else the same name up to case, spaces, "_" and "-" with
// the same type; else the most similar name of the same type — and the rules are rewritten with
// the mapping before anything is saved.

/** How a required field was matched: by the app (exact, case, similar), by the user, or not at all. */
export type FieldMatchKind = 'exact' | 'case' | 'similar' | 'manual' | 'none'

export interface FieldMatch {
  required: RuleSetFieldV1
  /** The dataset field the required one maps to, or null (blocks the import). */
  target: string | null
  kind: FieldMatchKind
}

/** The mapping problem of one required field, with the JSON path of its declaration. */
export interface MappingIssue {
  path: string
  code: 'unmapped_field' | 'field_type'
  field: string
  reason: string
}

/** Name up to case, spaces, "_" and "-" (`Last Stay` ≈ `last_stay` ≈ `lastStay`). */
export const looseName = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '')

/** Levenshtein distance (names are short: at most 200 characters in a file). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}

/**
 * Similarity of two names in [0, 1]: 1 − edit distance / longer length over the loose names, and
 * at least 0.75 when one loose name contains the other (`stays` ~ `staysLast90Days`).
 */
export function nameSimilarity(a: string, b: string): number {
  const x = looseName(a)
  const y = looseName(b)
  const longer = Math.max(x.length, y.length)
  if (longer === 0) return 0
  const edit = 1 - distance(x, y) / longer
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)) ? Math.max(edit, 0.75) : edit
}

/** Names at least this similar (and of the same type) are proposed as a match. */
export const SIMILAR_NAME_THRESHOLD = 0.6

/**
 * Proposes a dataset field for each required field, in three passes over all required fields
 * (exact, then loose name, then most similar name ≥ SIMILAR_NAME_THRESHOLD); the type must be the
 * same in every pass, and a dataset field is proposed at most once.
 */
export function suggestFieldMapping(required: readonly RuleSetFieldV1[], available: readonly FieldMeta[]): FieldMatch[] {
  const out: FieldMatch[] = required.map((r) => ({ required: r, target: null, kind: 'none' }))
  const taken = new Set<string>()
  const pass = (kind: FieldMatchKind, score: (r: string, a: string) => number): void => {
    for (const m of out) {
      if (m.target !== null) continue
      let best: { name: string; s: number } | null = null
      for (const a of available) {
        if (taken.has(a.name) || a.type !== m.required.type) continue
        const s = score(m.required.name, a.name)
        if (s > 0 && (best === null || s > best.s)) best = { name: a.name, s }
      }
      if (best) {
        m.target = best.name
        m.kind = kind
        taken.add(best.name)
      }
    }
  }
  pass('exact', (r, a) => (r === a ? 1 : 0))
  pass('case', (r, a) => (looseName(r) === looseName(a) ? 1 : 0))
  pass('similar', (r, a) => {
    const s = nameSimilarity(r, a)
    return s >= SIMILAR_NAME_THRESHOLD ? s : 0
  })
  return out
}

/** Whether the file can be imported as it is: every required field found under its own name. */
export const mappingIsIdentity = (matches: readonly FieldMatch[]): boolean =>
  matches.every((m) => m.target === m.required.name)

/** What blocks the import: unmatched fields, and user choices of another type. */
export function mappingIssues(matches: readonly FieldMatch[], available: readonly FieldMeta[]): MappingIssue[] {
  return matches.flatMap((m, i): MappingIssue[] => {
    const path = `$.requires.fields[${i}]`
    const { name, type } = m.required
    if (m.target === null) {
      return [{ path, code: 'unmapped_field', field: name, reason: `the rules need the ${type} field "${name}", which is not matched to a field of the dataset` }]
    }
    const t = available.find((a) => a.name === m.target)
    if (!t) return [{ path, code: 'unmapped_field', field: name, reason: `field "${m.target}" is not in the dataset` }]
    return t.type === type ? [] : [{ path, code: 'field_type', field: name, reason: `"${name}" is a ${type} field but "${t.name}" is ${t.type}` }]
  })
}

type Rename = (name: string) => string

/** A `var`/`missing` path renamed: the first path segment is the field. */
function renamePath(path: unknown, rename: Rename): unknown {
  if (typeof path !== 'string' || path === '') return path
  const dot = path.indexOf('.')
  return dot < 0 ? rename(path) : rename(path.slice(0, dot)) + path.slice(dot)
}

/** JSON-logic with the fields its `var`, `missing` and `missing_some` name renamed. */
export function renameLogicFields(logic: JsonLogic, rename: Rename): JsonLogic {
  if (Array.isArray(logic)) return logic.map((x) => renameLogicFields(x, rename))
  if (typeof logic !== 'object' || logic === null) return logic
  const out: Record<string, JsonLogic> = {}
  for (const [op, args] of Object.entries(logic)) {
    if (op === 'var') {
      out[op] = (Array.isArray(args) ? [renamePath(args[0], rename), ...args.slice(1).map((x) => renameLogicFields(x, rename))] : renamePath(args, rename)) as JsonLogic
    } else if (op === 'missing') {
      out[op] = (Array.isArray(args) ? args.map((x) => renamePath(x, rename)) : renamePath(args, rename)) as JsonLogic
    } else if (op === 'missing_some' && Array.isArray(args) && Array.isArray(args[1])) {
      out[op] = [args[0], args[1].map((x) => renamePath(x, rename))] as JsonLogic
    } else out[op] = renameLogicFields(args, rename)
  }
  return out
}

/** A rule with the fields of its conditions, field comparisons and advanced logic renamed. */
export function renameRuleFields(g: Group, rename: Rename): Group {
  const node = (n: RuleNode): RuleNode => {
    if (n.kind === 'group') return renameRuleFields(n, rename)
    if (n.kind === 'advanced') return { ...n, logic: renameLogicFields(n.logic, rename) }
    if (n.kind === 'segment') return n
    return { ...n, field: rename(n.field), ...(isFieldRef(n.value) ? { value: { field: rename(n.value.field) } } : {}) }
  }
  return { ...g, children: g.children.map(node) }
}

function renameFlowNode(n: FlowNode, rename: Rename): FlowNode {
  switch (n.type) {
    case 'split': return { ...n, data: { branches: n.data.branches.map((b) => ({ ...b, rule: renameRuleFields(b.rule, rename) })) } }
    case 'filter': return { ...n, data: { ...n.data, rule: renameRuleFields(n.data.rule, rename) } }
    case 'entry': return n.data.rule ? { ...n, data: { ...n.data, rule: renameRuleFields(n.data.rule, rename) } } : n
    case 'random': return { ...n, data: { ...n.data, idField: rename(n.data.idField) } }
    default: return n
  }
}

/**
 * The file rewritten with `mapping` (required name → dataset name; names not in it stay): the
 * declared fields (merged when two map to one), every rule and flow node, and each segment's
 * logic rebuilt from its rewritten rule. The result must be checked again (parseRuleSetFile).
 */
export function applyFieldMapping(file: RuleSetFileV2, mapping: ReadonlyMap<string, string>): RuleSetFileV2 {
  const rename: Rename = (name) => mapping.get(name) ?? name
  const seen = new Set<string>()
  const fields = file.requires.fields.flatMap((f) => {
    const name = rename(f.name)
    if (seen.has(name)) return []
    seen.add(name)
    return [{ ...f, name }]
  })
  const segments = file.segments.map((s) => ({ ...s, rule: renameRuleFields(s.rule, rename) }))
  const lookup = lookupIn(segments)
  return {
    ...file,
    requires: { ...file.requires, fields },
    segments: segments.map((s) => ({ ...s, logic: expandedJsonLogic(s.rule, lookup, s.id) })),
    flows: file.flows.map((f) => ({ ...f, nodes: f.nodes.map((n) => renameFlowNode(n, rename)) })),
  }
}

/** The mapping chosen in `matches` (only the fields whose name changes). */
export const mappingOf = (matches: readonly FieldMatch[]): Map<string, string> =>
  new Map(matches.flatMap((m) => (m.target !== null && m.target !== m.required.name ? [[m.required.name, m.target] as [string, string]] : [])))
