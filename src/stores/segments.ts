import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Group, JsonLogic, Segment } from '@/core/logic/types'
import { toJsonLogic } from '@/core/logic/toJsonLogic'
import { emptyGroup, newId } from '@/core/logic/tree'
import type { Row } from '@/core/engine/columns'
import { deleteSegment, listSegments, putSegment } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'
import { useWorkspaceStore } from './workspace'
import { useLatestRequest } from './latestRequest'
import { useAutosave } from './autosave'

export const SEGMENT_COLORS = ['#2f6fed', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f08c00', '#5f3dc4']
const LIVE_DEBOUNCE_MS = 150
const LIST_DEBOUNCE_MS = 300
const SAVE_DEBOUNCE_MS = 300
const SAMPLE_SIZE = 10

export interface LiveCount { count: number; total: number; sample: Row[] }

/** A plain copy: IndexedDB and postMessage cannot clone Vue's reactive proxies. */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

/** Segments of the current rule set, the one being edited, and its live size. */
export const useSegmentsStore = defineStore('segments', () => {
  const workspace = useWorkspaceStore()
  // shallowRef: segments are replaced, never mutated in place (and deep unwrapping of rule trees is costly).
  const segments = shallowRef<Segment[]>([])
  const selectedId = ref<string | null>(null)

  const selected = computed(() => segments.value.find((s) => s.id === selectedId.value) ?? null)
  const segmentLogic = computed<Record<string, JsonLogic>>(() =>
    Object.fromEntries(segments.value.map((s) => [s.id, toJsonLogic(s.rule)])),
  )
  const selectedLogic = computed(() => (selected.value ? segmentLogic.value[selected.value.id] : null))

  const autosave = useAutosave(async (id) => {
    const seg = segments.value.find((s) => s.id === id)
    if (seg) await putSegment(plain(seg))
  }, SAVE_DEBOUNCE_MS)

  async function load(): Promise<void> {
    await autosave.flush()
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

  /** Applies a change at once in memory and autosaves it shortly after. */
  function update(id: string, patch: Partial<Pick<Segment, 'name' | 'color' | 'rule'>>): void {
    segments.value = segments.value.map((s) => (s.id === id ? { ...s, ...patch, updatedAt: Date.now() } : s))
    autosave.schedule(id)
  }

  function updateRule(rule: Group): void {
    if (selected.value) update(selected.value.id, { rule })
  }

  async function remove(id: string): Promise<void> {
    autosave.cancel(id)
    await deleteSegment(id)
    segments.value = segments.value.filter((s) => s.id !== id)
    if (selectedId.value === id) selectedId.value = segments.value[0]?.id ?? null
  }

  // Live size of the segment being edited, and the sizes shown in the list.
  const liveRequest = useLatestRequest<LiveCount>(LIVE_DEBOUNCE_MS)
  const listRequest = useLatestRequest<Record<string, number>>(LIST_DEBOUNCE_MS)

  function scheduleLive(): void {
    const ds = workspace.datasetId
    const logic = selectedLogic.value
    if (!ds || logic === null) return liveRequest.clear()
    liveRequest.schedule((signal) => getEngineClient().count(ds, logic, SAMPLE_SIZE, { signal }))
  }

  function scheduleListCounts(): void {
    const ds = workspace.datasetId
    if (!ds) return listRequest.clear()
    const rules = Object.entries(segmentLogic.value).map(([id, logic]) => ({ id, logic }))
    listRequest.schedule((signal) => getEngineClient().counts(ds, rules, { signal }))
  }

  watch([selectedLogic, () => workspace.datasetId], scheduleLive, { deep: true })
  watch([segmentLogic, () => workspace.datasetId], scheduleListCounts, { deep: true })
  watch(() => workspace.ruleSetId, () => void load())

  return {
    segments, selectedId, selected, segmentLogic, selectedLogic,
    live: liveRequest.result, updating: liveRequest.busy, liveError: liveRequest.error,
    listCounts: computed(() => listRequest.result.value ?? {}),
    saving: autosave.saving, saveError: autosave.error,
    load, create, update, updateRule, remove, flush: autosave.flush,
  }
})
