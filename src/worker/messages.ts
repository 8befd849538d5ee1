import { z } from 'zod'
import { fieldMetaSchema, flowGraphSchema, groupSchema, jsonLogicSchema } from '../db/schemas'
import { derivationListSchema } from '../db/derivationSchema'
import { exportTablePayloadSchema } from './exportProtocol'
import { importCommitSchema, importDiscardSchema, importPrepareSchema, importPreviewSchema } from './importMessages'
import { MAX_OVERLAP_RULES, MAX_PAGE_ROWS } from './protocol'
import { PARETO_MAX, PARETO_MIN } from '../core/analysis/rfmProtocol'
import { MAX_GRID_BINS } from '../core/analysis/gridBins'
import type { EngineRequest, RequestType } from './protocol'

// zod schemas of incoming requests: the worker trusts nothing it is sent (DESIGN.md: zod at every
// edge). Sizes are bounded so that a confused caller cannot make the worker build huge answers.

const MAX_SAMPLE = 1000
const MAX_PAGE = 10_000
const MAX_RULES = 10_000
const MAX_STATS_BINS = 50

const datasetId = z.string().min(1).max(200)
const fieldName = z.string().min(1).max(200)
const ruleRef = z.object({ id: z.string().max(200), logic: jsonLogicSchema })

const importTableSchema = z.object({
  name: z.string().min(1).max(500),
  kind: z.enum(['customers', 'events']),
  fileName: z.string().max(500).optional(),
  text: z.string(),
  fields: z.array(fieldMetaSchema.nullable()).min(1),
  idField: z.string(),
  parentId: z.string().optional(),
  customerIdField: z.string().optional(),
  dateField: z.string().optional(),
  amountField: z.string().optional(),
  asOf: z.number().optional(),
  derivePrefix: z.string().max(50).optional(),
}).refine(
  (p) => p.kind === 'customers' || (p.parentId && p.customerIdField && p.dateField && p.amountField),
  { message: 'an events import needs parentId, customerIdField, dateField and amountField' },
)

const gridDimSchema = z.object({
  field: fieldName,
  method: z.enum(['equal', 'quantile', 'breaks']).optional(),
  bins: z.number().int().min(1).max(MAX_GRID_BINS).optional(),
  breaks: z.array(z.union([z.number().finite(), z.string().max(40)])).max(MAX_GRID_BINS - 1).optional(),
})
const gridPayloadSchema = z.object({
  datasetId, scope: jsonLogicSchema.optional(), rows: gridDimSchema, cols: gridDimSchema, measure: fieldName.optional(),
  split: z.object({ axis: z.enum(['rows', 'cols']), bin: z.number().int().min(0), dim: gridDimSchema }).optional(),
})

const payloadSchemas: Record<RequestType, z.ZodType> = {
  ensureDemo: z.object({}).optional(),
  loadHotelDemo: z.object({}).optional(),
  open: z.object({ datasetId }),
  count: z.object({
    datasetId, logic: jsonLogicSchema, sample: z.number().int().min(0).max(MAX_SAMPLE).optional(), measure: fieldName.optional(),
  }),
  counts: z.object({ datasetId, rules: z.array(z.object({ id: z.string(), logic: jsonLogicSchema })).max(MAX_RULES) }),
  overlap: z.object({
    datasetId,
    rules: z.array(ruleRef)
      .min(1, `give 1 to ${MAX_OVERLAP_RULES} segments to compare`)
      .max(MAX_OVERLAP_RULES, `at most ${MAX_OVERLAP_RULES} segments can be compared at once`),
  }),
  venn: z.object({ datasetId, rules: z.array(ruleRef).min(2, 'a Venn diagram takes 2 or 3 segments').max(3, 'a Venn diagram takes 2 or 3 segments') }),
  profile: z.object({
    datasetId, logic: jsonLogicSchema, baseLogic: jsonLogicSchema.optional(), fields: z.array(fieldName).max(500).optional(),
    bins: z.number().int().min(1).max(MAX_STATS_BINS).optional(), top: z.number().int().min(1).max(50).optional(),
  }),
  page: z.object({
    datasetId, logic: jsonLogicSchema, sortField: fieldName.optional(), direction: z.enum(['asc', 'desc']),
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(MAX_PAGE_ROWS, `a page holds at most ${MAX_PAGE_ROWS} rows`),
  }),
  breakdown: z.object({ datasetId, rule: groupSchema }),
  clusters: z.object({ datasetId, fields: z.array(fieldName).min(2).max(8), k: z.number().int().min(2).max(12) }),
  grid: gridPayloadSchema,
  deriveFields: z.object({ datasetId, definitions: derivationListSchema.optional(), asOf: z.number().int().optional() }),
  deleteEventTable: z.object({ datasetId }),
  flowCounts: z.object({ datasetId, graph: flowGraphSchema, segmentLogic: z.record(z.string(), jsonLogicSchema), measure: fieldName.optional() }),
  flowChecks: z.object({ datasetId, graph: flowGraphSchema, segmentLogic: z.record(z.string(), jsonLogicSchema) }),
  importTable: importTableSchema,
  importPreview: importPreviewSchema,
  importPrepare: importPrepareSchema,
  importCommit: importCommitSchema,
  importDiscard: importDiscardSchema,
  rfmAnalysis: z.object({ datasetId, fields: z.object({ recency: fieldName, frequency: fieldName, monetary: fieldName }) }),
  paretoAnalysis: z.object({ datasetId, field: fieldName, threshold: z.number().min(PARETO_MIN).max(PARETO_MAX) }),
  quadrantAnalysis: z.object({
    datasetId, frequency: fieldName, monetary: fieldName, method: z.enum(['mean', 'median', 'custom']),
    custom: z.object({ frequency: z.number().refine(Number.isFinite), monetary: z.number().refine(Number.isFinite) }).optional(),
  }).refine((p) => p.method !== 'custom' || p.custom !== undefined, { message: 'a custom split needs custom values' }),
  takeSnapshot: z.object({
    datasetId, ruleSetId: z.string().min(1).max(200),
    segments: z.array(z.object({ id: z.string().max(200), name: z.string().max(500), logic: jsonLogicSchema })).max(MAX_RULES),
  }),
  compareSnapshots: z.object({ earlierId: z.string().min(1).max(700), laterId: z.string().min(1).max(700), churn: z.number().gt(0).max(1).optional() }),
  exportTable: exportTablePayloadSchema,
  rows: z.object({ datasetId, offset: z.number().int().min(0), limit: z.number().int().min(0).max(MAX_PAGE) }),
  members: z.object({ datasetId, logic: jsonLogicSchema }),
  fieldValues: z.object({ datasetId, fields: z.array(z.string().max(200)).max(500), limit: z.number().int().min(1).max(1000) }),
  fieldStats: z.object({ datasetId, fields: z.array(z.string().max(200)).max(500), bins: z.number().int().min(1).max(MAX_STATS_BINS) }),
}

const envelopeSchema = z.object({
  seq: z.number().int(),
  type: z.enum(Object.keys(payloadSchemas) as [RequestType, ...RequestType[]]),
  payload: z.unknown(),
})

const cancelSchema = z.object({ type: z.literal('cancel'), seq: z.number().int() })

export type Incoming =
  | { kind: 'request'; request: EngineRequest }
  | { kind: 'cancel'; seq: number }
  | { kind: 'invalid'; seq: number | null; message: string }

function describe(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
}

/** Classifies a message sent to the worker, checking its payload against the request's schema. */
export function parseIncoming(message: unknown): Incoming {
  const cancel = cancelSchema.safeParse(message)
  if (cancel.success) return { kind: 'cancel', seq: cancel.data.seq }
  const env = envelopeSchema.safeParse(message)
  if (!env.success) {
    const seq = (message as { seq?: unknown } | null)?.seq
    return { kind: 'invalid', seq: typeof seq === 'number' ? seq : null, message: `bad request: ${describe(env.error)}` }
  }
  const payload = payloadSchemas[env.data.type].safeParse(env.data.payload)
  if (!payload.success) return { kind: 'invalid', seq: env.data.seq, message: `bad ${env.data.type} request: ${describe(payload.error)}` }
  // The payload as sent (zod's copy would drop unknown keys, which handlers ignore anyway).
  return { kind: 'request', request: { seq: env.data.seq, type: env.data.type, payload: env.data.payload ?? {} } as EngineRequest }
}
