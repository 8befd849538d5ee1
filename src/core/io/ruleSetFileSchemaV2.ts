import { z } from 'zod'
import type { Channel } from '../flows/types'
import { flowEdge, group, id, jsonLogic, fieldType, RULESET_FORMAT, text } from './ruleSetFileSchema'
import type { RuleSetFieldV1, RuleSetFlowV1, RuleSetSegmentV1 } from './ruleSetFileSchema'

// Schema of rule-set files, version 2 (issue 8). DO NOT CHANGE THE MEANING OF A VERSION once
// released: a change of shape is a new version with a migration step (ruleSetFileMigrations.ts).
// Version 2 gathers everything a reader must support before using the file in one `requires`
// block (fields with types, custom operations, flow node types) and lists each segment's direct
// segment references, so that a reader can refuse a file it cannot run before reading the rules.

/** The version written by this app. */
export const RULESET_VERSION = 2

/** The contract a dataset and an app must meet to use the file. */
export interface RuleSetRequiresV2 {
  /** Every field the rules read (conditions, field comparisons, `var` in logic), with its type. */
  fields: RuleSetFieldV1[]
  /** Custom JSON-logic operations (customOps.ts) the logic uses. */
  customOperations: string[]
  /** Flow node types the flows use (sorted). */
  flowNodeTypes: string[]
}

export interface RuleSetSegmentV2 extends RuleSetSegmentV1 {
  /** Ids of the segments this segment's rule refers to directly (sorted, no duplicates). */
  references: string[]
}

/** Flows of version 2 may use every node type of core/flows/types.ts (random split with its seed, filter, entry rule, action money). */
export type RuleSetFlowV2 = RuleSetFlowV1

/** A shareable rule set, version 2 (README "Rule-set file format"). */
export interface RuleSetFileV2 {
  format: typeof RULESET_FORMAT
  version: 2
  name: string
  /** ISO date-time of the export. */
  exportedAt: string
  requires: RuleSetRequiresV2
  segments: RuleSetSegmentV2[]
  flows: RuleSetFlowV2[]
}

const fieldName = z.string().min(1, 'must not be empty').max(200)
const xy = z.strictObject({ x: z.number(), y: z.number() })
const CHANNELS: [Channel, ...Channel[]] = ['sms', 'email', 'wechat', 'app_push', 'coupon', 'call', 'none']
const money = z.number().min(0).max(1e12)

/** Flow nodes of version 2: version 1's three types with their new optional keys, plus random split and filter. */
const flowNodeV2 = z.discriminatedUnion('type', [
  z.strictObject({ id, type: z.literal('entry'), position: xy, data: z.strictObject({ segmentId: id.nullable(), rule: group.nullish() }) }),
  z.strictObject({
    id, type: z.literal('split'), position: xy,
    data: z.strictObject({ branches: z.array(z.strictObject({ id, label: text, rule: group })).max(1000) }),
  }),
  z.strictObject({
    id, type: z.literal('action'), position: xy,
    data: z.strictObject({ name: text, channel: z.enum(CHANNELS), offer: text, costPerCustomer: money.optional(), valuePerCustomer: money.optional() }),
  }),
  z.strictObject({
    id, type: z.literal('random'), position: xy,
    data: z.strictObject({
      seed: z.string().max(200), idField: fieldName,
      branches: z.array(z.strictObject({ id, label: text, basisPoints: z.number().int().min(0).max(10_000), control: z.boolean().optional() })).max(1000),
    }),
  }),
  z.strictObject({ id, type: z.literal('filter'), position: xy, data: z.strictObject({ label: text, rule: group }) }),
])

/** zod schema of a version-2 file (after the format/version header has been checked). */
export const ruleSetFileV2Schema = z.strictObject({
  format: z.literal(RULESET_FORMAT),
  version: z.literal(RULESET_VERSION),
  name: text,
  exportedAt: z.iso.datetime({ offset: true }),
  requires: z.strictObject({
    fields: z.array(z.strictObject({ name: fieldName, type: fieldType, dateFormat: z.enum(['date', 'datetime']).optional() })).max(10_000),
    customOperations: z.array(z.string().max(200)).max(1000),
    flowNodeTypes: z.array(z.string().max(200)).max(1000),
  }),
  segments: z.array(z.strictObject({
    id, name: text, color: z.string().max(100), rule: group, logic: jsonLogic,
    description: text.optional(), tags: z.array(z.string().max(200)).max(1000).optional(),
    references: z.array(id).max(10_000),
  })).max(10_000),
  flows: z.array(z.strictObject({
    id, name: text, nodes: z.array(flowNodeV2).max(10_000), edges: z.array(flowEdge).max(100_000),
  })).max(1000),
})
