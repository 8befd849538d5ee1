import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Flow, FlowCounts, FlowGraph } from '@/core/flows/types'
import type { JsonLogic } from '@/core/logic/types'
import type { DefaultFlowLabels } from '@/core/flows/defaultFlow'
import { createDefaultFlow } from '@/core/flows/defaultFlow'
import { compileFlow } from '@/core/flows/compileFlow'
import { validateFlow } from '@/core/flows/validateFlow'
import { deleteFlow, listFlows, putFlow } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'
import { useWorkspaceStore } from './workspace'
import { useSegmentsStore } from './segments'

const COUNTS_DEBOUNCE_MS = 200
const SAVE_DEBOUNCE_MS = 400

/** A plain copy: IndexedDB and postMessage cannot clone Vue's reactive proxies. */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

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
  const counts = shallowRef<FlowCounts | null>(null)
  const countsUpdating = ref(false)
  const countsError = ref<string | null>(null)
  /** True from an edit until it is written. */
  const saving = ref(false)
  const saveError = ref<string | null>(null)

  const current = computed(() => flows.value.find((f) => f.id === currentId.value) ?? null)
  const segmentIds = computed(() => segmentsStore.segments.map((s) => s.id))
  const issues = computed(() => (current.value ? validateFlow(current.value, segmentIds.value) : []))
  const compiled = computed(() => (current.value ? compileFlow(current.value, segmentsStore.segmentLogic) : null))

  async function load(): Promise<void> {
    await flush()
    const rs = workspace.ruleSetId
    flows.value = rs ? await listFlows(rs) : []
    if (!flows.value.some((f) => f.id === currentId.value)) select(flows.value[0]?.id ?? null)
  }

  function select(id: string | null): void {
    if (id === currentId.value) return
    void flush()
    currentId.value = id
    counts.value = null
  }

  /** Creates a flow that already counts (see createDefaultFlow); names come from the UI's language. */
  async function create(name: string, labels: DefaultFlowLabels): Promise<Flow | null> {
    const rs = workspace.ruleSetId
    if (!rs) return null
    const flow = createDefaultFlow({ ruleSetId: rs, name, now: Date.now() }, labels)
    await putFlow(plain(flow))
    flows.value = [...flows.value, flow]
    select(flow.id)
    return flow
  }

  // Autosave: edits come in bursts (typing, dragging), so one write per pause; flush() forces it.
  const pendingSaves = new Map<string, ReturnType<typeof setTimeout>>()

  function patch(id: string, change: Partial<Pick<Flow, 'name' | 'nodes' | 'edges'>>): void {
    flows.value = flows.value.map((f) => (f.id === id ? { ...f, ...change, updatedAt: Date.now() } : f))
    clearTimeout(pendingSaves.get(id))
    pendingSaves.set(id, setTimeout(() => void flush(id), SAVE_DEBOUNCE_MS))
    saving.value = true
  }

  function rename(id: string, name: string): void {
    patch(id, { name })
  }

  /** Replaces the current flow's graph (the canvas hands over whole graphs built by core/flows/editFlow). */
  function updateGraph(graph: FlowGraph): void {
    if (current.value) patch(current.value.id, { nodes: graph.nodes, edges: graph.edges })
  }

  async function flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...pendingSaves.keys()]
    for (const k of ids) {
      clearTimeout(pendingSaves.get(k))
      pendingSaves.delete(k)
      const flow = flows.value.find((f) => f.id === k)
      if (!flow) continue
      try {
        await putFlow(plain(flow))
        saveError.value = null
      } catch (e) {
        saveError.value = e instanceof Error ? e.message : String(e)
      }
    }
    saving.value = pendingSaves.size > 0
  }

  async function remove(id: string): Promise<void> {
    clearTimeout(pendingSaves.get(id))
    pendingSaves.delete(id)
    await deleteFlow(id)
    flows.value = flows.value.filter((f) => f.id !== id)
    if (currentId.value === id) select(flows.value[0]?.id ?? null)
  }

  // Live counts: debounced; each request carries a sequence number and only the newest answer is
  // kept, and the older request is aborted so the worker can skip it.
  let countsSeq = 0
  let countsTimer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | null = null
  function scheduleCounts(): void {
    clearTimeout(countsTimer)
    inFlight?.abort()
    const seq = ++countsSeq
    const ds = workspace.datasetId
    const flow = current.value
    if (!ds || !flow) {
      countsUpdating.value = false
      return
    }
    countsUpdating.value = true
    const graph: FlowGraph = plain({ nodes: flow.nodes, edges: flow.edges })
    const segmentLogic = plain(segmentsStore.segmentLogic)
    countsTimer = setTimeout(() => void requestCounts(seq, ds, graph, segmentLogic), COUNTS_DEBOUNCE_MS)
  }

  async function requestCounts(seq: number, ds: string, graph: FlowGraph, segmentLogic: Record<string, JsonLogic>): Promise<void> {
    const controller = new AbortController()
    inFlight = controller
    try {
      const result = await getEngineClient().flowCounts(ds, graph, segmentLogic, { signal: controller.signal })
      if (seq !== countsSeq) return
      counts.value = result
      countsError.value = null
    } catch (e) {
      if (seq === countsSeq && !controller.signal.aborted) countsError.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (seq === countsSeq) countsUpdating.value = false
    }
  }

  const currentRoutingKey = computed(() => (current.value ? `${current.value.id}:${routingKey(current.value)}` : ''))
  watch([currentRoutingKey, () => segmentsStore.segmentLogic, () => workspace.datasetId], scheduleCounts, { deep: true })
  watch(() => workspace.ruleSetId, () => void load())

  return {
    flows, currentId, current, counts, countsUpdating, countsError, saving, saveError, issues, compiled,
    load, select, create, rename, updateGraph, remove, flush,
  }
})
