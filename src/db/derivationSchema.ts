import { z } from 'zod'
import { AGGREGATES } from '../core/derive/definition'
import type { Aggregate, DerivedFieldDefinition } from '../core/derive/definition'
import { groupSchema, jsonLogicSchema } from './schemas'

// The shape of a derived-field definition, checked where definitions enter (worker requests) and
// where they are read back from storage. Whether one can be computed on a given dataset (fields,
// types, filters) is core/derive/checkDefinitions' business.

const name = z.string().min(1).max(100)
const fieldName = z.string().min(1).max(200)
const named = { name, label: z.string().max(200).optional() }

const windowSchema = z.union([
  z.object({ lastDays: z.number().int().min(1).max(100_000) }),
  z.object({ from: z.string().max(10), to: z.string().max(10) }),
])

const aggregateSchema = z.object({
  kind: z.literal('aggregate'),
  ...named,
  events: z.string().min(1).max(200),
  aggregate: z.enum(AGGREGATES as [Aggregate, ...Aggregate[]]),
  of: fieldName.optional(),
  dateField: fieldName.optional(),
  // A builder group is tried first: it is also valid JSON, so the order matters.
  filter: z.union([groupSchema, jsonLogicSchema]).optional(),
  window: windowSchema.optional(),
})

const ratioSchema = z.object({ kind: z.literal('ratio'), ...named, numerator: fieldName, denominator: fieldName })

const rfmSchema = z.object({
  kind: z.literal('rfm'),
  ...named,
  part: z.enum(['r', 'f', 'm', 'cell', 'class']),
  recency: fieldName,
  frequency: fieldName,
  monetary: fieldName,
})

/** At most this many tags per tag field, and this many frozen member ids per tag. */
export const MAX_TAGS = 200
export const MAX_FROZEN_IDS = 5_000_000

const segmentTagSchema = z.object({
  label: z.string().min(1).max(100),
  logic: jsonLogicSchema,
  segmentId: z.string().min(1).max(200).optional(),
  frozen: z.object({ at: z.string().max(10).optional(), ids: z.array(z.string().max(1000)).max(MAX_FROZEN_IDS).optional() }).optional(),
})

const segmentTagsSchema = z.object({ kind: z.literal('segmentTags'), ...named, tags: z.array(segmentTagSchema).min(1).max(MAX_TAGS) })

/** One derived-field definition (core/derive/definition.ts). */
export const derivationSchema: z.ZodType<DerivedFieldDefinition> = z.discriminatedUnion('kind', [aggregateSchema, ratioSchema, rfmSchema, segmentTagsSchema])

/** At most this many definitions per customer dataset. */
export const MAX_DERIVATIONS = 200

export const derivationListSchema = z.array(derivationSchema).max(MAX_DERIVATIONS)
