import type { FieldMeta } from '../fields/types'
import { CUSTOM_OPERATIONS } from '../logic/customOps'
import type { JsonLogic } from '../logic/types'
import { pathKey, STANDARD_OPERATIONS, validateLogic } from '../logic/validateLogic'
import { toJsonLogic } from '../logic/toJsonLogic'
import { compareFieldContract, MAX_RULESET_FILE_CHARS, MAX_RULESET_FILE_DEPTH, parseRuleSetFile } from './ruleSetFile'
import type { RuleSetFile } from './ruleSetFile'
import { parseJson, scanJsonTree, stripBom } from './ruleSetFileJson'
import type { ImportIssue } from './types'

/** A rule read from a rules file, with where it is in the file and whose it is (for messages). */
export interface NamedRule {
  name: string
  logic: JsonLogic
  /** JSON path of the rule in the file, e.g. `$.segments[0].logic` or `$["VIP"]`. */
  path: string
  /** Who the rule belongs to, for messages: `segment "VIP"`, `flow "F", branch "B"`. */
  owner: string
  /** Whether `logic` is the JSON at `path` (false: it is compiled from the rule tree there). */
  literal: boolean
}

/** The rules of a file: a SegmentFlow rule set, one bare JSON-logic expression, or names → expressions. */
export interface RulesFile {
  fileName: string
  kind: 'ruleset' | 'logic' | 'map'
  segments: NamedRule[]
  /** Rule sets only: the whole file (flows, field contract). */
  ruleSet?: RuleSetFile
  /** Rule sets only: every split branch's rule, so that the fields they read can be checked too. */
  branches: NamedRule[]
}

export type ReadRulesResult = { ok: true; rules: RulesFile } | { ok: false; errors: ImportIssue[] }

/** Operation names that make a one-key object a bare expression rather than a one-segment map. */
const OPERATION_NAMES = new Set<string>([...STANDARD_OPERATIONS, ...CUSTOM_OPERATIONS, 'method'])

type Problem = Omit<ImportIssue, 'file'>

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** `vip.json` → `vip`: a bare expression's segment is named after its file. */
function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.json$/i, '') || 'segment'
}

/** The named rules of a JSON value that is not a rule-set file, or why it holds none. */
function rulesOf(value: unknown, fileName: string): { kind: 'logic' | 'map'; segments: NamedRule[] } | Problem {
  const keys = isObject(value) ? Object.keys(value) : []
  if (typeof value === 'boolean' || (keys.length === 1 && OPERATION_NAMES.has(keys[0]))) {
    const name = baseName(fileName)
    return { kind: 'logic', segments: [{ name, logic: value as JsonLogic, path: '$', owner: `segment "${name}"`, literal: true }] }
  }
  if (!isObject(value) || keys.length === 0) {
    return {
      path: '$', code: 'not_rules',
      reason: 'expected a JSON-logic expression, an object mapping segment names to JSON-logic expressions, or a SegmentFlow rule-set file',
    }
  }
  return { kind: 'map', segments: keys.map((name) => ({ name, logic: value[name] as JsonLogic, path: '$' + pathKey(name), owner: `segment "${name}"`, literal: true })) }
}

/**
 * Problems of one rule: it must be an operation (a one-key object) or true/false — a bare number,
 * string or array is data, not a rule — and pass validateLogic (paths are the file's JSON paths).
 */
function ruleProblems(rule: NamedRule): Problem[] {
  if (rule.name.trim() === '') return [{ path: rule.path, code: 'empty_name', reason: 'a segment name must not be empty' }]
  if (typeof rule.logic !== 'boolean' && !isObject(rule.logic)) {
    return [{
      path: rule.path, code: 'not_a_rule',
      reason: `${rule.owner}: a rule must be a JSON-logic operation (an object with one key) or true/false, not ${JSON.stringify(rule.logic)?.slice(0, 60)}` +
        (OPERATION_NAMES.has(rule.name) ? '' : ` (if "${rule.name}" is meant as an operation, it is not a known one)`),
    }]
  }
  return validateLogic(rule.logic).map((i) => ({ path: rule.path + i.path.slice(1), code: 'unsafe_logic', reason: `${rule.owner}: ${i.reason}` }))
}

/** The segments and split-branch rules of a valid rule-set file. */
function ruleSetRules(file: RuleSetFile): { segments: NamedRule[]; branches: NamedRule[] } {
  const segments = file.segments.map((s, i) => ({ name: s.name, logic: s.logic, path: `$.segments[${i}].logic`, owner: `segment "${s.name}"`, literal: true }))
  const branches = file.flows.flatMap((f, i) => f.nodes.flatMap((n, k) => n.type !== 'split' ? [] : n.data.branches.map((b, j) => ({
    name: b.label, logic: toJsonLogic(b.rule), path: `$.flows[${i}].nodes[${k}].data.branches[${j}].rule`, owner: `flow "${f.name}", branch "${b.label}"`, literal: false,
  }))))
  return { segments, branches }
}

/**
 * Reads a rules file completely before anything is evaluated. Three shapes are accepted:
 * a SegmentFlow rule-set file (an object with a "format"; checked by parseRuleSetFile), a bare
 * JSON-logic expression (one segment, named after the file), or an object mapping segment names to
 * JSON-logic expressions (rules written by other tools, taken as they are). All are validated like an
 * imported rule file: size and nesting bounded, prototype keys refused, JSON syntax errors with line
 * and column, every expression through validateLogic (unknown and unsafe operations refused), each
 * problem with its JSON path. Whether the data has the fields is checkRuleFields' question.
 */
export function readRules(text: string, fileName: string): ReadRulesResult {
  const parsed = text.length > MAX_RULESET_FILE_CHARS ? null : parseJson(stripBom(text))
  const value = parsed?.ok ? parsed.value : undefined
  // The rule-set importer checks size, JSON syntax, nesting and prototype keys before it looks for a
  // format, so every file failing those gets the same messages (and line and column) from it.
  const ruleSetShaped = isObject(value) && typeof value.format === 'string'
  if (!parsed?.ok || ruleSetShaped || scanJsonTree(value, MAX_RULESET_FILE_DEPTH, 1).length > 0) {
    const r = parseRuleSetFile(text, fileName)
    if (!r.ok) return r
    return { ok: true, rules: { fileName, kind: 'ruleset', ruleSet: r.file, ...ruleSetRules(r.file) } }
  }
  const fail = (problems: Problem[]): ReadRulesResult =>
    ({ ok: false, errors: problems.slice(0, 100).map((p) => ({ file: fileName, ...p })) })
  const found = rulesOf(value, fileName)
  if (!('kind' in found)) return fail([found])
  const problems = found.segments.flatMap(ruleProblems)
  if (problems.length > 0) return fail(problems)
  return { ok: true, rules: { fileName, kind: found.kind, segments: found.segments, branches: [] } }
}

const UNKNOWN_FIELD = /^unknown field "(.*)"$/

/**
 * Checks rules against the fields of the data they will run on. A rule that reads a field the data
 * does not have is an error naming the rules file, the JSON path, the rule's owner (segment or flow
 * branch) and the field. For a rule set, a field whose type differs from the one the file declares is
 * a warning: the rules still run, but may select other customers than where they were made.
 */
export function checkRuleFields(
  rules: RulesFile,
  fields: readonly FieldMeta[],
  dataName: string,
): { errors: ImportIssue[]; warnings: ImportIssue[] } {
  const names = fields.map((f) => f.name)
  const seen = new Set<string>()
  const errors = [...rules.segments, ...rules.branches].flatMap((rule) => validateLogic(rule.logic, { fields: names }).flatMap((i): ImportIssue[] => {
    const field = UNKNOWN_FIELD.exec(i.reason)?.[1]?.split('.')[0]
    const key = `${rule.path}\u0000${field ?? i.reason}`
    if (seen.has(key)) return []
    seen.add(key)
    return [{
      file: rules.fileName, path: rule.literal ? rule.path + i.path.slice(1) : rule.path, field, code: 'unknown_field',
      reason: field === undefined ? `${rule.owner}: ${i.reason}` : `${rule.owner} reads the field "${field}", which ${dataName} does not have`,
    }]
  }))
  const declared = rules.ruleSet?.requires.fields ?? []
  const warnings = compareFieldContract(declared, fields).typeMismatch.map((m): ImportIssue => ({
    file: rules.fileName, path: `$.requires.fields[${declared.findIndex((f) => f.name === m.name)}]`, field: m.name, code: 'field_type_mismatch',
    reason: `field "${m.name}" is ${m.actual} in ${dataName}, but the rule set was made for ${m.expected}: its rules may select other customers`,
  }))
  return { errors, warnings }
}
