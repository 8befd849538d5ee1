import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DatasetMeta } from '@/core/io/types'
import type { FieldMeta } from '@/core/fields/types'
import { cleanupStaging, deleteDataset, listDatasets, requestPersistentStorage } from '@/db/datasets'
import { createRuleSet, listRuleSets } from '@/db/ruleSets'
import type { RuleSet } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'

export interface Progress { phase: string; done: number; total: number }

const DATASET_KEY = 'segmentflow.datasetId'
const RULESET_KEY = 'segmentflow.ruleSetId'

/** Which dataset and rule set the user works on, and the app's start-up. */
export const useWorkspaceStore = defineStore('workspace', () => {
  const datasets = ref<DatasetMeta[]>([])
  const datasetId = ref<string | null>(null)
  const ruleSets = ref<RuleSet[]>([])
  const ruleSetId = ref<string | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const progress = shallowRef<Progress | null>(null)
  const error = ref<string | null>(null)

  const dataset = computed(() => datasets.value.find((d) => d.id === datasetId.value) ?? null)
  const fields = computed<FieldMeta[]>(() => dataset.value?.fields ?? [])
  const total = computed(() => dataset.value?.rowCount ?? 0)
  const customerDatasets = computed(() => datasets.value.filter((d) => d.kind === 'customers'))

  async function init(): Promise<void> {
    status.value = 'loading'
    try {
      await cleanupStaging()
      void requestPersistentStorage()
      await getEngineClient().ensureDemo((p) => (progress.value = p))
      await refreshDatasets()
      await refreshRuleSets()
      status.value = 'ready'
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      status.value = 'error'
    } finally {
      progress.value = null
    }
  }

  async function refreshDatasets(): Promise<void> {
    datasets.value = await listDatasets()
    const saved = datasetId.value ?? localStorage.getItem(DATASET_KEY)
    const valid = customerDatasets.value.find((d) => d.id === saved)
    selectDataset(valid?.id ?? customerDatasets.value[0]?.id ?? null)
  }

  function selectDataset(id: string | null): void {
    datasetId.value = id
    if (id) localStorage.setItem(DATASET_KEY, id)
  }

  async function refreshRuleSets(): Promise<void> {
    ruleSets.value = await listRuleSets()
    if (ruleSets.value.length === 0) {
      await createRuleSet('我的规则集 / My rules')
      ruleSets.value = await listRuleSets()
    }
    const saved = ruleSetId.value ?? localStorage.getItem(RULESET_KEY)
    selectRuleSet(ruleSets.value.find((r) => r.id === saved)?.id ?? ruleSets.value[0].id)
  }

  function selectRuleSet(id: string): void {
    ruleSetId.value = id
    localStorage.setItem(RULESET_KEY, id)
  }

  async function removeDataset(id: string): Promise<void> {
    await deleteDataset(id)
    if (datasetId.value === id) datasetId.value = null
    await refreshDatasets()
  }

  return {
    datasets, datasetId, dataset, fields, total, customerDatasets, ruleSets, ruleSetId, status, progress, error,
    init, refreshDatasets, selectDataset, refreshRuleSets, selectRuleSet, removeDataset,
  }
})
