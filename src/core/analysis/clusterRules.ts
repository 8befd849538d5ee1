import type { Bitset } from '../engine/bitset'
import type { Condition, Group } from '../logic/types'
import { growTree, predictsTarget, treePaths, type TreeNode, type TreePath } from './decisionTree'

// A cluster → an editable rule: a shallow one-vs-rest CART tree on the fields' ORIGINAL values,
// whose leaves that predict the cluster become an OR of AND paths of `ge` / `lt` conditions.

/** Depth and leaf size of the trees that describe clusters. */
export const RULE_TREE = { maxDepth: 3, minLeafShare: 0.005, minLeaf: 5 } as const

/** Collapses splits whose two sides end in leaves predicting the same thing (a shorter, equal rule). */
export function pruneTree(node: TreeNode): TreeNode {
  if (node.kind === 'leaf') return node
  const left = pruneTree(node.left), right = pruneTree(node.right)
  if (left.kind === 'leaf' && right.kind === 'leaf' && predictsTarget(left) === predictsTarget(right)) {
    return { kind: 'leaf', n: node.n, pos: node.pos }
  }
  return { ...node, left, right }
}

/** The paths kept in the rule: those to leaves predicting the target, else the purest leaf alone. */
export function positivePaths(tree: TreeNode): TreePath[] {
  const paths = treePaths(pruneTree(tree))
  const kept = paths.filter((p) => predictsTarget(p.leaf))
  if (kept.length > 0) return kept
  // No leaf has a majority of the cluster (a small cluster): the purest leaf of the unpruned tree.
  const share = (p: TreePath) => (p.leaf.n === 0 ? 0 : p.leaf.pos / p.leaf.n)
  return [treePaths(tree).reduce((best, p) => (share(p) > share(best) ? p : best))]
}

const condition = (id: string, field: string, op: 'ge' | 'lt' | 'not_empty', value?: number): Condition =>
  ({ kind: 'condition', id, field, op, fieldType: 'number', ...(value === undefined ? {} : { value }) })

/**
 * A path's conditions, one `ge` and/or one `lt` per field (the tightest), in the fields' order.
 * A field of `mayBeMissing` the path does not test gets `not_empty`: customers left out of the
 * clustering (a picked field missing) then never match, as a missing value fails ge/lt.
 */
function pathConditions(path: TreePath, fields: string[], id: string, mayBeMissing: readonly boolean[]): Condition[] {
  const out: Condition[] = []
  fields.forEach((field, f) => {
    const steps = path.steps.filter((s) => s.feature === f)
    const ge = steps.filter((s) => s.ge).map((s) => s.threshold)
    const lt = steps.filter((s) => !s.ge).map((s) => s.threshold)
    if (ge.length) out.push(condition(`${id}-${f}-ge`, field, 'ge', Math.max(...ge)))
    if (lt.length) out.push(condition(`${id}-${f}-lt`, field, 'lt', Math.min(...lt)))
    if (!steps.length && mayBeMissing[f] && path.steps.length) out.push(condition(`${id}-${f}-ne`, field, 'not_empty'))
  })
  // A tree that never split (the cluster is everyone clustered): "every picked field has a value".
  if (out.length === 0) fields.forEach((field, f) => out.push(condition(`${id}-${f}-ne`, field, 'not_empty')))
  return out
}

/**
 * The builder rule of a tree's positive paths: one AND group, or an OR of AND groups. Ids are
 * deterministic (`idPrefix`-…); the segments store gives the saved copy fresh ones.
 */
export function treeToRule(tree: TreeNode, fields: string[], idPrefix: string, mayBeMissing: readonly boolean[] = []): Group {
  const groups = positivePaths(tree).map((p, i): Group => ({
    kind: 'group', id: `${idPrefix}-p${i}`, combinator: 'and', children: pathConditions(p, fields, `${idPrefix}-p${i}`, mayBeMissing),
  }))
  if (groups.length === 1) return { ...groups[0], id: idPrefix }
  return { kind: 'group', id: idPrefix, combinator: 'or', children: groups }
}

/**
 * The rule describing cluster `c`: a tree grown on the training points `idx` (`features[f][i]`:
 * field f of point i in original units, `labels[i]`: its cluster). minLeaf = max(5, 0.5 % of idx).
 * `mayBeMissing[f]`: some customer lacks field f (see pathConditions).
 */
export function clusterRule(features: Float64Array[], labels: Int32Array, c: number, fields: string[], idx: Int32Array, mayBeMissing: readonly boolean[] = []): Group {
  const target = new Uint8Array(labels.length)
  for (let i = 0; i < labels.length; i++) target[i] = labels[i] === c ? 1 : 0
  const minLeaf = Math.max(RULE_TREE.minLeaf, Math.ceil(idx.length * RULE_TREE.minLeafShare))
  const tree = growTree(features, target, { maxDepth: RULE_TREE.maxDepth, minLeaf }, idx)
  return treeToRule(tree, fields, `cluster-${c + 1}`, mayBeMissing)
}

/** How well a rule matches a cluster, counted exactly over every customer. */
export interface RuleQuality {
  /** Customers the rule selects. */
  selected: number
  /** Of them, members of the cluster. */
  truePositives: number
  /** truePositives / selected (0 when it selects nobody). */
  precision: number
  /** truePositives / cluster size (0 for an empty cluster). */
  recall: number
}

/**
 * Precision and recall of the rule's members `bits` against cluster c, where `rowLabels[row]` is the
 * cluster of each table row (−1: left out of the clustering, so never a member).
 */
export function ruleQuality(bits: Bitset, rowLabels: Int32Array, c: number, clusterSize: number): RuleQuality {
  let selected = 0, truePositives = 0
  bits.forEach((i) => {
    selected++
    if (rowLabels[i] === c) truePositives++
  })
  return {
    selected, truePositives,
    precision: selected > 0 ? truePositives / selected : 0,
    recall: clusterSize > 0 ? truePositives / clusterSize : 0,
  }
}
