import { computeGrid } from '../core/analysis/gridTable'
import type { Bitset } from '../core/engine/bitset'
import { computePareto } from '../core/analysis/paretoCurve'
import { computeQuadrants, quadrantBuyers, quadrantSplit } from '../core/analysis/quadrants'
import { computeRfmAnalysis } from '../core/analysis/rfmClasses'
import { valueColumns, valueFieldsIssue, type ValueColumns, type ValueFields } from '../core/analysis/rfmFields'
import { PARETO_POINTS, QUADRANT_BINS } from '../core/analysis/rfmProtocol'
import { breakdownOf, duplicateNodeIds } from '../core/engine/breakdown'
import { rowAt, type ColumnarTable } from '../core/engine/columns'
import { measureFieldIssue, measureStats } from '../core/engine/measure'
import { overlapMatrix } from '../core/engine/overlap'
import { MemberOrderCache, memberPage } from '../core/engine/page'
import { fieldStats, memberIds, sampleRows, topValues } from '../core/engine/query'
import { sortFieldIssue } from '../core/engine/sortKeys'
import { computeFlowCounts } from '../core/flows/computeFlowCounts'
import { planBranchChecks, summarizeBranchChecks } from '../core/flows/flowChecks'
import type { FlowCounts } from '../core/flows/types'
import { setEvaluationAsOf } from '../core/logic/customOps'
import { toJsonLogic } from '../core/logic/toJsonLogic'
import type { JsonLogic } from '../core/logic/types'
import { validateLogic } from '../core/logic/validateLogic'
import { readRows } from '../db/datasets'
import type { WorkContext } from './context'
import type { LoadedDataset } from './datasetCache'
import type { RequestPayload, RequestResult } from './protocol'
import { WorkerError } from './workerError'

/**
 * Evaluates one rule on a loaded dataset. The logic comes from another thread and may come from an
 * imported file, so it is checked first: json-logic-js is not a sandbox (DESIGN.md §4).
 */
export function evaluate(d: LoadedDataset, logic: JsonLogic): Bitset {
  checkLogic(logic)
  // The reference date of in_last_days is module state of customOps: set it for this dataset.
  setEvaluationAsOf(d.meta.asOf)
  return d.engine.evaluate(logic)
}

/** Refuses logic that validateLogic refuses; `label` says which rule of a request it is. */
export function checkLogic(logic: JsonLogic, label = ''): void {
  const issues = validateLogic(logic)
  if (issues.length > 0) throw new WorkerError('invalid_logic', `${label}${issues[0].path}: ${issues[0].reason}`)
}

/** A request that names a field the dataset cannot use that way: 'bad_request' with the reason. */
function refuseField(issue: string | null): void {
  if (issue) throw new WorkerError('bad_request', issue)
}

/** Loads the dataset and gives a cancel that arrived meanwhile a chance to land. */
export async function loaded(ctx: WorkContext, datasetId: string): Promise<LoadedDataset> {
  const d = await ctx.datasets.get(datasetId)
  await ctx.checkpoint()
  return d
}

/** 'open': loads the customer table into memory. */
export async function handleOpen(ctx: WorkContext, p: RequestPayload<'open'>): Promise<RequestResult<'open'>> {
  return (await loaded(ctx, p.datasetId)).meta
}

/** 'count': size of a rule's audience, the table's size, and the first members. */
export async function handleCount(ctx: WorkContext, p: RequestPayload<'count'>): Promise<RequestResult<'count'>> {
  const d = await loaded(ctx, p.datasetId)
  if (p.measure !== undefined) refuseField(measureFieldIssue(d.table, p.measure))
  const bits = evaluate(d, p.logic)
  const sample = p.sample ? sampleRows(d.table, bits, p.sample, d.meta.idField) : []
  const result: RequestResult<'count'> = { count: bits.count(), total: d.table.rowCount, sample }
  if (p.measure !== undefined) result.measure = measureStats(d.table, bits, p.measure)
  return result
}

/**
 * 'counts': audience size of each rule. A rule the engine refuses is left out of the answer rather
 * than failing the others (one broken segment must not blank the whole list).
 */
export async function handleCounts(ctx: WorkContext, p: RequestPayload<'counts'>): Promise<RequestResult<'counts'>> {
  const d = await loaded(ctx, p.datasetId)
  const out: Record<string, number> = {}
  for (const rule of p.rules) {
    await ctx.checkpoint()
    try {
      out[rule.id] = evaluate(d, rule.logic).count()
    } catch (e) {
      if (!(e instanceof WorkerError && e.code === 'invalid_logic')) throw e
    }
  }
  return out
}

/** 'flowChecks': branch sizes and overlaps of every rule split, one probe at a time (progress, cancel). */
export async function handleFlowChecks(ctx: WorkContext, p: RequestPayload<'flowChecks'>): Promise<RequestResult<'flowChecks'>> {
  const d = await loaded(ctx, p.datasetId)
  const probes = planBranchChecks(p.graph, p.segmentLogic)
  const counts: FlowCounts[] = []
  for (const probe of probes) {
    ctx.progress({ phase: 'flowChecks', done: counts.length, total: probes.length })
    await ctx.checkpoint()
    counts.push(computeFlowCounts(probe.graph, (logic) => evaluate(d, logic), d.table.rowCount, p.segmentLogic))
  }
  return summarizeBranchChecks(probes, counts)
}

/** 'flowCounts': customers per node and edge of a strategy flow. */
export async function handleFlowCounts(ctx: WorkContext, p: RequestPayload<'flowCounts'>): Promise<RequestResult<'flowCounts'>> {
  const d = await loaded(ctx, p.datasetId)
  const measure = p.measure
  if (measure !== undefined) refuseField(measureFieldIssue(d.table, measure))
  const measureOf = measure === undefined ? undefined : (set: Bitset) => measureStats(d.table, set, measure)
  return computeFlowCounts(p.graph, (logic) => evaluate(d, logic), d.table.rowCount, p.segmentLogic, measureOf)
}

/** 'members': id values of a rule's audience. */
export async function handleMembers(ctx: WorkContext, p: RequestPayload<'members'>): Promise<RequestResult<'members'>> {
  const d = await loaded(ctx, p.datasetId)
  return memberIds(d.table, evaluate(d, p.logic), d.meta.idField)
}

/** 'rows': a page of rows, from memory when the dataset is loaded, else from its stored chunks. */
export async function handleRows(ctx: WorkContext, p: RequestPayload<'rows'>): Promise<RequestResult<'rows'>> {
  const meta = await ctx.datasets.meta(p.datasetId)
  const d = await ctx.datasets.peek(meta.id, meta.version)
  if (!d) return { rows: await readRows(meta.id, p.offset, p.limit, ctx.db), total: meta.rowCount }
  const end = Math.min(d.table.rowCount, p.offset + p.limit)
  const rows = []
  for (let i = p.offset; i < end; i++) rows.push(rowAt(d.table, i))
  return { rows, total: d.table.rowCount }
}

/** 'fieldValues': the most frequent values of each named field that has a value list; unknown fields are left out. */
export async function handleFieldValues(ctx: WorkContext, p: RequestPayload<'fieldValues'>): Promise<RequestResult<'fieldValues'>> {
  const d = await loaded(ctx, p.datasetId)
  const out: RequestResult<'fieldValues'> = {}
  for (const f of p.fields) if (Object.hasOwn(d.table.columns, f)) out[f] = topValues(d.table, f, p.limit)
  return out
}

/** 'fieldStats': range and histogram of each named number/date field; unknown fields and other types are left out. */
export async function handleFieldStats(ctx: WorkContext, p: RequestPayload<'fieldStats'>): Promise<RequestResult<'fieldStats'>> {
  const d = await loaded(ctx, p.datasetId)
  const out: RequestResult<'fieldStats'> = {}
  for (const f of p.fields) {
    const stats = Object.hasOwn(d.table.columns, f) ? fieldStats(d.table, f, p.bins) : null
    if (stats) out[f] = stats
  }
  return out
}

/**
 * 'overlap': how many members each pair of segments shares. Every rule is checked before any is
 * evaluated; one the engine refuses fails the request (a matrix with a hole would mislead).
 */
export async function handleOverlap(ctx: WorkContext, p: RequestPayload<'overlap'>): Promise<RequestResult<'overlap'>> {
  p.rules.forEach((rule, k) => checkLogic(rule.logic, `segment ${k + 1} ("${rule.id}"): `))
  const d = await loaded(ctx, p.datasetId)
  const sets: Bitset[] = []
  for (const rule of p.rules) {
    await ctx.checkpoint()
    sets.push(evaluate(d, rule.logic))
  }
  return { ids: p.rules.map((r) => r.id), ...overlapMatrix(sets) }
}

// Sorted member orders per loaded table: dropped with the table when the dataset cache lets it go.
const memberOrders = new WeakMap<ColumnarTable, MemberOrderCache>()

function ordersOf(table: ColumnarTable): MemberOrderCache {
  let cache = memberOrders.get(table)
  if (!cache) memberOrders.set(table, (cache = new MemberOrderCache()))
  return cache
}

/** 'page': one page of a rule's members, sorted by a field; the full order is cached per rule, field and direction. */
export async function handlePage(ctx: WorkContext, p: RequestPayload<'page'>): Promise<RequestResult<'page'>> {
  const d = await loaded(ctx, p.datasetId)
  if (p.sortField !== undefined) refuseField(sortFieldIssue(d.table, p.sortField))
  const bits = evaluate(d, p.logic)
  const orders = { cache: ordersOf(d.table), ruleKey: JSON.stringify(p.logic) }
  const { sortField, direction, offset, limit } = p
  return memberPage(d.table, bits, { sortField, direction, offset, limit }, { idField: d.meta.idField, orders })
}

/**
 * 'breakdown': members of each node alone and the funnel of each AND group. The whole rule is
 * checked first; its nodes then come mostly from the engine's cache when the rule was just counted.
 */
export async function handleBreakdown(ctx: WorkContext, p: RequestPayload<'breakdown'>): Promise<RequestResult<'breakdown'>> {
  const twice = duplicateNodeIds(p.rule)
  if (twice.length > 0) throw new WorkerError('bad_request', `Node id "${twice[0]}" appears more than once in the rule`)
  checkLogic(toJsonLogic(p.rule))
  const d = await loaded(ctx, p.datasetId)
  return breakdownOf(p.rule, async (logic) => {
    await ctx.checkpoint()
    return evaluate(d, logic)
  }, d.table.rowCount)
}

/**
 * 'grid': the grid model's cross-tab over all customers or the members of `scope`. A field that cannot
 * be an axis or a measure is a 'bad_request'; progress reports the phases (bin rows, columns, count).
 */
export async function handleGrid(ctx: WorkContext, p: RequestPayload<'grid'>): Promise<RequestResult<'grid'>> {
  const d = await loaded(ctx, p.datasetId)
  const scope = p.scope === undefined ? null : evaluate(d, p.scope)
  const { datasetId: _id, scope: _scope, ...spec } = p
  const step = async (done: number): Promise<void> => {
    ctx.progress({ phase: 'grid', done, total: 4 })
    await ctx.checkpoint()
  }
  try {
    return await computeGrid(d.table, spec, scope, step)
  } catch (e) {
    // computeGrid throws plain Errors only for fields that cannot be an axis or a measure.
    throw e instanceof Error && !(e instanceof WorkerError) ? new WorkerError('bad_request', e.message) : e
  }
}

/** The customer value views' fields must be number fields of the dataset: 'bad_request' otherwise. */
function valueColumnsOf(d: LoadedDataset, fields: ValueFields): ValueColumns {
  refuseField(valueFieldsIssue(d.table, fields))
  return valueColumns(d.table, fields)
}

/** 'rfmAnalysis': the 8 value classes, no-purchase group, RFM cells and R × F grid (aggregates only). */
export async function handleRfmAnalysis(ctx: WorkContext, p: RequestPayload<'rfmAnalysis'>): Promise<RequestResult<'rfmAnalysis'>> {
  const d = await loaded(ctx, p.datasetId)
  const cols = valueColumnsOf(d, p.fields)
  ctx.progress({ phase: 'rfm', done: 0, total: 1 })
  await ctx.checkpoint()
  return computeRfmAnalysis(cols)
}

/** 'paretoAnalysis': the downsampled cumulative curve of a number field and the share at the threshold. */
export async function handleParetoAnalysis(ctx: WorkContext, p: RequestPayload<'paretoAnalysis'>): Promise<RequestResult<'paretoAnalysis'>> {
  const d = await loaded(ctx, p.datasetId)
  refuseField(measureFieldIssue(d.table, p.field))
  await ctx.checkpoint()
  const values = (d.table.columns[p.field] as { values: Float64Array }).values.subarray(0, d.table.rowCount)
  return computePareto(values, p.threshold, PARETO_POINTS)
}

/** 'quadrantAnalysis': F × M quadrants at the mean, median or given split, and the binned heat map. */
export async function handleQuadrantAnalysis(ctx: WorkContext, p: RequestPayload<'quadrantAnalysis'>): Promise<RequestResult<'quadrantAnalysis'>> {
  const d = await loaded(ctx, p.datasetId)
  refuseField(measureFieldIssue(d.table, p.frequency) ?? measureFieldIssue(d.table, p.monetary))
  await ctx.checkpoint()
  const col = (f: string): Float64Array => (d.table.columns[f] as { values: Float64Array }).values.subarray(0, d.table.rowCount)
  const frequency = col(p.frequency), monetary = col(p.monetary)
  const buyers = quadrantBuyers(frequency, monetary)
  return computeQuadrants(frequency, monetary, buyers, quadrantSplit(p.method, frequency, monetary, buyers, p.custom), QUADRANT_BINS)
}
