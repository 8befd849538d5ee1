import { Bitset } from '../core/engine/bitset'
import { profilable, profileField, rankProfiles, type FieldProfile } from '../core/analysis/profile'
import { vennRegions } from '../core/analysis/overlapView'
import type { WorkContext } from './context'
import { checkLogic, evaluate, loaded } from './handlers'
import type { RequestPayload, RequestResult } from './protocol'

// The overlap/profile views' requests (issue 7): aggregates over bitsets, never rows.

/** 'venn': exact region sizes of 2–3 segments, from their bitsets. */
export async function handleVenn(ctx: WorkContext, p: RequestPayload<'venn'>): Promise<RequestResult<'venn'>> {
  p.rules.forEach((rule, k) => checkLogic(rule.logic, `segment ${k + 1} ("${rule.id}"): `))
  const d = await loaded(ctx, p.datasetId)
  const sets: Bitset[] = []
  for (const rule of p.rules) {
    await ctx.checkpoint()
    sets.push(evaluate(d, rule.logic))
  }
  return { ids: p.rules.map((r) => r.id), regions: vennRegions(sets) }
}

/**
 * 'profile': each field's distribution over the segment beside the base (the whole table, or the
 * segment of `baseLogic`), ranked by total variation distance. Progress per field; cancellable between fields.
 */
export async function handleProfile(ctx: WorkContext, p: RequestPayload<'profile'>): Promise<RequestResult<'profile'>> {
  checkLogic(p.logic, 'segment: ')
  if (p.baseLogic !== undefined) checkLogic(p.baseLogic, 'base: ')
  const d = await loaded(ctx, p.datasetId)
  const seg = evaluate(d, p.logic)
  const base = p.baseLogic === undefined ? Bitset.full(d.table.rowCount) : evaluate(d, p.baseLogic)
  const names = p.fields ?? d.table.fields.filter((f) => f.name !== d.meta.idField && profilable(f.type)).map((f) => f.name)
  const out: FieldProfile[] = []
  for (const [k, name] of names.entries()) {
    await ctx.checkpoint()
    ctx.progress({ phase: 'profile', done: k, total: names.length })
    const prof = profileField(d.table, name, seg, base, { bins: p.bins, top: p.top })
    if (prof) out.push(prof)
  }
  return { segmentSize: seg.count(), baseSize: base.count(), fields: rankProfiles(out) }
}
