import { z } from 'zod'
import { FIELD_TYPES } from '../fields/types'
import type { FieldType } from '../fields/types'
import type { Channel, FlowEdge, FlowNode } from '../flows/types'
import { ALL_OPERATORS } from '../logic/operators'
import type { Group, JsonLogic, Operator } from '../logic/types'

// Schema of rule-set files, version 1. DO NOT CHANGE THE MEANING OF A VERSION once released:
// a change of shape is a new version with a migration step in ruleSetFile.ts (`MIGRATIONS`).
// Objects are strict so that a misspelt key is reported rather than silently dropped.

export const RULESET_FORMAT = 'segmentflow.ruleset'
/** Version 1 (files written before issue 8). The current version is in ruleSetFileSchemaV2.ts. */
export const RULESET_VERSION_V1 = 1

/** A field the rules of the file read: the contract a dataset must meet to use the file. */
export interface RuleSetFieldV1 {
  name: string
  type: FieldType
  dateFormat?: 'date' | 'datetime'
}

export interface RuleSetSegmentV1 {
  id: string
  name: string
  color: string
  rule: Group
  /** Optional since the library (issue 6): absent in older files, so version 1 still reads them. */
  description?: string
  tags?: string[]
  /**
   * Always the rule's JSON-logic with its segment references expanded (expandedJsonLogic over the
   * file's segments): self-contained for any JSON-logic runtime, and checked on import.
   */
  logic: JsonLogic
}

export interface RuleSetFlowV1 {
  id: string
  name: string
  nodes: FlowNode[]
  edges: FlowEdge[]
}

/** A shareable rule set, version 1 (README "Rule-set file format"). */
export interface RuleSetFileV1 {
  format: typeof RULESET_FORMAT
  version: 1
  name: string
  /** ISO date-time of the export. */
  exportedAt: string
  fields: RuleSetFieldV1[]
  /** Custom JSON-logic operations (customOps.ts) the logic of the file uses. */
  customOperations: string[]
  segments: RuleSetSegmentV1[]
  flows: RuleSetFlowV1[]
}

export const MAX_TEXT = 10_000
export const id = z.string().min(1, 'must not be empty').max(200)
export const text = z.string().max(MAX_TEXT)
export const fieldType = z.enum(FIELD_TYPES as unknown as [FieldType, ...FieldType[]])
const operator = z.enum(ALL_OPERATORS as unknown as [Operator, ...Operator[]])
const CHANNELS: [Channel, ...Channel[]] = ['sms', 'email', 'wechat', 'app_push', 'coupon', 'call']

/** Any JSON: its safety is checked by validateLogic, which reports precise paths. */
export const jsonLogic = z.custom<JsonLogic>((x) => x !== undefined, { message: 'missing JSON-logic' })

const conditionValue = z.union([
  z.number(), text, z.array(text),
  z.tuple([z.number(), z.number()]), z.tuple([text, text]), z.null(),
  // FieldRef: compare with another field (operators with fieldCompare).
  z.strictObject({ field: z.string().min(1, 'must not be empty').max(200) }),
])

const condition = z.strictObject({
  kind: z.literal('condition'),
  id,
  field: z.string().min(1, 'must not be empty').max(200),
  op: operator,
  value: conditionValue.optional(),
  fieldType: fieldType.optional(),
  disabled: z.boolean().optional(),
  ignoreCase: z.boolean().optional(),
})

const advanced = z.strictObject({ kind: z.literal('advanced'), id, logic: jsonLogic })

/** "Is (not) in segment": segmentId names a segment of the same file (checked in ruleSetFileChecks). */
const segmentRef = z.strictObject({
  kind: z.literal('segment'), id, segmentId: id, not: z.boolean().optional(), disabled: z.boolean().optional(),
})

type NodeUnion = z.ZodDiscriminatedUnion<[typeof condition, typeof group, typeof advanced, typeof segmentRef]>

export const group = z.strictObject({
  kind: z.literal('group'),
  id,
  combinator: z.enum(['and', 'or']),
  not: z.boolean().optional(),
  disabled: z.boolean().optional(),
  get children(): z.ZodArray<NodeUnion> {
    return z.array(z.discriminatedUnion('kind', [condition, group, advanced, segmentRef]))
  },
})

const xy = z.strictObject({ x: z.number(), y: z.number() })

export const flowNode = z.discriminatedUnion('type', [
  z.strictObject({ id, type: z.literal('entry'), position: xy, data: z.strictObject({ segmentId: id.nullable() }) }),
  z.strictObject({
    id, type: z.literal('split'), position: xy,
    data: z.strictObject({ branches: z.array(z.strictObject({ id, label: text, rule: group })) }),
  }),
  z.strictObject({
    id, type: z.literal('action'), position: xy,
    data: z.strictObject({ name: text, channel: z.enum(CHANNELS), offer: text }),
  }),
])

export const flowEdge = z.strictObject({ id, source: id, sourceHandle: id.nullish(), target: id })

/** zod schema of a version-1 file (after the format/version header has been checked). */
export const ruleSetFileV1Schema = z.strictObject({
  format: z.literal(RULESET_FORMAT),
  version: z.literal(RULESET_VERSION_V1),
  name: text,
  exportedAt: z.iso.datetime({ offset: true }),
  fields: z.array(z.strictObject({
    name: z.string().min(1, 'must not be empty').max(200),
    type: fieldType,
    dateFormat: z.enum(['date', 'datetime']).optional(),
  })),
  customOperations: z.array(z.string().max(200)),
  segments: z.array(z.strictObject({
    id, name: text, color: z.string().max(100), rule: group, logic: jsonLogic,
    description: text.optional(), tags: z.array(z.string().max(200)).max(1000).optional(),
  })),
  flows: z.array(z.strictObject({ id, name: text, nodes: z.array(flowNode), edges: z.array(flowEdge) })),
})
