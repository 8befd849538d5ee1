import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Group, JsonLogic, Segment } from '@/core/logic/types'
import { toJsonLogic } from '@/core/logic/toJsonLogic'
import { emptyGroup, newId } from '@/core/logic/tree'
import type { Row } from '@/core/engine/columns'
import { deleteSegment, listSegments, putSegment } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'
import { useWorkspaceStore } from './workspace'

export const SEGMENT_COLORS = ['#2f6fed', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f08c00', '#5f3dc4']
const LIVE_DEBOUNCE_MS = 150
const SAVE_DEBOUNCE_MS = 300
const SAMPLE_SIZE = 10

export interface LiveCount { count: number; total: number; sample: Row[] }

/** Segments of the current rule set, the one being edited, and its live size. */
export const useSegmentsStore = defineStore('segments', () => {
  const workspace = useWorkspaceStore()
  // shallowRef: segments are replaced, never mutated in place (and deep unwrapping of rule trees is costly).
  const segments = shallowRef<Segment[]>([])
  const selectedId = ref<string | null>(null)
  const live = shallowRef<LiveCount | null>(null)
  const updating = ref(false)
  const listCounts = ref<Record<string, number>>({})
  const liveError = ref<string | null>(null)

  const selected = computed(() => segments.value.find((s) => s.id === selectedId.value) ?? null)
  const segmentLogic = computed<Record<string, JsonLogic>>(() =>
    Object.fromEntries(segments.value.map((s) => [s.id, toJsonLogic(s.rule)])),
  )
  const selectedLogic = computed(() => (selected.value ? segmentLogic.value[selected.value.id] : null))

  async function load(): Promise<void> {
    const rs = workspace.ruleSetId
    segments.value = rs ? await listSegments(rs) : []
    if (!segments.value.some((s) => s.id === selectedId.value)) selectedId.value = segments.value[0]?.id ?? null
  }

  /** `baseName` comes from the UI's language, e.g. "分群" → "分群 3". */
  async function create(baseName: string): Promise<Segment> {
    const now = Date.now()
    const n = segments.value.length + 1
    const seg: Segment = {
      id: newId(), ruleSetId: workspace.ruleSetId!, name: `${baseName} ${n}`,
      color: SEGMENT_COLORS[(n - 1) % SEGMENT_COLORS.length], rule: emptyGroup(), createdAt: now, updatedAt: now,
    }
    segments.value = [...segments.value, seg]
    selectedId.value = seg.id
    await putSegment(seg)
    return seg
  }

  const pendingSaves = new Map<string, ReturnType<typeof setTimeout>>()

  /** Applies a change at once in memory and autosaves it shortly after (edits come in bursts). */
  function update(id: string, patch: Partial<Pick<Segment, 'name' | 'color' | 'rule'>>): void {
    segments.value = segments.value.map((s) => (s.id === id ? { ...s, ...patch, updatedAt: Date.now() } : s))
    clearTimeout(pendingSaves.get(id))
    pendingSaves.set(id, setTimeout(() => void flush(id), SAVE_DEBOUNCE_MS))
  }

  async function flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...pendingSaves.keys()]
    for (const k of ids) {
      clearTimeout(pendingSaves.get(k))
      pendingSaves.delete(k)
      const seg = segments.value.find((s) => s.id === k)
      if (seg) await putSegment(JSON.parse(JSON.stringify(seg)) as Segment)
    }
  }

  function updateRule(rule: Group): void {
    if (selected.value) update(selected.value.id, { rule })
  }

  async function remove(id: string): Promise<void> {
    clearTimeout(pendingSaves.get(id))
    pendingSaves.delete(id)
    await deleteSegment(id)
    segments.value = segments.value.filter((s) => s.id !== id)
    if (selectedId.value === id) selectedId.value = segments.value[0]?.id ?? null
  }

  // Live size: debounced; each request has a sequence number and only the newest answer is shown.
  let liveSeq = 0
  let liveTimer: ReturnType<typeof setTimeout> | undefined
  let liveAbort: AbortController | null = null
  function scheduleLive(): void {
    clearTimeout(liveTimer)
    // A newer edit supersedes the running request: the worker stops it instead of finishing stale work.
    liveAbort?.abort()
    liveAbort = null
    const ds = workspace.datasetId
    const logic = selectedLogic.value
    if (!ds || logic === null) {
      live.value = null
      return
    }
    updating.value = true
    const seq = ++liveSeq
    liveTimer = setTimeout(async () => {
      const abort = (liveAbort = new AbortController())
      try {
        const r = await getEngineClient().count(ds, logic, SAMPLE_SIZE, { signal: abort.signal })
        if (seq !== liveSeq) return
        live.value = r
        liveError.value = null
      } catch (e) {
        if (seq === liveSeq && !abort.signal.aborted) liveError.value = e instanceof Error ? e.message : String(e)
      } finally {
        if (seq === liveSeq) updating.value = false
      }
    }, LIVE_DEBOUNCE_MS)
  }

  let listSeq = 0
  let listTimer: ReturnType<typeof setTimeout> | undefined
  function scheduleListCounts(): void {
    clearTimeout(listTimer)
    const ds = workspace.datasetId
    if (!ds) return
    const seq = ++listSeq
    const rules = Object.entries(segmentLogic.value).map(([id, logic]) => ({ id, logic }))
    listTimer = setTimeout(async () => {
      try {
        const r = await getEngineClient().counts(ds, rules)
        if (seq === listSeq) listCounts.value = r
      } catch {
        /* the list keeps its last counts; the editor shows errors */
      }
    }, LIVE_DEBOUNCE_MS * 2)
  }

  watch([selectedLogic, () => workspace.datasetId], scheduleLive, { deep: true })
  watch([segmentLogic, () => workspace.datasetId], scheduleListCounts, { deep: true })
  watch(() => workspace.ruleSetId, () => void load())

  return {
    segments, selectedId, selected, segmentLogic, selectedLogic, live, updating, listCounts, liveError,
    load, create, update, updateRule, remove, flush,
  }
})
