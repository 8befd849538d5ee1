import { markRaw } from 'vue'
import type { Component } from 'vue'
import type { FlowNode } from '@/core/flows/types'
import EntryNode from './EntryNode.vue'
import SplitNode from './SplitNode.vue'
import ActionNode from './ActionNode.vue'
import RandomNode from './RandomNode.vue'
import FilterNode from './FilterNode.vue'
import '../flowNodes.css'

/** What the canvas hands each custom node as Vue Flow `data`: the node plus ready-made texts. */
export interface FlowNodeView {
  node: FlowNode
  /** Kind and name, e.g. "入口：全部客户". */
  title: string
  /** Formatted live count, e.g. "1,234 人", or "…" while unknown. */
  countText: string
  /** Translated validation messages about this node (empty when fine). */
  issues: string[]
  /** For actions with a cost or value: "Cost … · Return … · Net …" (empty otherwise). */
  economics?: string
}

/** The one registry of custom node types, keyed by FlowNode['type'] (vue-flow's nodes/index.ts pattern). */
export const flowNodeTypes: Record<FlowNode['type'], Component> = {
  entry: markRaw(EntryNode),
  split: markRaw(SplitNode),
  action: markRaw(ActionNode),
  random: markRaw(RandomNode),
  filter: markRaw(FilterNode),
}
