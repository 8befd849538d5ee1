import type { FieldMeta } from '../fields/types'
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
 * RFM classes need the dataset's means: that flow is made from the RFM analysis view.
 */

export type FlowTemplateId = 'hotel' | 'lifecycle'

export interface FlowTemplateDef {
  id: FlowTemplateId
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
export function buildFlowTemplate(id: FlowTemplateId, fields: readonly FieldMeta[], texts: FlowTemplateTexts): FlowTemplateResult {
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
