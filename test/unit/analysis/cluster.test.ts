import { describe, expect, it } from 'vitest'
import { clusterRule, pruneTree, ruleQuality, treeToRule } from '../../../src/core/analysis/clusterRules'
import type { TreeNode } from '../../../src/core/analysis/decisionTree'
import { kmeans, mulberry32 } from '../../../src/core/analysis/kmeans'
import { standardise } from '../../../src/core/analysis/kmeansData'
import { samplePoints } from '../../../src/core/analysis/kmeansHint'
import { rowLabels } from '../../../src/core/analysis/kmeansProfile'
import { CLUSTER_SAMPLES, runClusters } from '../../../src/core/analysis/kmeansRun'
import { Engine } from '../../../src/core/engine/evaluate'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group } from '../../../src/core/logic/types'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { allRows, Bitset, makeTable, referenceMembers, type Cell } from '../engine/helpers'

const AS_OF = Date.UTC(2026, 0, 1)
const FIELDS: FieldMeta[] = [{ name: 'spend', type: 'number' }, { name: 'visits', type: 'number' }, { name: 'city', type: 'category' }]

/** Blob b of 3 (spend ≈ 100, 1000, 5000; visits ≈ 2, 20, 8), 30 customers each, + 6 customers missing a field. */
function blobTable(jitter: number) {
  const rng = mulberry32(11)
  const rows: Record<string, Cell>[] = []
  const blob: number[] = []
  const centre = [[100, 2], [1000, 20], [5000, 8]]
  for (let i = 0; i < 90; i++) {
    const b = i % 3
    blob.push(b)
    rows.push({ spend: Math.round(centre[b][0] * (1 + (rng() - 0.5) * jitter)), visits: Math.round(centre[b][1] * (1 + (rng() - 0.5) * jitter)), city: 'x' })
  }
  for (let i = 0; i < 6; i++) {
    blob.push(-1)
    rows.push(i % 2 ? { spend: 1000 + i, visits: null } : { spend: null, visits: 20 })
  }
  return { table: makeTable(FIELDS, rows), blob }
}

const host = (engine: Engine) => ({
  evaluate: (rule: Group) => engine.evaluate(toJsonLogic(rule)), progress: () => {}, checkpoint: async () => {},
})

describe('runClusters on separable data', () => {
  it('finds the blobs, describes them in original units, and their rules select exactly them', async () => {
    const { table, blob } = blobTable(0.2)
    const engine = new Engine(table, { asOf: AS_OF })
    const r = await runClusters(table, ['spend', 'visits'], 3, host(engine))
    expect([r.total, r.clustered, r.excluded]).toEqual([96, 90, 6])
    const rows = allRows(table)
    for (const c of r.clusters) {
      // The blob this cluster is: the one of its members' spend centre.
      const b = [100, 1000, 5000].findIndex((s) => Math.abs(c.centre[0] / s - 1) < 0.2)
      const members = blob.flatMap((x, i) => (x === b ? [i] : []))
      expect(c.size).toBe(30)
      expect(c.share).toBeCloseTo(1 / 3, 12)
      const naiveMean = members.reduce((s, i) => s + (rows[i].spend as number), 0) / 30
      expect(c.centre[0]).toBeCloseTo(naiveMean, 9)
      const overall = rows.slice(0, 90).reduce((s, row) => s + (row.spend as number), 0) / 90
      expect(c.profile[0]).toBeCloseTo((naiveMean / overall) * 100, 9)
      // json-logic-js (independent of the engine) selects the blob, nothing more: precision = recall = 1.
      const selected = referenceMembers(rows, toJsonLogic(c.rule), AS_OF)
      expect(selected).toEqual(members)
      expect(c.quality).toEqual({ selected: 30, truePositives: 30, precision: 1, recall: 1 })
      expect(engine.evaluate(toJsonLogic(c.rule)).count()).toBe(c.quality.selected)
    }
    expect(r.hints.map((h) => h.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(r.suggestedK).toBe(3)
    expect(r.scatter.labels).toHaveLength(90)
  })

  it('counts precision and recall exactly when clusters overlap (naive loop over json-logic-js)', async () => {
    const { table } = blobTable(1.9)
    const engine = new Engine(table, { asOf: AS_OF })
    const r = await runClusters(table, ['spend', 'visits'], 4, host(engine))
    // The labels the run used, recomputed by the same deterministic steps.
    const z = standardise(table, ['spend', 'visits'])
    const km = await kmeans(z.data, z.n, z.d, 4)
    const byRow = rowLabels(table.rowCount, z.rows, km.labels)
    const rows = allRows(table)
    for (const c of r.clusters) {
      const selected = new Set(referenceMembers(rows, toJsonLogic(c.rule), AS_OF))
      let tp = 0, size = 0
      byRow.forEach((label, i) => {
        if (label === c.index) { size++; if (selected.has(i)) tp++ }
      })
      expect(c.size).toBe(size)
      expect(c.quality.selected).toBe(selected.size)
      expect(c.quality.truePositives).toBe(tp)
      expect(c.quality.precision).toBe(selected.size ? tp / selected.size : 0)
      expect(c.quality.recall).toBe(size ? tp / size : 0)
    }
  })

  it('refuses k larger than the customers having every field', async () => {
    const table = makeTable(FIELDS, [{ spend: 1, visits: 1 }, { spend: 2, visits: null }])
    await expect(runClusters(table, ['spend', 'visits'], 2, host(new Engine(table, { asOf: AS_OF })))).rejects.toThrow(/only 1 customers/)
  })
})

describe('tree → rule', () => {
  const leaf = (n: number, pos: number): TreeNode => ({ kind: 'leaf', n, pos })
  it('turns the paths to positive leaves into an OR of ANDs with the tightest bounds', () => {
    const tree: TreeNode = {
      kind: 'split', n: 100, pos: 50, feature: 0, threshold: 10,
      left: { kind: 'split', n: 40, pos: 30, feature: 1, threshold: 5, left: leaf(10, 0), right: leaf(30, 30) },
      right: { kind: 'split', n: 60, pos: 20, feature: 0, threshold: 20, left: leaf(25, 20), right: leaf(35, 0) },
    }
    const rule = treeToRule(tree, ['a', 'b'], 'r')
    expect(rule.combinator).toBe('or')
    const paths = (rule.children as Group[]).map((g) => g.children.map((c) => c.kind === 'condition' && [c.field, c.op, c.value]))
    expect(paths).toEqual([[['a', 'lt', 10], ['b', 'ge', 5]], [['a', 'ge', 10], ['a', 'lt', 20]]])
  })

  it('prunes splits whose sides agree, and falls back to the purest leaf', () => {
    const agree: TreeNode = { kind: 'split', n: 10, pos: 9, feature: 0, threshold: 1, left: leaf(4, 3), right: leaf(6, 6) }
    expect(pruneTree(agree)).toEqual(leaf(10, 9))
    const none: TreeNode = { kind: 'split', n: 10, pos: 4, feature: 0, threshold: 3, left: leaf(5, 1), right: leaf(5, 2) }
    const rule = treeToRule(none, ['a'], 'r')
    expect(rule.children.map((c) => c.kind === 'condition' && [c.op, c.value])).toEqual([['ge', 3]])
    expect(treeToRule(leaf(5, 5), ['a', 'b'], 'r').children.map((c) => c.kind === 'condition' && c.op)).toEqual(['not_empty', 'not_empty'])
  })

  it('grows the cluster tree on the sampled training points only', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i + 1)
    const y = Float64Array.from({ length: 20 }, (_, i) => i % 3)
    const labels = Int32Array.from(x, (v) => (v > 10 ? 1 : 0))
    const rule = clusterRule([x, y], labels, 1, ['x', 'y'], samplePoints(20, CLUSTER_SAMPLES.tree, 1), [false, true])
    // y may be missing and is not tested: "y has a value" keeps left-out customers out.
    expect(rule.children.map((c) => c.kind === 'condition' && [c.field, c.op, c.value])).toEqual([['x', 'ge', 11], ['y', 'not_empty', undefined]])
    const first = clusterRule([x, y], labels, 1, ['x', 'y'], Int32Array.from([0, 1, 2, 3, 4, 15, 16, 17, 18, 19]))
    expect(first.children.map((c) => c.kind === 'condition' && [c.field, c.op, c.value])).toEqual([['x', 'ge', 10]])
  })
})

describe('ruleQuality', () => {
  it('counts hand-made members against labels, left-out rows never members', () => {
    const bits = new Bitset(6)
    for (const i of [0, 1, 4, 5]) bits.set(i)
    const labels = Int32Array.from([2, 2, 2, 0, -1, 2])
    expect(ruleQuality(bits, labels, 2, 4)).toEqual({ selected: 4, truePositives: 3, precision: 0.75, recall: 0.75 })
    expect(ruleQuality(new Bitset(6), labels, 1, 0)).toEqual({ selected: 0, truePositives: 0, precision: 0, recall: 0 })
  })
})
