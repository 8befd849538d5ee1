// A shallow CART tree (Gini impurity, binary splits "x < t" / "x ≥ t") for one-vs-rest: does a
// point belong to the target class? Used to turn a cluster into readable range conditions.

/** A node of the tree; `n` points reach it, `pos` of them in the target class. */
export type TreeNode =
  | { kind: 'leaf'; n: number; pos: number }
  | { kind: 'split'; n: number; pos: number; feature: number; threshold: number; left: TreeNode; right: TreeNode }

export interface TreeOptions {
  /** Deepest level of splits (root split = depth 1). */
  maxDepth: number
  /** Fewest points on either side of a split. */
  minLeaf: number
}

const gini = (pos: number, n: number): number => (n === 0 ? 0 : 2 * (pos / n) * (1 - pos / n))

/**
 * The roundest number t with a < t ≤ b (the coarsest power-of-ten step, its largest multiple ≤ b):
 * "x ≥ t" then holds for exactly the values ≥ b and "x < t" for exactly those ≤ a, so rounding
 * never changes which points a split sends where.
 */
export function readableThreshold(a: number, b: number): number {
  if (!(a < b)) throw new Error('readableThreshold needs a < b')
  const top = Math.ceil(Math.log10(Math.max(Math.abs(a), Math.abs(b), 1e-12))) + 1
  for (let p = top; p >= -12; p--) {
    const step = 10 ** p
    const t = Number((Math.floor(b / step) * step).toPrecision(15))
    if (t > a && t <= b) return t
  }
  return b
}

interface Split { feature: number; threshold: number; score: number }

/** Best split of `idx` on one feature: the lowest weighted Gini, sides of at least minLeaf points. */
function bestOnFeature(values: Float64Array, target: Uint8Array, idx: Int32Array, pos: number, minLeaf: number): { score: number; a: number; b: number } | null {
  const order = Int32Array.from(idx).sort((p, q) => values[p] - values[q])
  const n = order.length
  let leftPos = 0, best: { score: number; a: number; b: number } | null = null
  for (let i = 0; i < n - 1; i++) {
    leftPos += target[order[i]]
    const a = values[order[i]], b = values[order[i + 1]]
    const nl = i + 1, nr = n - nl
    if (a === b || nl < minLeaf || nr < minLeaf) continue
    const score = (nl * gini(leftPos, nl) + nr * gini(pos - leftPos, nr)) / n
    if (!best || score < best.score) best = { score, a, b }
  }
  return best
}

function bestSplit(features: Float64Array[], target: Uint8Array, idx: Int32Array, pos: number, minLeaf: number): Split | null {
  let best: Split | null = null
  features.forEach((values, feature) => {
    const s = bestOnFeature(values, target, idx, pos, minLeaf)
    if (s && (!best || s.score < best.score)) best = { feature, threshold: readableThreshold(s.a, s.b), score: s.score }
  })
  return best
}

function grow(features: Float64Array[], target: Uint8Array, idx: Int32Array, depth: number, options: TreeOptions): TreeNode {
  let pos = 0
  for (const i of idx) pos += target[i]
  const n = idx.length
  const leaf: TreeNode = { kind: 'leaf', n, pos }
  if (depth >= options.maxDepth || pos === 0 || pos === n) return leaf
  const split = bestSplit(features, target, idx, pos, options.minLeaf)
  // A split that does not lower the impurity only makes the rule longer.
  if (!split || split.score >= gini(pos, n) - 1e-12) return leaf
  const values = features[split.feature]
  const left = idx.filter((i) => values[i] < split.threshold)
  const right = idx.filter((i) => values[i] >= split.threshold)
  return {
    kind: 'split', n, pos, feature: split.feature, threshold: split.threshold,
    left: grow(features, target, left, depth + 1, options), right: grow(features, target, right, depth + 1, options),
  }
}

/**
 * Grows a CART tree on the points `idx` (all points when omitted): `features[f][i]` is feature f
 * of point i (no NaN), `target[i]` 1 when point i is in the target class.
 */
export function growTree(features: Float64Array[], target: Uint8Array, options: TreeOptions, idx?: Int32Array): TreeNode {
  const all = idx ?? Int32Array.from({ length: target.length }, (_, i) => i)
  return grow(features, target, all, 0, options)
}

/** A leaf predicts the target class when most of its points are in it. */
export const predictsTarget = (leaf: { n: number; pos: number }): boolean => leaf.pos * 2 > leaf.n

/** One root-to-leaf path: the conditions met on the way (`ge` true: x ≥ t, else x < t) and the leaf. */
export interface TreePath { steps: { feature: number; ge: boolean; threshold: number }[]; leaf: { n: number; pos: number } }

/** Every root-to-leaf path of the tree, left (x < t) before right. */
export function treePaths(node: TreeNode, steps: TreePath['steps'] = []): TreePath[] {
  if (node.kind === 'leaf') return [{ steps, leaf: node }]
  return [
    ...treePaths(node.left, [...steps, { feature: node.feature, ge: false, threshold: node.threshold }]),
    ...treePaths(node.right, [...steps, { feature: node.feature, ge: true, threshold: node.threshold }]),
  ]
}
