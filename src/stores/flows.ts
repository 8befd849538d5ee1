import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Flow, FlowCounts, FlowGraph } from '@/core/flows/types'
import type { DefaultFlowLabels } from '@/core/flows/defaultFlow'
import { createDefaultFlow } from '@/core/flows/defaultFlow'
import { compileFlow } from '@/core/flows/compileFlow'
import { branchCheckIssues, validateFlow } from '@/core/flows/validateFlow'
import type { FlowBranchChecks } from '@/core/flows/flowChecks'
import { deleteFlow, listFlows, putFlow } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'
import { useWorkspaceStore } from './workspace'
import { useSegmentsStore } from './segments'
import { useLatestRequest } from './latestRequest'
import { useAutosave } from './autosave'
import { plain } from './plain'
import { useHistory } from './history'
import type { History } from './history'

const COUNTS_DEBOUNCE_MS = 200
const SAVE_DEBOUNCE_MS = 400


/** What routes customers: node kinds, data and edges, without positions (dragging must not recount). */
const routingKey = (g: FlowGraph): string =>
  JSON.stringify([g.nodes.map((n) => [n.id, n.type, n.data]), g.edges.map((e) => [e.id, e.source, e.sourceHandle ?? null, e.target])])

/**
 * The undo-coalescing key of an edit: edits that change only the data of one node (typing a name, a
 * rule) share a key per node; moves, additions and connections each make their own step.
 */
function editKey(before: FlowGraph, after: FlowGraph): string | undefined {
  if (before.edges !== after.edges || before.nodes.length !== after.nodes.length) return undefined
  const changed = after.nodes.filter((n, i) => n !== before.nodes[i])
  if (changed.length !== 1) return undefined
  const old = before.nodes.find((n) => n.id === changed[0].id)
  return old && old.position === changed[0].position ? `data:${old.id}` : undefined
}

/** Strategy flows of the current rule set, the one being edited, and its live counts. */
export const useFlowsStore = defineStore('flows', () => {
  const workspace = useWorkspaceStore()
  const segmentsStore = useSegmentsStore()
  // shallowRef: flows are replaced, never mutated in place (and deep unwrapping of rule trees is costly).
  const flows = shallowRef<Flow[]>([])
  const currentId = ref<string | null>(null)
  const countsRequest = useLatestRequest<FlowCounts>(COUNTS_DEBOUNCE_MS)
  const autosave = useAutosave(async (id) => {
    const flow = flows.value.find((f) => f.id === id)
    if (flow) await putFlow(plain(flow))
  }, SAVE_DEBOUNCE_MS)

  const current = computed(() => flows.value.find((f) => f.id === currentId.value) ?? null)
  const segmentIds = computed(() => segmentsStore.segments.map((s) => s.id))
  // Branch overlaps and empty branches need customer data: counted in the worker with the live counts.
  const checksRequest = useLatestRequest<FlowBranchChecks>(COUNTS_DEBOUNCE_MS)
  const issues = computed(() =>
    current.value ? [...validateFlow(current.value, segmentIds.value), ...branchCheckIssues(current.value, checksRequest.result.value)] : [],
  )
  const compiled = computed(() => (current.value ? compileFlow(current.value, segmentsStore.segmentLogic) : null))

  async function load(): Promise<void> {
    await autosave.flush()
    const rs = workspace.ruleSetId
    flows.value = rs ? await listFlows(rs) : []
    if (!flows.value.some((f) => f.id === currentId.value)) select(flows.value[0]?.id ?? null)
  }

  function select(id: string | null): void {
    if (id === currentId.value) return
    void autosave.flush()
    currentId.value = id
    countsRequest.clear()
    checksRequest.clear()
  }

  /**
   * Creates a flow that already counts (see createDefaultFlow), starting from all customers or from
   * segment `segmentId`; names come from the UI's language. With `graph` (a template's), the flow
   * gets that graph instead of the default one.
   */
  async function create(name: string, labels: DefaultFlowLabels, segmentId: string | null = null, graph?: FlowGraph): Promise<Flow | null> {
    const rs = workspace.ruleSetId
    if (!rs) return null
    const made = createDefaultFlow({ ruleSetId: rs, name, now: Date.now(), segmentId }, labels)
    const flow: Flow = graph ? { ...made, nodes: graph.nodes, edges: graph.edges } : made
    await putFlow(plain(flow))
    flows.value = [...flows.value, flow]
    select(flow.id)
    return flow
  }

  function patch(id: string, change: Partial<Pick<Flow, 'name' | 'nodes' | 'edges'>>): void {
    flows.value = flows.value.map((f) => (f.id === id ? { ...f, ...change, updatedAt: Date.now() } : f))
    autosave.schedule(id)
  }

  function rename(id: string, name: string): void {
    patch(id, { name })
  }

  /**
   * Replaces the current flow's graph (the canvas hands over whole graphs built by core/flows/editFlow)
   * and records the replaced one for undo; typing into one node's fields makes one undo step.
   */
  function updateGraph(graph: FlowGraph): void {
    const flow = current.value
    if (!flow) return
    historyOf(flow.id).record({ nodes: flow.nodes, edges: flow.edges }, editKey(flow, graph))
    historyEpoch.value++
    patch(flow.id, { nodes: graph.nodes, edges: graph.edges })
  }

  // Undo/redo of graph edits, one bounded history per flow (like the segments store).
  const histories = new Map<string, History<FlowGraph>>()
  const historyEpoch = ref(0)
  function historyOf(id: string): History<FlowGraph> {
    let h = histories.get(id)
    if (!h) histories.set(id, (h = useHistory<FlowGraph>()))
    return h
  }
  const canUndo = computed(() => historyEpoch.value >= 0 && !!current.value && historyOf(current.value.id).canUndo.value)
  const canRedo = computed(() => historyEpoch.value >= 0 && !!current.value && historyOf(current.value.id).canRedo.value)
  function travel(direction: 'undo' | 'redo'): boolean {
    const flow = current.value
    if (!flow) return false
    const h = historyOf(flow.id)
    const now: FlowGraph = { nodes: flow.nodes, edges: flow.edges }
    const to = direction === 'undo' ? h.undo(now) : h.redo(now)
    historyEpoch.value++
    if (to) patch(flow.id, { nodes: to.nodes, edges: to.edges })
    return !!to
  }
  /** Goes back one graph edit of the current flow; false when there is none. */
  const undo = () => travel('undo')
  /** Re-applies the last undone graph edit; false when there is none. */
  const redo = () => travel('redo')

  async function remove(id: string): Promise<void> {
    autosave.cancel(id)
    await deleteFlow(id)
    flows.value = flows.value.filter((f) => f.id !== id)
    if (currentId.value === id) select(flows.value[0]?.id ?? null)
  }

  // Live counts: debounced, only the newest answer kept, superseded requests aborted.
  function scheduleCounts(): void {
    const ds = workspace.datasetId
    const flow = current.value
    if (!ds || !flow) {
      checksRequest.clear()
      return countsRequest.clear()
    }
    const graph: FlowGraph = plain({ nodes: flow.nodes, edges: flow.edges })
    const segmentLogic = plain(segmentsStore.segmentLogic)
    // The measure is the segment editor's (revenue share on actions, as segments show it).
    const measure = segmentsStore.measureField ?? undefined
    countsRequest.schedule((signal) => getEngineClient().flowCounts(ds, graph, segmentLogic, { signal, measure }))
    if (graph.nodes.some((n) => n.type === 'split')) checksRequest.schedule((signal) => getEngineClient().flowChecks(ds, graph, segmentLogic, { signal }))
    else checksRequest.clear()
  }

  const currentRoutingKey = computed(() => (current.value ? `${current.value.id}:${routingKey(current.value)}` : ''))
  watch([currentRoutingKey, () => segmentsStore.segmentLogic, () => workspace.datasetId, () => segmentsStore.measureField], scheduleCounts, { deep: true })
  watch(() => workspace.ruleSetId, () => void load())

  return {
    flows, currentId, current, issues, compiled,
    counts: countsRequest.result, countsUpdating: countsRequest.busy, countsError: countsRequest.error,
    saving: autosave.saving, saveError: autosave.error,
    load, select, create, rename, updateGraph, remove, flush: autosave.flush,
    undo, redo, canUndo, canRedo, checksUpdating: checksRequest.busy,
  }
})
