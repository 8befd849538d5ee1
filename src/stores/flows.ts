import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Flow, FlowCounts, FlowGraph } from '@/core/flows/types'
import type { DefaultFlowLabels } from '@/core/flows/defaultFlow'
import { createDefaultFlow } from '@/core/flows/defaultFlow'
import { compileFlow } from '@/core/flows/compileFlow'
import { validateFlow } from '@/core/flows/validateFlow'
import { deleteFlow, listFlows, putFlow } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'
import { useWorkspaceStore } from './workspace'
import { useSegmentsStore } from './segments'
import { useLatestRequest } from './latestRequest'
import { useAutosave } from './autosave'
import { plain } from './plain'

const COUNTS_DEBOUNCE_MS = 200
const SAVE_DEBOUNCE_MS = 400


/** What routes customers: node kinds, data and edges, without positions (dragging must not recount). */
const routingKey = (g: FlowGraph): string =>
  JSON.stringify([g.nodes.map((n) => [n.id, n.type, n.data]), g.edges.map((e) => [e.id, e.source, e.sourceHandle ?? null, e.target])])

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
  const issues = computed(() => (current.value ? validateFlow(current.value, segmentIds.value) : []))
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
  }

  /**
   * Creates a flow that already counts (see createDefaultFlow), starting from all customers or from
   * segment `segmentId`; names come from the UI's language.
   */
  async function create(name: string, labels: DefaultFlowLabels, segmentId: string | null = null): Promise<Flow | null> {
    const rs = workspace.ruleSetId
    if (!rs) return null
    const flow = createDefaultFlow({ ruleSetId: rs, name, now: Date.now(), segmentId }, labels)
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

  /** Replaces the current flow's graph (the canvas hands over whole graphs built by core/flows/editFlow). */
  function updateGraph(graph: FlowGraph): void {
    if (current.value) patch(current.value.id, { nodes: graph.nodes, edges: graph.edges })
  }

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
    if (!ds || !flow) return countsRequest.clear()
    const graph: FlowGraph = plain({ nodes: flow.nodes, edges: flow.edges })
    const segmentLogic = plain(segmentsStore.segmentLogic)
    countsRequest.schedule((signal) => getEngineClient().flowCounts(ds, graph, segmentLogic, { signal }))
  }

  const currentRoutingKey = computed(() => (current.value ? `${current.value.id}:${routingKey(current.value)}` : ''))
  watch([currentRoutingKey, () => segmentsStore.segmentLogic, () => workspace.datasetId], scheduleCounts, { deep: true })
  watch(() => workspace.ruleSetId, () => void load())

  return {
    flows, currentId, current, issues, compiled,
    counts: countsRequest.result, countsUpdating: countsRequest.busy, countsError: countsRequest.error,
    saving: autosave.saving, saveError: autosave.error,
    load, select, create, rename, updateGraph, remove, flush: autosave.flush,
  }
})
