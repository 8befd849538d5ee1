import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { FieldStats, ValueCount } from '@/core/engine/query'
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
const VALUE_STATS_BINS = 20

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
  /**
   * A per-field answer about the current dataset's fields of the given types, asked again whenever the
   * dataset (or its version) changes; {} until the answer arrives or when it fails.
   */
  function fieldAnswers<T>(types: FieldMeta['type'][], ask: (id: string, names: string[]) => Promise<Record<string, T>>) {
    const answers = shallowRef<Record<string, T>>({})
    async function load(): Promise<void> {
      const ds = dataset.value
      answers.value = {}
      if (!ds) return
      const answer = await ask(ds.id, ds.fields.filter((f) => types.includes(f.type)).map((f) => f.name))
      if (dataset.value?.id === ds.id) answers.value = answer
    }
    watch(() => [dataset.value?.id, dataset.value?.version], () => void load().catch(() => {}))
    return answers
  }
  /** Known values (with counts) of the current dataset's category and tag fields, for value pickers. */
  const valueOptions = fieldAnswers<ValueCount[]>(['category', 'list'], (id, names) => getEngineClient().fieldValues(id, names, VALUE_OPTIONS_LIMIT))
  /** Range and histogram of the current dataset's number and date fields, for value editors. */
  const valueStats = fieldAnswers<FieldStats>(['number', 'date'], (id, names) => getEngineClient().fieldStats(id, names, VALUE_STATS_BINS))

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
    datasets, datasetId, dataset, fields, total, customerDatasets, valueOptions, valueStats, ruleSets, ruleSetId, status, progress, error,
    init, refreshDatasets, selectDataset, refreshRuleSets, selectRuleSet, removeDataset,
  }
})
