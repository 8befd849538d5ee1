import { buildSnapshot } from '../core/analysis/snapshot'
import { compareSnapshots } from '../core/analysis/snapshotCompare'
import { snapshotColumns } from '../core/analysis/snapshotFields'
import { cellValue } from '../core/engine/columns'
import { getSnapshot, putSnapshot, snapshotKey, type SnapshotSummary } from '../db/snapshots'
import type { WorkContext } from './context'
import { checkLogic, evaluate, loaded } from './handlers'
import type { RequestPayload, RequestResult } from './protocol'

// The history view's requests (issue 7 item 9): snapshots are built and stored here, so customer ids
// never reach the main thread; the main thread lists summaries and gets comparisons as aggregates.

/** 'takeSnapshot': evaluates every segment, stores summary + compact membership (replacing the same key), answers the summary. */
export async function handleTakeSnapshot(ctx: WorkContext, p: RequestPayload<'takeSnapshot'>): Promise<RequestResult<'takeSnapshot'>> {
  p.segments.forEach((s, k) => checkLogic(s.logic, `segment ${k + 1} ("${s.name}"): `))
  const d = await loaded(ctx, p.datasetId)
  const segments = []
  for (const [k, s] of p.segments.entries()) {
    ctx.progress({ phase: 'snapshot', done: k, total: p.segments.length + 1 })
    await ctx.checkpoint()
    segments.push({ id: s.id, name: s.name, members: evaluate(d, s.logic) })
  }
  const idCol = d.table.columns[d.meta.idField]
  const idOf = (i: number): string | null => {
    const v = idCol ? cellValue(idCol, i) : null
    return v === null ? null : String(v)
  }
  const { measure, ...cols } = snapshotColumns(d.table, d.meta.asOf)
  const built = buildSnapshot({ idOf, rowCount: d.table.rowCount, segments, ...cols })
  await ctx.checkpoint()
  const summary: SnapshotSummary = {
    id: snapshotKey(p.ruleSetId, d.meta.id, d.meta.asOf), ruleSetId: p.ruleSetId, datasetId: d.meta.id, asOf: d.meta.asOf,
    datasetVersion: d.meta.version, takenAt: Date.now(), total: d.table.rowCount, matched: built.members.ids.length, measure,
    segments: built.segments,
  }
  ctx.progress({ phase: 'save', done: p.segments.length, total: p.segments.length + 1 })
  await putSnapshot(summary, built.members, ctx.db)
  return summary
}

/** 'compareSnapshots': migration matrices, top-20 % growth and customer value between two stored snapshots. */
export async function handleCompareSnapshots(ctx: WorkContext, p: RequestPayload<'compareSnapshots'>): Promise<RequestResult<'compareSnapshots'>> {
  const [a, b] = await Promise.all([getSnapshot(p.earlierId, ctx.db), getSnapshot(p.laterId, ctx.db)])
  await ctx.checkpoint()
  const side = (s: typeof a): Parameters<typeof compareSnapshots>[0] => ({ asOf: s.summary.asOf, segments: s.summary.segments, members: s.members })
  return compareSnapshots(side(a), side(b), p.churn)
}
