import type { ComposerTranslation } from 'vue-i18n'
import { newFilterNode, newRandomBranch, newRandomNode } from '@/core/flows/defaultFlow'
import type { FieldMeta } from '@/core/fields/types'
import type { FlowGraph, FlowNode, XY } from '@/core/flows/types'

/** One palette entry: its button text and the factory of a new node at a position. */
export interface NodeFactory { label: () => string; make: (at: XY) => FlowNode }

/** The id field a new random split hashes: the dataset's, else a field named like an id, else the first text field. */
export function guessIdField(fields: readonly FieldMeta[], idField?: string | null): string {
  if (idField) return idField
  const named = fields.find((f) => /(^|_)id$/i.test(f.name))
  return named?.name ?? fields.find((f) => f.type === 'text')?.name ?? 'id'
}

/**
 * Palette entries of the issue-8 node types: a random split preset 90 % / 10 % with a control group
 * (对照组), and a filter. `graph` gives the current graph (for numbering), `idField` the id to hash.
 */
export function flowNodeFactories(t: ComposerTranslation, graph: () => FlowGraph, idField: () => string): Record<string, NodeFactory> {
  const nth = (type: FlowNode['type']) => graph().nodes.filter((n) => n.type === type).length + 1
  return {
    random: {
      label: () => t('flowNodes.addRandom'),
      make: (at) => newRandomNode(at, idField(), [
        newRandomBranch(t('flowNodes.random.treatment'), 9000),
        newRandomBranch(t('flowNodes.random.control'), 1000, true),
      ]),
    },
    filter: { label: () => t('flowNodes.addFilter'), make: (at) => newFilterNode(at, t('flowNodes.filter.defaultName', { n: nth('filter') })) },
  }
}
