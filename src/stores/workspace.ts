import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { ValueCount } from '@/core/engine/query'
import type { DatasetMeta } from '@/core/io/types'
import type { FieldMeta } from '@/core/fields/types'
import { cleanupStaging, deleteDataset, listDatasets, requestPersistentStorage } from '@/db/datasets'
import { createRuleSet, listRuleSets } from '@/db/ruleSets'
import type { RuleSet } from '@/db/ruleSets'
import { getEngineClient } from '@/worker/client'

export interface Progress { phase: string; done: number; total: number }

const DATASET_KEY = 'segmentflow.datasetId'
const RULESET_KEY = 'segmentflow.ruleSetId'
const VALUE_OPTIONS_LIMIT = 200

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
  /** Known values (with counts) of the current dataset's category, text and tag fields, for value pickers. */
  const valueOptions = shallowRef<Record<string, ValueCount[]>>({})

  async function loadValueOptions(): Promise<void> {
    const ds = dataset.value
    valueOptions.value = {}
    if (!ds) return
    const names = ds.fields.filter((f) => f.type === 'category' || f.type === 'list').map((f) => f.name)
    const answer = await getEngineClient().fieldValues(ds.id, names, VALUE_OPTIONS_LIMIT)
    if (dataset.value?.id === ds.id) valueOptions.value = answer
  }
  watch(() => [dataset.value?.id, dataset.value?.version], () => void loadValueOptions().catch(() => {}))

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
    datasets, datasetId, dataset, fields, total, customerDatasets, valueOptions, ruleSets, ruleSetId, status, progress, error,
    init, refreshDatasets, selectDataset, refreshRuleSets, selectRuleSet, removeDataset,
  }
})
