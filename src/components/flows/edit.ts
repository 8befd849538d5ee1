import type { FlowGraph } from '@/core/flows/types'

/**
 * An edit the flow components ask for: a pure function from graph to graph, built from
 * core/flows/editFlow.ts. The canvas applies it to the newest graph, so edits fired in one tick
 * (Vue Flow removes a node, then its edges) compose instead of overwriting each other.
 */
export type FlowEdit = (graph: FlowGraph) => FlowGraph
