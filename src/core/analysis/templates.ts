import type { FieldMeta, FieldType } from '../fields/types'
import type { AggregateDefinition } from '../derive/definition'
import { newId } from '../logic/tree'
import type { Condition, Group, Operator, RuleNode } from '../logic/types'

/*
 * Segmentation templates bound to the user's own fields (issue 7 item 8, DOMAIN.md). A template
 * names ROLES (what it needs: "days since the last purchase", "an invoice flag" …) and numeric
 * PARAMETERS (day thresholds …); a mapping dialog binds each role to a field of the dataset
 * (guessed by name and type, confirmed by the user); `build` then yields ordinary, editable
 * builder rules — one per segment — and, for category affinity, the derived field it needs.
 * The segments of a template are mutually exclusive where the template says so (lifecycle,
 * hotel), by construction (AND NOT the earlier ones), and tests check it.
 */

export type TemplateId = 'lifecycle' | 'hotel' | 'affinity'

export interface TemplateRole {
  key: string
  /** Field types that can play the role (e.g. days since the last purchase as a number, or the date itself). */
  types: readonly FieldType[]
  optional?: boolean
  /** Field names that suggest the role, most specific first. */
  guess: readonly RegExp[]
}

export interface TemplateParam {
  key: string
  default: number
  min: number
  max: number
}

/** One segment a template makes: `key` names it (the UI translates `analysis.templates.<id>.segments.<key>`). */
export interface TemplateSegment {
  key: string
  rule: Group
}

/** What a template makes from a mapping: segments, and derived fields to compute first (affinity). */
export interface TemplateResult {
  segments: TemplateSegment[]
  derived: AggregateDefinition[]
}

/** Role key → field name; parameter key → value; `text` values (a category) for templates that take one. */
export interface TemplateBinding {
  fields: Record<string, string | undefined>
  params: Record<string, number>
  text?: Record<string, string>
}

export interface TemplateDef {
  id: TemplateId
  roles: readonly TemplateRole[]
  params: readonly TemplateParam[]
  /** Problems of a binding (a key per problem, e.g. "missing:last", "order:activeDays"); empty = buildable. */
  check(binding: TemplateBinding, fields: readonly FieldMeta[]): string[]
  build(binding: TemplateBinding, fields: readonly FieldMeta[]): TemplateResult
}

// ---------------------------------------------------------------------------------------------
// Rule pieces

function cond(field: FieldMeta, op: Operator, value?: Condition['value']): Condition {
  const c: Condition = { kind: 'condition', id: newId(), field: field.name, op, fieldType: field.type }
  if (value !== undefined) c.value = value
  return c
}
const and = (...children: RuleNode[]): Group => ({ kind: 'group', id: newId(), combinator: 'and', children })
const not = (...children: RuleNode[]): Group => ({ kind: 'group', id: newId(), combinator: 'and', not: true, children })

/** "Within the last n days": days-since field < n, or a date in the last n days (as-of day included). */
function within(field: FieldMeta, n: number): Condition {
  return field.type === 'date' ? cond(field, 'in_last_days', n) : cond(field, 'lt', n)
}

/** "n or more days ago": days-since field ≥ n, or a date n or more days before the as-of date. Exactly not `within` among present values. */
function atLeast(field: FieldMeta, n: number): Condition {
  return field.type === 'date' ? cond(field, 'days_ago_at_least', n) : cond(field, 'ge', n)
}

/** "At least n": a number ≥ n, or a boolean that is true (n ignored). */
function atLeastValue(field: FieldMeta, n: number): Condition {
  return field.type === 'boolean' ? cond(field, 'is_true') : cond(field, 'ge', n)
}

const fieldOf = (fields: readonly FieldMeta[], name: string | undefined): FieldMeta | undefined =>
  name === undefined ? undefined : fields.find((f) => f.name === name)

/** Missing or ill-typed roles, as "missing:<role>" / "type:<role>". */
function roleProblems(roles: readonly TemplateRole[], binding: TemplateBinding, fields: readonly FieldMeta[]): string[] {
  const out: string[] = []
  for (const r of roles) {
    const f = fieldOf(fields, binding.fields[r.key])
    if (!f) {
      if (!r.optional) out.push(`missing:${r.key}`)
    } else if (!r.types.includes(f.type)) out.push(`type:${r.key}`)
  }
  return out
}

const whole = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0

// ---------------------------------------------------------------------------------------------
// Lifecycle: new / active / at risk / lost / never bought

const LIFECYCLE: TemplateDef = {
  id: 'lifecycle',
  roles: [
    { key: 'last', types: ['number', 'date'], guess: [/days_since_last/i, /recency/i, /^last_(order|purchase|stay)_date$/i, /最近.*(天|日期)/] },
    { key: 'first', types: ['number', 'date'], optional: true, guess: [/days_since_first/i, /tenure/i, /^first_(order|purchase|stay)_date$/i, /signup|register|注册/i] },
  ],
  params: [
    { key: 'newDays', default: 30, min: 1, max: 3650 },
    { key: 'activeDays', default: 90, min: 1, max: 3650 },
    { key: 'riskDays', default: 180, min: 2, max: 3650 },
  ],
  check(b, fields) {
    const out = roleProblems(this.roles, b, fields)
    const { newDays, activeDays, riskDays } = b.params
    if (![newDays, activeDays, riskDays].every(whole)) out.push('params')
    else if (!(activeDays < riskDays)) out.push('order:riskDays')
    return out
  },
  build(b, fields) {
    const last = fieldOf(fields, b.fields.last)!
    const first = fieldOf(fields, b.fields.first)
    const { newDays, activeDays, riskDays } = b.params
    // "New" comes first; every other class excludes it, so the five never overlap.
    const isNew = first ? within(first, newDays) : null
    const notNew = (): RuleNode[] => (isNew ? [not({ ...isNew, id: newId() })] : [])
    const segments: TemplateSegment[] = []
    if (isNew) segments.push({ key: 'new', rule: and(isNew) })
    segments.push(
      { key: 'active', rule: and(within(last, activeDays), ...notNew()) },
      { key: 'atRisk', rule: and(within(last, riskDays), atLeast(last, activeDays), ...notNew()) },
      { key: 'lost', rule: and(atLeast(last, riskDays), ...notNew()) },
      { key: 'never', rule: and(cond(last, 'is_empty'), ...notNew()) },
    )
    return { segments, derived: [] }
  },
}

// ---------------------------------------------------------------------------------------------
// Hotel: regular guests split by the invoice behaviour (DOMAIN.md "Hotel")

const HOTEL: TemplateDef = {
  id: 'hotel',
  roles: [
    { key: 'regular', types: ['number'], guess: [/months_stayed_last_3/i, /stays_last_90/i, /stay_count|order_count|frequency/i] },
    { key: 'invoice', types: ['number', 'boolean'], guess: [/invoice_stays/i, /invoice/i, /发票|凭证/] },
  ],
  params: [
    { key: 'regularMin', default: 3, min: 1, max: 1000 },
    { key: 'invoiceMin', default: 1, min: 0, max: 1000 },
  ],
  check(b, fields) {
    const out = roleProblems(this.roles, b, fields)
    if (![b.params.regularMin, b.params.invoiceMin].every(whole)) out.push('params')
    return out
  },
  build(b, fields) {
    const regular = fieldOf(fields, b.fields.regular)!
    const invoice = fieldOf(fields, b.fields.invoice)!
    const isRegular = (): Condition => cond(regular, 'ge', b.params.regularMin)
    const paysByInvoice = (): Condition => atLeastValue(invoice, b.params.invoiceMin)
    return {
      segments: [
        { key: 'business', rule: and(isRegular(), paysByInvoice()) },
        // No invoice (or no invoice information) counts as paying themselves.
        { key: 'selfPay', rule: and(isRegular(), not(paysByInvoice())) },
      ],
      derived: [],
    }
  },
}

// ---------------------------------------------------------------------------------------------
// Category affinity: bought in category X in the last N days (DOMAIN.md "Mall")

/** The derived field's name for category `value` over `days` days, e.g. "affinity_运动_30d". */
export function affinityFieldName(value: string, days: number): string {
  const safe = value.replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 40) || 'category'
  return `affinity_${safe}_${days}d`
}

const AFFINITY: TemplateDef = {
  id: 'affinity',
  // Roles over an EVENT table: fields are looked up in the event table's fields (the UI passes those).
  roles: [
    { key: 'category', types: ['category', 'text'], guess: [/category|品类|类目|store|门店/i] },
    { key: 'date', types: ['date'], guess: [/date|time|日期|时间/i] },
  ],
  params: [{ key: 'days', default: 30, min: 1, max: 3650 }],
  check(b, fields) {
    const out = roleProblems(this.roles, b, fields)
    if (!whole(b.params.days) || b.params.days < 1) out.push('params')
    if (!b.text?.value) out.push('missing:value')
    if (!b.text?.events) out.push('missing:events')
    return out
  },
  build(b, fields) {
    const category = fieldOf(fields, b.fields.category)!
    const value = b.text!.value
    const days = b.params.days
    const name = affinityFieldName(value, days)
    const derived: AggregateDefinition = {
      kind: 'aggregate', name, events: b.text!.events, aggregate: 'count', dateField: b.fields.date,
      filter: and(cond(category, category.type === 'category' ? 'any_of' : 'in_list', [value])),
      window: { lastDays: days },
    }
    const counted: FieldMeta = { name, type: 'number', derived: true }
    return { segments: [{ key: 'buyers', rule: and(cond(counted, 'ge', 1)) }], derived: [derived] }
  },
}

export const TEMPLATES: readonly TemplateDef[] = [LIFECYCLE, HOTEL, AFFINITY]

/** A template by id. */
export function templateById(id: TemplateId): TemplateDef {
  return TEMPLATES.find((t) => t.id === id)!
}

/**
 * The first field of a fitting type whose name matches a role's guesses (earlier guesses win),
 * for every role; fields already taken by an earlier role are skipped.
 */
export function guessBinding(template: TemplateDef, fields: readonly FieldMeta[]): TemplateBinding {
  const taken = new Set<string>()
  const out: Record<string, string | undefined> = {}
  for (const role of template.roles) {
    const candidates = fields.filter((f) => role.types.includes(f.type) && !taken.has(f.name))
    const hit = role.guess.map((re) => candidates.find((f) => re.test(f.name))).find((f) => f !== undefined)
    out[role.key] = hit?.name
    if (hit) taken.add(hit.name)
  }
  return { fields: out, params: Object.fromEntries(template.params.map((p) => [p.key, p.default])) }
}
