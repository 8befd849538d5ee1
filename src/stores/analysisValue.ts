import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { getSetting, putSetting } from '@/db/settings'
import { useWorkspaceStore } from './workspace'

/** Strategy texts the user edited, per class key (e.g. 'c0' … 'c7', 'none'); unset keys use the catalogue's default. */
export type StrategyEdits = Record<string, string>

const keyOf = (ruleSetId: string): string => `analysis.rfmStrategies.${ruleSetId}`

/**
 * The RFM view's edited strategy texts, kept per rule set in the db `settings` table (defaults stay in
 * the i18n catalogue, so an unedited text follows the UI language).
 */
export const useAnalysisValueStore = defineStore('analysisValue', () => {
  const workspace = useWorkspaceStore()
  const edits = ref<StrategyEdits>({})
  const error = ref<string | null>(null)

  // The pending load: an edit waits for it, so that stored texts are not dropped by an edit made meanwhile.
  let loading: Promise<void> = Promise.resolve()

  function load(): Promise<void> {
    const rs = workspace.ruleSetId
    loading = (async () => {
      const stored = rs ? await getSetting<StrategyEdits>(keyOf(rs), {}) : {}
      if (workspace.ruleSetId === rs) edits.value = { ...stored }
    })().catch(() => {})
    return loading
  }
  watch(() => workspace.ruleSetId, () => void load(), { immediate: true })

  async function save(): Promise<void> {
    const rs = workspace.ruleSetId
    if (!rs) return
    try {
      await putSetting(keyOf(rs), { ...edits.value })
      error.value = null
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    }
  }

  /** Sets one class's text (empty = back to the default) and stores it. */
  async function setStrategy(key: string, text: string): Promise<void> {
    await loading
    const next = { ...edits.value }
    if (text.trim() === '') delete next[key]
    else next[key] = text
    edits.value = next
    await save()
  }

  async function reset(): Promise<void> {
    await loading
    edits.value = {}
    await save()
  }

  return { edits, error, load, setStrategy, reset }
})
