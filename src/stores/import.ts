import { defineStore } from 'pinia'
import { computed, ref, shallowRef, toRaw } from 'vue'
import type { FieldMeta } from '@/core/fields/types'
import type { BadRowPolicy, ImportReport } from '@/core/io/importReport'
import type { ImportIssue } from '@/core/io/types'
import { requestPersistentStorage } from '@/db/datasets'
import { EngineError, getEngineClient } from '@/worker/client'
import type { ImportPreviewResult, ImportReadOptions, Progress } from '@/worker/client'
import { useWorkspaceStore } from './workspace'
import { plain } from './plain'
import { useSnapshotsStore } from './snapshots'

/** The user's mapping, sent with the file to be checked. */
export interface PrepareRequest {
  name: string
  kind: 'customers' | 'events'
  /** One entry per header column (null: not imported). */
  fields: (FieldMeta | null)[]
  idField: string
  listSeparators: Record<string, string>
  parentId?: string
  customerIdField?: string
  dateField?: string
  amountField?: string
}

export type ImportStage = 'idle' | 'previewing' | 'mapping' | 'preparing' | 'review' | 'committing' | 'done'

/** Reading speed and time left of a running check, from its progress and start time. */
export interface ReadRate {
  rows: number
  mb: number
  totalMb: number
  mbPerSecond: number
  /** Seconds left, or null before there is a speed to go by. */
  etaSeconds: number | null
}

const MB = 1024 * 1024

function rateOf(p: Progress, startedAt: number, now: number): ReadRate {
  const seconds = Math.max(0.001, (now - startedAt) / 1000)
  const speed = p.done / MB / seconds
  return {
    rows: p.rows ?? 0, mb: p.done / MB, totalMb: p.total / MB, mbPerSecond: speed,
    etaSeconds: speed > 0 && p.done > 0 ? (p.total - p.done) / MB / speed : null,
  }
}

/**
 * One import at a time, in three steps run in the worker: preview (the head of the file and proposed
 * types), prepare (the whole file read and checked, nothing stored; progress with rows, MB/s and time
 * left; cancellable) and, once the user has seen the report, commit (skip or keep the bad rows) or discard.
 */
export const useImportStore = defineStore('import', () => {
  const stage = ref<ImportStage>('idle')
  const file = shallowRef<File | null>(null)
  const options = ref<ImportReadOptions>({})
  const preview = shallowRef<ImportPreviewResult | null>(null)
  const report = shallowRef<ImportReport | null>(null)
  const progress = shallowRef<Progress | null>(null)
  const rate = shallowRef<ReadRate | null>(null)
  const error = ref<string | null>(null)
  /** 'quota' when the browser refused to store more: the UI explains what to do. */
  const errorCode = ref<string | null>(null)
  const issues = ref<ImportIssue[]>([])
  const lastCount = ref<number | null>(null)
  const running = computed(() => stage.value === 'previewing' || stage.value === 'preparing' || stage.value === 'committing')
  let controller: AbortController | null = null
  let prepareId: string | null = null

  function fail(e: unknown): void {
    if (e instanceof EngineError && e.code === 'cancelled') return
    error.value = e instanceof Error ? e.message : String(e)
    errorCode.value = e instanceof EngineError ? e.code ?? null : null
  }

  async function step<T>(s: ImportStage, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    controller = new AbortController()
    stage.value = s
    error.value = null
    errorCode.value = null
    try {
      return await work(controller.signal)
    } catch (e) {
      fail(e)
      return undefined
    } finally {
      controller = null
      progress.value = null
      rate.value = null
    }
  }

  /** Reads the head of `f` (again, with other read options) and proposes field types. */
  async function choose(f: File, readOptions: ImportReadOptions = {}): Promise<boolean> {
    await discard()
    file.value = f
    options.value = { ...readOptions }
    report.value = null
    issues.value = []
    lastCount.value = null
    const r = await step('previewing', (signal) =>
      getEngineClient().importPreview({ file: f, fileName: f.name, options: plain(options.value) }, { signal }))
    preview.value = r ?? null
    stage.value = r ? 'mapping' : 'idle'
    return r !== undefined
  }

  /** Reads and checks the whole file with the user's mapping; shows the report. */
  async function prepare(req: PrepareRequest): Promise<boolean> {
    const f = toRaw(file.value)
    const head = preview.value
    if (!f || !head) return false
    const startedAt = Date.now()
    const onProgress = (p: Progress): void => {
      progress.value = p
      if (p.phase === 'read') rate.value = rateOf(p, startedAt, Date.now())
    }
    const r = await step('preparing', (signal) => getEngineClient().importPrepare({
      ...plain({ ...req, header: head.header, options: { ...options.value, format: head.info.format } }), file: f, fileName: f.name,
    }, { signal, onProgress }))
    prepareId = r?.prepareId ?? null
    report.value = r?.report ?? null
    stage.value = r ? 'review' : 'mapping'
    return r !== undefined
  }

  /** Stores the checked file, leaving the bad rows out or keeping them with empty values. */
  async function commit(policy: BadRowPolicy, kind: 'customers' | 'events'): Promise<boolean> {
    const id = prepareId
    if (!id) return false
    void requestPersistentStorage()
    const r = await step('committing', (signal) =>
      getEngineClient().importCommit({ prepareId: id, badRows: policy }, { signal, onProgress: (p) => (progress.value = p) }))
    if (!r) {
      // Saving failed or was cancelled: the checked file is still held, so the user can try again.
      stage.value = 'review'
      return false
    }
    prepareId = null
    issues.value = r.issues
    lastCount.value = r.rowCount
    stage.value = 'done'
    const workspace = useWorkspaceStore()
    await workspace.refreshDatasets()
    if (kind === 'customers') workspace.selectDataset(r.datasetId)
    // Fresh data (a new customer table, or its behaviour fields re-derived from new events): snapshot it.
    void useSnapshotsStore().autoSnapshot()
    return true
  }

  /** Forgets the checked file (the worker frees its memory) and goes back to the start. */
  async function discard(): Promise<void> {
    const id = prepareId
    prepareId = null
    report.value = null
    if (stage.value !== 'done') stage.value = preview.value ? 'mapping' : 'idle'
    if (id) await getEngineClient().importDiscard(id).catch(() => undefined)
  }

  /** Stops the running step (the worker stops too). */
  function cancel(): void {
    controller?.abort()
  }

  async function reset(): Promise<void> {
    cancel()
    await discard()
    file.value = null
    preview.value = null
    error.value = null
    errorCode.value = null
    stage.value = 'idle'
  }

  return {
    stage, file, options, preview, report, progress, rate, error, errorCode, issues, lastCount, running,
    choose, prepare, commit, discard, cancel, reset,
  }
})
