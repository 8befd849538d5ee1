import type { FieldMeta } from '../fields/types'
import type { AggregateDefinition } from '../derive/definition'
import { newId } from '../logic/tree'
import type { TemplateId } from '../analysis/templates'
import { guessBinding, templateById } from '../analysis/templates'
import { classFlowGraph } from '../analysis/rfmFlow'
import type { Channel, FlowGraph } from './types'

/**
 * Notes: strategy-flow templates from the domain brief (DOMAIN.md). Each one reuses a segmentation
 * template of core/analysis/templates.ts (its rules, its field guessing on the current dataset) and
 * turns its segments into one split with one branch and one action per segment (rfmFlow's
 * classFlowGraph): the segments are disjoint by construction, so branch order does not change who
 * goes where. Texts come from the UI (core knows no language); channels are chosen here.
 */

export type FlowTemplateId = 'hotel' | 'lifecycle' | 'mall' | 'rfm'

/**
 * Templates built from the dataset's fields alone. Mall needs an event table (buildMallFlow), RFM the
 * buyers' means computed over the data (rfmFlowGraph in core/analysis/rfmFlow.ts).
 */
export type FieldFlowTemplateId = Exclude<FlowTemplateId, 'mall' | 'rfm'>

export interface FlowTemplateDef {
  id: FieldFlowTemplateId
  /** The segmentation template whose rules the flow uses. */
  segments: TemplateId
  /** Channel of each segment's action, by segment key. */
  channels: Readonly<Record<string, Channel>>
}

export const FLOW_TEMPLATES: readonly FlowTemplateDef[] = [
  // Business travellers keep points ("stay 3 nights, get 1 free"); self-payers get discounted rooms.
  { id: 'hotel', segments: 'hotel', channels: { business: 'wechat', selfPay: 'coupon' } },
  // Lifecycle win-back: welcome the new, keep the active, win back the at-risk and the lost.
  { id: 'lifecycle', segments: 'lifecycle', channels: { new: 'wechat', active: 'app_push', atRisk: 'coupon', lost: 'call', never: 'email' } },
]

/** User-visible texts of a template's flow, by segment key; `else` names the "everyone else" action. */
export interface FlowTemplateTexts {
  label: (segmentKey: string) => string
  action: (segmentKey: string) => string
  offer: (segmentKey: string) => string
  elseAction: string
  elseOffer: string
}

/** The flow, or the problems of the guessed field binding ("missing:<role>", "type:<role>", …). */
export type FlowTemplateResult = { graph: FlowGraph; problems: [] } | { graph: null; problems: string[] }

/**
 * Builds template `id` on the dataset's fields: guesses the fields each rule needs (by name and
 * type, as the segmentation templates do) with the default parameters, and makes the flow
 * entry (all customers) → split (one branch per segment) → one action per segment, else → elseAction.
 */
export function buildFlowTemplate(id: FieldFlowTemplateId, fields: readonly FieldMeta[], texts: FlowTemplateTexts): FlowTemplateResult {
  const def = FLOW_TEMPLATES.find((d) => d.id === id)
  if (!def) return { graph: null, problems: [`unknown:${id}`] }
  const template = templateById(def.segments)
  const binding = guessBinding(template, fields)
  const problems = template.check(binding, fields)
  if (problems.length > 0) return { graph: null, problems }
  const { segments } = template.build(binding, fields)
  const classes = segments.map((s) => ({
    label: texts.label(s.key), rule: s.rule, action: texts.action(s.key), offer: texts.offer(s.key), channel: def.channels[s.key] ?? 'sms',
  }))
  return { graph: classFlowGraph(classes, { name: texts.elseAction, offer: texts.elseOffer }), problems: [] }
}

// ---------------------------------------------------------------------------------------------
// Mall: category buyers → category push (DOMAIN.md "Mall": category affinity in a recent window)

/** What the mall template reads: an event table, its category and date columns, the window. */
export interface MallFlowInput {
  /** Id of the event table (purchases). */
  events: string
  categoryField: string
  dateField: string
  /** The window: purchases of the last `days` days up to the as-of day. */
  days: number
}

/** The derived field's name: the category bought most often in the last `days` days, e.g. "recent_category_90d". */
export const recentCategoryFieldName = (days: number): string => `recent_category_${days}d`

/**
 * The customer field the mall flow splits on: the category of most purchases in the window (the
 * `mode` aggregate: ties go to the smaller value, no purchase in the window = missing). One field,
 * so every customer has at most one "recent category" and the branches are disjoint: each customer
 * gets the push of the category they bought most, never several pushes from one flow.
 */
export function mallDerivedField(input: MallFlowInput, label?: string): AggregateDefinition {
  return {
    kind: 'aggregate', name: recentCategoryFieldName(input.days), events: input.events, aggregate: 'mode',
    of: input.categoryField, dateField: input.dateField, window: { lastDays: input.days }, ...(label ? { label } : {}),
  }
}

/** User-visible texts of the mall flow, by category value. */
export interface MallFlowTexts {
  label: (category: string) => string
  action: (category: string) => string
  offer: (category: string) => string
  elseAction: string
  elseOffer: string
}

/**
 * The mall flow on the derived field `field` (mallDerivedField's, of type `fieldType`): entry (all
 * customers) → split with one branch per category of `categories` ("recent category is X", in the
 * order given — most customers first) → an app push of that category's offer; everyone else (no
 * purchase in the window, or a category not listed) → `elseAction` by email.
 */
export function buildMallFlow(field: string, fieldType: 'category' | 'text', categories: readonly string[], texts: MallFlowTexts): FlowGraph {
  const classes = categories.map((value) => ({
    label: texts.label(value),
    rule: {
      kind: 'group' as const, id: newId(), combinator: 'and' as const,
      children: [{ kind: 'condition' as const, id: newId(), field, fieldType, op: fieldType === 'category' ? 'any_of' as const : 'in_list' as const, value: [value] }],
    },
    action: texts.action(value), offer: texts.offer(value), channel: 'app_push' as const,
  }))
  return classFlowGraph(classes, { name: texts.elseAction, offer: texts.elseOffer, channel: 'email' })
}
