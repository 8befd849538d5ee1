import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { SnapshotComparison } from '@/core/analysis/snapshotCompare'
import { deleteSnapshot, listSnapshots, type SnapshotSummary } from '@/db/snapshots'
import { getEngineClient } from '@/worker/client'
import { plain } from './plain'
import { useSegmentsStore } from './segments'
import { useWorkspaceStore } from './workspace'

/**
 * Snapshots of the current rule set on the current dataset (issue 7 item 9): the list of summaries
 * (from IndexedDB; the membership stays with the worker) and the requests that take and compare them.
 */
export const useSnapshotsStore = defineStore('snapshots', () => {
  const workspace = useWorkspaceStore()
  const segStore = useSegmentsStore()
  const list = shallowRef<SnapshotSummary[]>([])
  const taking = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    const rs = workspace.ruleSetId, ds = workspace.datasetId
    const found = rs && ds ? await listSnapshots(rs, ds) : []
    if (workspace.ruleSetId === rs && workspace.datasetId === ds) list.value = found
  }
  watch(() => [workspace.ruleSetId, workspace.datasetId], () => void load().catch((e: unknown) => (error.value = String(e))), { immediate: true })

  /** Snapshots every segment of the current rule set on the current dataset (replacing the same as-of date). */
  async function take(): Promise<SnapshotSummary | null> {
    const rs = workspace.ruleSetId, ds = workspace.datasetId
    if (!rs || !ds || workspace.dataset?.kind !== 'customers') return null
    const segments = segStore.segments.map((s) => ({ id: s.id, name: s.name, logic: segStore.segmentLogic[s.id] ?? false }))
    taking.value = true
    error.value = null
    try {
      const summary = await getEngineClient().takeSnapshot(plain({ datasetId: ds, ruleSetId: rs, segments }))
      await load()
      return summary
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return null
    } finally {
      taking.value = false
    }
  }

  /** Called when the current dataset was refreshed (re-derived, new as-of date, re-imported): snapshot when there are segments. */
  async function autoSnapshot(): Promise<void> {
    if (segStore.segments.length > 0) await take()
  }

  /** Compares two stored snapshots; `churn` (yearly, 0–1] replaces the measured churn. */
  function compare(earlierId: string, laterId: string, churn: number | undefined, signal?: AbortSignal): Promise<SnapshotComparison> {
    return getEngineClient().compareSnapshots({ earlierId, laterId, ...(churn === undefined ? {} : { churn }) }, { signal })
  }

  /** Deletes a stored snapshot (summary and members); the list is read again. */
  async function remove(id: string): Promise<void> {
    error.value = null
    try {
      await deleteSnapshot(id)
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    }
    await load()
  }

  return { list, taking, error, load, take, autoSnapshot, compare, remove }
})
