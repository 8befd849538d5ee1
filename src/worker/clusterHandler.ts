import { clusterFieldIssue } from '../core/analysis/kmeansData'
import { runClusters } from '../core/analysis/kmeansRun'
import { setEvaluationAsOf } from '../core/logic/customOps'
import { toJsonLogic } from '../core/logic/toJsonLogic'
import type { WorkContext } from './context'
import type { RequestPayload, RequestResult } from './protocol'
import { WorkerError } from './workerError'

/**
 * 'clusters': k-means on the picked number fields, the k hint, and a rule per cluster whose
 * precision/recall is counted by the engine (core/analysis/kmeansRun.ts). Progress phases:
 * 'cluster' (iterations of 100), 'hint' (k of 2…10), 'rules' (clusters); cancellable between steps.
 */
export async function handleClusters(ctx: WorkContext, p: RequestPayload<'clusters'>): Promise<RequestResult<'clusters'>> {
  const d = await ctx.datasets.get(p.datasetId)
  await ctx.checkpoint()
  const issue = clusterFieldIssue(d.table, p.fields)
  if (issue) throw new WorkerError('bad_request', issue)
  // The generated rules use ge/lt/not_empty only, but in_last_days state is per dataset: set it anyway.
  setEvaluationAsOf(d.meta.asOf)
  try {
    return await runClusters(d.table, p.fields, p.k, {
      evaluate: (rule) => d.engine.evaluate(toJsonLogic(rule)),
      progress: (phase, done, total) => ctx.progress({ phase, done, total }),
      checkpoint: ctx.checkpoint,
    })
  } catch (e) {
    if (e instanceof Error && /^only \d+ customers/.test(e.message)) throw new WorkerError('bad_request', e.message)
    throw e
  }
}
