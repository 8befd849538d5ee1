import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { FieldMeta } from '@/core/fields/types'
import type { ImportIssue } from '@/core/io/types'
import { getEngineClient } from '@/worker/client'
import type { Progress } from './workspace'
import { useWorkspaceStore } from './workspace'

export interface ImportRequest {
  name: string
  kind: 'customers' | 'events'
  fileName: string
  text: string
  fields: FieldMeta[]
  idField: string
  parentId?: string
  customerIdField?: string
  dateField?: string
  amountField?: string
}

/** One import at a time, run in the worker with progress and cancel. */
export const useImportStore = defineStore('import', () => {
  const running = ref(false)
  const progress = shallowRef<Progress | null>(null)
  const issues = ref<ImportIssue[]>([])
  const error = ref<string | null>(null)
  const lastCount = ref<number | null>(null)
  let controller: AbortController | null = null

  async function run(req: ImportRequest): Promise<boolean> {
    const workspace = useWorkspaceStore()
    controller = new AbortController()
    running.value = true
    error.value = null
    issues.value = []
    lastCount.value = null
    try {
      const r = await getEngineClient().importTable(req, { onProgress: (p) => (progress.value = p), signal: controller.signal })
      issues.value = r.issues
      lastCount.value = r.rowCount
      await workspace.refreshDatasets()
      if (req.kind === 'customers') workspace.selectDataset(r.datasetId)
      return true
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return false
    } finally {
      running.value = false
      progress.value = null
      controller = null
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  return { running, progress, issues, error, lastCount, run, cancel }
})
