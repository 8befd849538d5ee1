import { parseIsoDate } from '../engine/columns'
import { toFieldName } from '../fields/fieldNames'
import type { FieldMeta } from '../fields/types'
import { validateLogic } from '../logic/validateLogic'
import { AGGREGATE_OF_TYPES, AGGREGATES, DATE_AGGREGATES, filterLogic, resultField } from './definition'
import type { AggregateDefinition, DerivedFieldDefinition, DeriveWindow, SegmentTagsDefinition } from './definition'
import { varsRead } from './segmentTags'

/** A definition that cannot be computed: which one, a machine-readable code, and an English reason. */
export interface DefinitionIssue {
  /** Index in the list checked, and the definition's name. */
  index: number
  name: string
  code:
    | 'bad_name' | 'duplicate_name' | 'name_taken' | 'unknown_events' | 'bad_aggregate' | 'needs_field' | 'unknown_field'
    | 'wrong_type' | 'needs_date' | 'bad_window' | 'bad_filter' | 'self_reference' | 'bad_label' | 'duplicate_label'
    | 'bad_rule' | 'bad_frozen'
  /** Parameters of the message (the field, the expected types, …). */
  params?: Record<string, string | number>
  reason: string
}

export interface DefinitionContext {
  /** The customer table's fields (derived ones included). */
  customerFields: readonly FieldMeta[]
  /** The fields of each event table of the customer dataset, by id. */
  eventTables: Readonly<Record<string, readonly FieldMeta[]>>
}

const MAX_NAME = 100
const MAX_WINDOW_DAYS = 100_000
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

type Report = (code: DefinitionIssue['code'], reason: string, params?: DefinitionIssue['params']) => void

function checkName(def: DerivedFieldDefinition, ctx: DefinitionContext, seen: Set<string>, report: Report): void {
  const name = def.name
  if (typeof name !== 'string' || name === '' || name.length > MAX_NAME || toFieldName(name, 0) !== name) {
    report('bad_name', 'a field name must be 1–100 characters without dots, spaces around it or prototype keys')
  } else if (seen.has(name)) report('duplicate_name', `two definitions create "${name}"`)
  else if (ctx.customerFields.some((f) => f.name === name && !f.derived)) report('name_taken', `"${name}" is an imported field`, { field: name })
  seen.add(name)
}

function checkWindow(w: DeriveWindow, report: Report): void {
  if ('lastDays' in w) {
    if (!Number.isInteger(w.lastDays) || w.lastDays < 1 || w.lastDays > MAX_WINDOW_DAYS) report('bad_window', `last N days needs a whole number from 1 to ${MAX_WINDOW_DAYS}`)
    return
  }
  const from = ISO_DAY.test(w.from) ? parseIsoDate(w.from) : NaN
  const to = ISO_DAY.test(w.to) ? parseIsoDate(w.to) : NaN
  if (Number.isNaN(from) || Number.isNaN(to) || from > to) report('bad_window', 'a date range needs two dates (YYYY-MM-DD), the first not after the second')
}

function checkEventField(fields: readonly FieldMeta[], name: string, types: readonly string[], report: Report): void {
  const f = fields.find((x) => x.name === name)
  if (!f) report('unknown_field', `the event table has no field "${name}"`, { field: name })
  else if (!types.includes(f.type)) report('wrong_type', `"${name}" is ${f.type}, expected ${types.join(' or ')}`, { field: name, type: f.type })
}

function checkAggregate(def: AggregateDefinition, ctx: DefinitionContext, report: Report): void {
  if (!AGGREGATES.includes(def.aggregate)) return report('bad_aggregate', `unknown aggregate "${String(def.aggregate)}"`)
  const fields = ctx.eventTables[def.events]
  if (!fields) return report('unknown_events', 'its event table does not exist (any more)')
  const ofTypes = AGGREGATE_OF_TYPES[def.aggregate]
  if (ofTypes.length > 0) {
    if (def.of === undefined) report('needs_field', `${def.aggregate} needs an event field`)
    else checkEventField(fields, def.of, ofTypes, report)
  }
  if (def.dateField !== undefined) checkEventField(fields, def.dateField, ['date'], report)
  else if (DATE_AGGREGATES.has(def.aggregate) || def.window) report('needs_date', 'dates and windows need the event table\'s date column')
  if (def.window) checkWindow(def.window, report)
  let logic
  try {
    logic = filterLogic(def)
  } catch (e) {
    return report('bad_filter', (e as Error).message)
  }
  if (logic === null) return
  const issues = validateLogic(logic, { fields: fields.map((f) => f.name) })
  if (issues.length > 0) report('bad_filter', `${issues[0].path}: ${issues[0].reason}`)
}

/** Number fields a customer-level definition may read: the customer table's, then those defined earlier. */
function numberFields(defs: readonly DerivedFieldDefinition[], upTo: number, ctx: DefinitionContext): Map<string, string> {
  const types = new Map(ctx.customerFields.map((f) => [f.name, f.type as string]))
  defs.forEach((d, i) => {
    if (i >= upTo && d.kind !== 'aggregate') return
    const ofType = d.kind === 'aggregate' && d.of !== undefined ? ctx.eventTables[d.events]?.find((f) => f.name === d.of) : undefined
    types.set(d.name, resultField(d, ofType).type)
  })
  return types
}

/**
 * Fields a tag's rule may read: the customer table's and every definition's except tag fields that are
 * not computed before this one (its own — a cycle — and those listed after it).
 */
function tagReadable(defs: readonly DerivedFieldDefinition[], upTo: number, ctx: DefinitionContext): Set<string> {
  const later = new Set(defs.filter((d, i) => d.kind === 'segmentTags' && i >= upTo).map((d) => d.name))
  return new Set([...ctx.customerFields.map((f) => f.name), ...defs.map((d) => d.name)].filter((n) => !later.has(n)))
}

function checkSegmentTags(def: SegmentTagsDefinition, readable: Set<string>, report: Report): void {
  if (!Array.isArray(def.tags) || def.tags.length === 0) return report('bad_rule', 'a tag field needs at least one tag')
  const labels = new Set<string>()
  def.tags.forEach((tag, k) => {
    const label = tag.label
    if (typeof label !== 'string' || label.trim() === '' || label !== label.trim() || label.length > MAX_NAME) {
      report('bad_label', 'a tag label must be 1–100 characters without spaces around it', { tag: k + 1 })
    } else if (labels.has(label)) report('duplicate_label', `two tags of "${def.name}" are labelled "${label}"`, { label })
    labels.add(label)
    if (tag.frozen?.ids !== undefined && !(typeof tag.frozen.at === 'string' && ISO_DAY.test(tag.frozen.at))) {
      report('bad_frozen', `tag "${label}": a frozen tag needs its date (YYYY-MM-DD)`, { label })
    }
    if (tag.frozen?.ids !== undefined) return
    if (varsRead(tag.logic).has(def.name)) return report('self_reference', `tag "${label}": its rule reads "${def.name}", the field it writes`, { field: def.name, label })
    const issues = validateLogic(tag.logic, { fields: [...readable] })
    if (issues.length > 0) report('bad_rule', `tag "${label}": ${issues[0].path}: ${issues[0].reason}`, { label })
  })
}

/**
 * Everything that keeps a list of definitions from being computed, before any work is done: names
 * (valid, unique, not an imported field), aggregates, event tables and their fields with fitting
 * types, the date column, windows, filters (validateLogic over the event fields) and the number
 * fields ratio and RFM definitions read (customer fields, aggregates, or earlier definitions); for tags
 * from segments, the labels (valid, unique per field), frozen dates, and the rules (validateLogic over
 * the fields computed before them — a rule reading its own tag field is a cycle, refused).
 */
export function checkDefinitions(defs: readonly DerivedFieldDefinition[], ctx: DefinitionContext): DefinitionIssue[] {
  const issues: DefinitionIssue[] = []
  const seen = new Set<string>()
  defs.forEach((def, index) => {
    const report: Report = (code, reason, params) => issues.push({ index, name: def.name, code, reason, ...(params ? { params } : {}) })
    checkName(def, ctx, seen, report)
    if (def.kind === 'aggregate') return checkAggregate(def, ctx, report)
    if (def.kind === 'segmentTags') return checkSegmentTags(def, tagReadable(defs, index, ctx), report)
    const available = numberFields(defs, index, ctx)
    const inputs = def.kind === 'ratio' ? [def.numerator, def.denominator] : [def.recency, def.frequency, def.monetary]
    for (const input of inputs) {
      if (input === def.name) report('self_reference', `"${def.name}" cannot read itself`, { field: input })
      else if (!available.has(input)) report('unknown_field', `the customers have no field "${input}"`, { field: input })
      else if (available.get(input) !== 'number') report('wrong_type', `"${input}" is ${available.get(input)}, expected number`, { field: input, type: available.get(input)! })
    }
  })
  return issues
}
