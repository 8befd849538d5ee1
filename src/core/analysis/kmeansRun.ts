import type { Bitset } from '../engine/bitset'
import type { ColumnarTable } from '../engine/columns'
import type { Group } from '../logic/types'
import { clusterRule, ruleQuality, type RuleQuality } from './clusterRules'
import { KMEANS_SEED, kmeans } from './kmeans'
import { standardise } from './kmeansData'
import { kHints, pickPoints, samplePoints, suggestK, type KHint } from './kmeansHint'
import { describeClusters, rowLabels, type ClusterSummary } from './kmeansProfile'

// The whole cluster analysis of one request, as the worker runs it: standardise, k-means, hints,
// a rule per cluster and its exact precision/recall. Only aggregates and ≤ 5,000 sampled points leave.

/** Sample sizes: silhouette hint, scatter plot, decision-tree training. */
export const CLUSTER_SAMPLES = { hint: 2000, scatter: 5000, tree: 20_000 } as const

export interface ClusterDescription extends ClusterSummary {
  /** The editable rule approximating the cluster. */
  rule: Group
  quality: RuleQuality
}

export interface ClustersResult {
  fields: string[]
  k: number
  /** Customers in the table; clustered + excluded. */
  total: number
  clustered: number
  /** Left out: a picked field is missing. */
  excluded: number
  /** Overall mean and standard deviation per field over the clustered customers (the z-score's). */
  means: number[]
  sds: number[]
  iterations: number
  inertia: number
  clusters: ClusterDescription[]
  hints: KHint[]
  suggestedK: number | null
  /** Up to 5,000 sampled clustered customers: values[f][p] in original units, labels[p] their cluster. */
  scatter: { values: number[][]; labels: number[] }
  /** Points the rule trees were grown on. */
  trainingSize: number
}

/** What the run needs from its host (the worker): rule evaluation, progress and cancel. */
export interface ClusterHost {
  evaluate: (rule: Group) => Bitset
  progress: (phase: 'cluster' | 'hint' | 'rules', done: number, total: number) => void
  checkpoint: () => Promise<void>
}

function hasMissing(table: ColumnarTable, field: string): boolean {
  const col = table.columns[field]
  return col?.type === 'number' && col.values.some(Number.isNaN)
}

function originalColumns(table: ColumnarTable, fields: string[], rows: Int32Array): Float64Array[] {
  return fields.map((f) => {
    const col = table.columns[f]
    if (col?.type !== 'number') throw new Error(`field "${f}" is not a number field`)
    return Float64Array.from(rows, (r) => col.values[r])
  })
}

/**
 * Clusters the customers on number fields `fields` (checked by the caller) into k groups and
 * describes each one. Deterministic: every sample and seed is fixed.
 */
export async function runClusters(table: ColumnarTable, fields: string[], k: number, host: ClusterHost): Promise<ClustersResult> {
  const z = standardise(table, fields)
  if (z.n < k) throw new Error(`only ${z.n} customers have every picked field; k = ${k} needs at least ${k}`)
  const maxIterations = 100
  const km = await kmeans(z.data, z.n, z.d, k, {
    maxIterations,
    onIteration: async (it) => { host.progress('cluster', it, maxIterations); await host.checkpoint() },
  })
  const hintPoints = samplePoints(z.n, CLUSTER_SAMPLES.hint, KMEANS_SEED)
  const hints = await kHints(pickPoints(z.data, z.d, hintPoints), hintPoints.length, z.d, 10, async (kk) => {
    host.progress('hint', kk - 1, 9)
    await host.checkpoint()
  })
  const original = originalColumns(table, fields, z.rows)
  const treeIdx = samplePoints(z.n, CLUSTER_SAMPLES.tree, KMEANS_SEED + 1)
  const byRow = rowLabels(table.rowCount, z.rows, km.labels)
  const mayBeMissing = fields.map((f) => hasMissing(table, f))
  const clusters: ClusterDescription[] = []
  for (const s of describeClusters(table, fields, z.rows, km.labels, k)) {
    const rule = clusterRule(original, km.labels, s.index, fields, treeIdx, mayBeMissing)
    clusters.push({ ...s, rule, quality: ruleQuality(host.evaluate(rule), byRow, s.index, s.size) })
    host.progress('rules', s.index + 1, k)
    await host.checkpoint()
  }
  const shown = samplePoints(z.n, CLUSTER_SAMPLES.scatter, KMEANS_SEED + 2)
  return {
    fields, k, total: table.rowCount, clustered: z.n, excluded: z.excluded, means: z.means, sds: z.sds,
    iterations: km.iterations, inertia: km.inertia, clusters, hints, suggestedK: suggestK(hints),
    scatter: { values: original.map((col) => Array.from(shown, (p) => col[p])), labels: Array.from(shown, (p) => km.labels[p]) },
    trainingSize: treeIdx.length,
  }
}
