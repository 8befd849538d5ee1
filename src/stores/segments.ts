import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Group, JsonLogic, Segment } from '@/core/logic/types'
import { toJsonLogic } from '@/core/logic/toJsonLogic'
import { canReference, expandSegmentRefs, hasSegmentRefs, lookupIn, referencedSegments, SegmentCycleError } from '@/core/logic/segmentRefs'
import { emptyGroup, newId, valueEditOf, withFreshIds } from '@/core/logic/tree'
import type { MeasureStats } from '@/core/engine/measure'
import type { Breakdown } from '@/core/engine/breakdown'
import type { MemberPage } from '@/core/engine/page'
import type { SortDirection } from '@/core/engine/sortKeys'
import { deleteSegment, listSegments, putSegment } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'
import { useWorkspaceStore } from './workspace'
import { useLatestRequest } from './latestRequest'
import { useAutosave } from './autosave'
import { useHistory } from './history'
import type { History } from './history'
import { plain } from './plain'

export const SEGMENT_COLORS = ['#2f6fed', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f08c00', '#5f3dc4']
const LIVE_DEBOUNCE_MS = 150
const LIST_DEBOUNCE_MS = 300
const SAVE_DEBOUNCE_MS = 300
export const MEMBERS_PAGE_SIZE = 20

/** Deleting a segment other segments refer to ("is in segment …") would change them: refused. */
export class SegmentInUseError extends Error {
  constructor(readonly referrers: string[]) {
    super(`segment is used by ${referrers.join(', ')}`)
    this.name = 'SegmentInUseError'
  }
}

export interface LiveCount { count: number; total: number; measure?: MeasureStats }
export interface MembersView { sortField: string | null; direction: SortDirection; offset: number }


/** The same rule with every node given a new id, so a copy never shares ids with its original. */

/** Segments of the current rule set, the one being edited, and its live size. */
export const useSegmentsStore = defineStore('segments', () => {
  const workspace = useWorkspaceStore()
  // shallowRef: segments are replaced, never mutated in place (and deep unwrapping of rule trees is costly).
  const segments = shallowRef<Segment[]>([])
  const selectedId = ref<string | null>(null)

  const selected = computed(() => segments.value.find((s) => s.id === selectedId.value) ?? null)
  const lookup = computed(() => lookupIn(segments.value))
  /**
   * The rule with its segment references expanded (segmentRefs.ts), or null when the references
   * form a cycle — the builder never offers one, but undo can bring one back: it selects nobody
   * and the editor says why (`cycle`).
   */
  function expandedRule(seg: Segment): Group | null {
    try {
      return expandSegmentRefs(seg.rule, lookup.value, seg.id)
    } catch (e) {
      if (e instanceof SegmentCycleError) return null
      throw e
    }
  }
  const segmentLogic = computed<Record<string, JsonLogic>>(() =>
    Object.fromEntries(segments.value.map((s) => {
      const rule = expandedRule(s)
      return [s.id, rule === null ? false : toJsonLogic(rule)]
    })),
  )
  /** The reference chain of the selected segment's cycle, e.g. ["A", "B", "A"], else null. */
  const cycle = computed<string[] | null>(() => {
    const seg = selected.value
    if (!seg || !hasSegmentRefs(seg.rule)) return null
    try {
      expandSegmentRefs(seg.rule, lookup.value, seg.id)
      return null
    } catch (e) {
      if (e instanceof SegmentCycleError) return e.chain
      throw e
    }
  })
  /** Segments whose rules refer to segment `id` ("is in segment …"). */
  function referrersOf(id: string): Segment[] {
    return segments.value.filter((s) => s.id !== id && referencedSegments(s.rule).includes(id))
  }
  /** Segments the selected one may refer to: every other segment that does not refer back to it. */
  const referable = computed<Segment[]>(() => {
    const self = selected.value
    if (!self) return []
    return segments.value.filter((s) => canReference(self.id, s.id, lookup.value))
  })
  const selectedLogic = computed(() => (selected.value ? segmentLogic.value[selected.value.id] : null))

  const autosave = useAutosave(async (id) => {
    const seg = segments.value.find((s) => s.id === id)
    if (seg) await putSegment(plain(seg))
  }, SAVE_DEBOUNCE_MS)

  async function load(): Promise<void> {
    await autosave.flush()
    const rs = workspace.ruleSetId
    segments.value = rs ? await listSegments(rs) : []
    histories.clear() // the stored documents may differ from what the old steps were taken on
    historyEpoch.value++
    if (!segments.value.some((s) => s.id === selectedId.value)) selectedId.value = segments.value[0]?.id ?? null
  }

  /**
   * A new segment with a ready-made rule (from an analysis view: grid cells, an RFM class, a
   * cluster…), saved and selected. The rule gets fresh node ids; `extra` may set a description,
   * tags and a colour. Nothing existing changes.
   */
  async function createWithRule(name: string, rule: Group, extra: Partial<Pick<Segment, 'description' | 'tags' | 'color'>> = {}): Promise<Segment> {
    if (!workspace.ruleSetId) throw new Error('no rule set selected')
    const now = Date.now()
    const n = segments.value.length + 1
    const seg: Segment = {
      id: newId(), ruleSetId: workspace.ruleSetId, name, color: extra.color ?? SEGMENT_COLORS[(n - 1) % SEGMENT_COLORS.length],
      rule: withFreshIds(plain(rule)), createdAt: now, updatedAt: now,
      ...(extra.description ? { description: extra.description } : {}), ...(extra.tags?.length ? { tags: [...extra.tags] } : {}),
    }
    segments.value = [...segments.value, seg]
    selectedId.value = seg.id
    await putSegment(plain(seg))
    return seg
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

  /** Applies a change at once in memory and autosaves it shortly after; name, colour and rule edits can be undone. */
  function update(id: string, patch: Partial<Pick<Segment, 'name' | 'color' | 'rule' | 'description' | 'tags'>>): void {
    const seg = segments.value.find((s) => s.id === id)
    if (seg && (patch.name !== undefined || patch.color !== undefined || patch.rule !== undefined)) {
      historyOf(id).record(snapshot(seg), historyKey(seg, patch))
    }
    apply(id, patch)
  }

  function apply(id: string, patch: Partial<Pick<Segment, 'name' | 'color' | 'rule' | 'description' | 'tags'>>): void {
    segments.value = segments.value.map((s) => (s.id === id ? { ...s, ...patch, updatedAt: Date.now() } : s))
    autosave.schedule(id)
  }

  // Undo/redo, one bounded history per segment of what the editor changes: name, colour, rule.
  type Snapshot = Pick<Segment, 'name' | 'color' | 'rule'>
  const histories = new Map<string, History<Snapshot>>()
  // The map itself is not reactive: canUndo/canRedo re-read it when this changes.
  const historyEpoch = ref(0)
  const snapshot = (s: Segment): Snapshot => ({ name: s.name, color: s.color, rule: s.rule })
  function historyOf(id: string): History<Snapshot> {
    let h = histories.get(id)
    if (!h) histories.set(id, (h = useHistory<Snapshot>()))
    return h
  }
  /** Typing into one box (name, or one condition's value) and dragging the colour coalesce into one step. */
  function historyKey(seg: Segment, patch: Partial<Snapshot>): string | undefined {
    if (patch.rule !== undefined) {
      const node = valueEditOf(seg.rule, patch.rule)
      return node === undefined ? undefined : `value:${node}`
    }
    return patch.name !== undefined ? 'name' : 'color'
  }
  const canUndo = computed(() => historyEpoch.value >= 0 && !!selectedId.value && historyOf(selectedId.value).canUndo.value)
  const canRedo = computed(() => historyEpoch.value >= 0 && !!selectedId.value && historyOf(selectedId.value).canRedo.value)
  /** Steps the selected segment back (or forward); false when there is nothing to step to. */
  function travel(direction: 'undo' | 'redo'): boolean {
    const seg = selected.value
    if (!seg) return false
    const h = historyOf(seg.id)
    const target = direction === 'undo' ? h.undo(snapshot(seg)) : h.redo(snapshot(seg))
    if (target) apply(seg.id, target)
    return target !== undefined
  }
  const undo = (): boolean => travel('undo')
  const redo = (): boolean => travel('redo')

  /**
   * Copies segment `id` (rule with fresh node ids, colour, description, tags) to the end of the list
   * and selects the copy. `suffix` comes from the UI's language: "高价值" → "高价值 副本".
   */
  async function duplicate(id: string, suffix: string): Promise<Segment | null> {
    const source = segments.value.find((s) => s.id === id)
    if (!source) return null
    const now = Date.now()
    const copy: Segment = { ...plain(source), id: newId(), name: `${source.name} ${suffix}`, createdAt: now, updatedAt: now }
    copy.rule = withFreshIds(copy.rule)
    // Appended, not inserted after the original: the list is ordered by creation, also after a reload.
    segments.value = [...segments.value, copy]
    selectedId.value = copy.id
    await putSegment(copy)
    return copy
  }

  function updateRule(rule: Group): void {
    if (selected.value) update(selected.value.id, { rule })
  }

  /** Deletes segment `id`. Refused (an Error naming them) while other segments refer to it. */
  async function remove(id: string): Promise<void> {
    const users = referrersOf(id)
    if (users.length > 0) throw new SegmentInUseError(users.map((s) => s.name))
    autosave.cancel(id)
    await deleteSegment(id)
    segments.value = segments.value.filter((s) => s.id !== id)
    histories.delete(id)
    historyEpoch.value++
    if (selectedId.value === id) selectedId.value = segments.value[0]?.id ?? null
  }

  // Live answers about the segment being edited: its size (and a measure's sum and share), the
  // members of each condition alone and the AND funnel, a page of members; and the list's sizes.
  const liveRequest = useLatestRequest<LiveCount>(LIVE_DEBOUNCE_MS)
  const breakdownRequest = useLatestRequest<Breakdown>(LIVE_DEBOUNCE_MS)
  const membersRequest = useLatestRequest<MemberPage>(LIVE_DEBOUNCE_MS)
  const listRequest = useLatestRequest<Record<string, number>>(LIST_DEBOUNCE_MS)
  /** Number field whose sum and share the live count shows (e.g. revenue); null for none. */
  const measureField = ref<string | null>(null)
  const membersView = ref<MembersView>({ sortField: null, direction: 'desc', offset: 0 })

  function scheduleLive(): void {
    const ds = workspace.datasetId
    const seg = selected.value
    const logic = selectedLogic.value
    if (!ds || !seg || logic === null) {
      liveRequest.clear()
      breakdownRequest.clear()
      return
    }
    const measure = measureField.value ?? undefined
    liveRequest.schedule((signal) => getEngineClient().count(ds, logic, 0, { signal, measure }))
    const rule = plain(expandedRule(seg) ?? emptyGroup())
    breakdownRequest.schedule((signal) => getEngineClient().breakdown(ds, rule, { signal }))
    scheduleMembers()
  }

  function scheduleMembers(): void {
    const ds = workspace.datasetId
    const logic = selectedLogic.value
    if (!ds || logic === null) return membersRequest.clear()
    const { sortField, direction, offset } = membersView.value
    const page = { ...(sortField ? { sortField } : {}), direction, offset, limit: MEMBERS_PAGE_SIZE }
    membersRequest.schedule((signal) => getEngineClient().page(ds, logic, page, { signal }))
  }

  function setMembersView(patch: Partial<MembersView>): void {
    // A new order or a new rule starts again at the first page.
    membersView.value = { ...membersView.value, offset: 0, ...patch }
    scheduleMembers()
  }

  /** The measure defaults to the dataset's revenue-like field when it has one. */
  function defaultMeasure(): void {
    const numbers = workspace.fields.filter((f) => f.type === 'number').map((f) => f.name)
    if (measureField.value && numbers.includes(measureField.value)) return
    measureField.value = numbers.find((n) => n === 'total_amount') ?? numbers.find((n) => /amount|金额|revenue|spend/i.test(n)) ?? null
  }

  function scheduleListCounts(): void {
    const ds = workspace.datasetId
    if (!ds) return listRequest.clear()
    const rules = Object.entries(segmentLogic.value).map(([id, logic]) => ({ id, logic }))
    listRequest.schedule((signal) => getEngineClient().counts(ds, rules, { signal }))
  }

  watch(() => workspace.fields, defaultMeasure, { immediate: true })
  watch([selectedLogic, () => workspace.datasetId, measureField], () => {
    membersView.value = { ...membersView.value, offset: 0 }
    scheduleLive()
  }, { deep: true })
  watch([segmentLogic, () => workspace.datasetId], scheduleListCounts, { deep: true })
  watch(() => workspace.ruleSetId, () => void load())

  return {
    segments, selectedId, selected, segmentLogic, selectedLogic, cycle, referable, referrersOf,
    live: liveRequest.result, updating: liveRequest.busy, liveError: liveRequest.error,
    breakdown: breakdownRequest.result, members: membersRequest.result, membersUpdating: membersRequest.busy,
    measureField, membersView, setMembersView,
    listCounts: computed(() => listRequest.result.value ?? {}),
    saving: autosave.saving, saveError: autosave.error,
    load, create, createWithRule, duplicate, update, updateRule, remove, flush: autosave.flush,
    canUndo, canRedo, undo, redo,
  }
})
