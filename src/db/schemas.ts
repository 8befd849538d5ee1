import { z } from 'zod'
import { FIELD_TYPES } from '../core/fields/types'

// Shapes of stored documents, checked on load (DESIGN.md: zod at every edge). Unknown keys are
// allowed so that a document written by a newer build is not rejected for carrying extra hints.

/** Operators a stored condition may use: the core catalogue (a test keeps them equal; db imports core types only). */
export const STORED_OPERATORS = [
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'not_between',
  'text_eq', 'text_ne', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in_list', 'not_in_list',
  'any_of', 'all_of', 'none_of', 'is_true', 'is_false',
  'before', 'after', 'on', 'date_between', 'in_last_days', 'in_last_weeks', 'in_last_months',
  'days_ago_at_least', 'in_next_days', 'anniversary_month', 'is_empty', 'not_empty',
] as const

/** Any JSON value: the shape of a JSON-logic expression (its safety is checked by core/logic). */
export const jsonLogicSchema = z.json()

export const fieldMetaSchema = z.object({
  name: z.string().min(1),
  type: z.enum(FIELD_TYPES as [string, ...string[]]),
  dateFormat: z.enum(['date', 'datetime']).optional(),
  derived: z.boolean().optional(),
})

const conditionValueSchema = z.union([
  z.number(), z.string(), z.array(z.string()),
  z.tuple([z.number(), z.number()]), z.tuple([z.string(), z.string()]), z.null(),
  z.object({ field: z.string() }),
])

const conditionSchema = z.object({
  kind: z.literal('condition'),
  id: z.string(),
  field: z.string(),
  op: z.enum(STORED_OPERATORS),
  value: conditionValueSchema.optional(),
  fieldType: z.enum(FIELD_TYPES as [string, ...string[]]).optional(),
  disabled: z.boolean().optional(),
  ignoreCase: z.boolean().optional(),
})

const advancedSchema = z.object({ kind: z.literal('advanced'), id: z.string(), logic: jsonLogicSchema })

const segmentRefSchema = z.object({
  kind: z.literal('segment'), id: z.string(), segmentId: z.string(), not: z.boolean().optional(), disabled: z.boolean().optional(),
})

export const groupSchema = z.object({
  kind: z.literal('group'),
  id: z.string(),
  combinator: z.enum(['and', 'or']),
  not: z.boolean().optional(),
  disabled: z.boolean().optional(),
  get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof conditionSchema, typeof groupSchema, typeof advancedSchema, typeof segmentRefSchema]>> {
    return z.array(z.discriminatedUnion('kind', [conditionSchema, groupSchema, advancedSchema, segmentRefSchema]))
  },
})

const stamp = { createdAt: z.number(), updatedAt: z.number() }

export const segmentSchema = z.object({
  id: z.string().min(1),
  ruleSetId: z.string().min(1),
  name: z.string(),
  color: z.string(),
  rule: groupSchema,
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  ...stamp,
})

const xySchema = z.object({ x: z.number(), y: z.number() })

const flowNodeSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(), type: z.literal('entry'), position: xySchema,
    data: z.object({ segmentId: z.string().nullable(), rule: groupSchema.nullish() }),
  }),
  z.object({
    id: z.string(), type: z.literal('split'), position: xySchema,
    data: z.object({ branches: z.array(z.object({ id: z.string(), label: z.string(), rule: groupSchema })) }),
  }),
  z.object({
    id: z.string(), type: z.literal('action'), position: xySchema,
    data: z.object({
      name: z.string(), channel: z.enum(['sms', 'email', 'wechat', 'app_push', 'coupon', 'call', 'none']), offer: z.string(),
      costPerCustomer: z.number().min(0).optional(), valuePerCustomer: z.number().min(0).optional(),
    }),
  }),
  // Flow nodes of issue 8 (core/flows/types.ts): a random split by hash buckets, and a filter.
  z.object({
    id: z.string(), type: z.literal('random'), position: xySchema,
    data: z.object({
      seed: z.string().max(200), idField: z.string().min(1).max(200),
      branches: z.array(z.object({
        id: z.string(), label: z.string(), basisPoints: z.number().int().min(0).max(10_000), control: z.boolean().optional(),
      })),
    }),
  }),
  z.object({ id: z.string(), type: z.literal('filter'), position: xySchema, data: z.object({ label: z.string(), rule: groupSchema }) }),
])

export const flowGraphSchema = z.object({
  nodes: z.array(flowNodeSchema),
  edges: z.array(z.object({ id: z.string(), source: z.string(), sourceHandle: z.string().nullish(), target: z.string() })),
})

export const flowSchema = flowGraphSchema.extend({
  id: z.string().min(1),
  ruleSetId: z.string().min(1),
  name: z.string(),
  ...stamp,
})

export const ruleSetSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  createdAt: z.number(),
  source: z.string().optional(),
})

export const datasetMetaSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(['customers', 'events']),
  parentId: z.string().optional(),
  customerIdField: z.string().optional(),
  idField: z.string(),
  rowCount: z.number().int().nonnegative(),
  fields: z.array(fieldMetaSchema),
  asOf: z.number(),
  version: z.number().int(),
  createdAt: z.number(),
  status: z.enum(['staging', 'ready']),
  source: z.string(),
})

/** A stored document: the domain shape plus its format version and, for datasets, the chunk size. */
export const storedDatasetSchema = datasetMetaSchema.extend({ schemaVersion: z.literal(1), chunkSize: z.number().int().positive() })
export const storedRuleSetSchema = ruleSetSchema.extend({ schemaVersion: z.literal(1) })
export const storedSegmentSchema = segmentSchema.extend({ schemaVersion: z.literal(1) })
export const storedFlowSchema = flowSchema.extend({ schemaVersion: z.literal(1) })

/** A short, readable account of why a document failed its schema (first few problems). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
}
