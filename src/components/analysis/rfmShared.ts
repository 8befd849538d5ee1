import { computed, ref, watch } from 'vue'
import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { guessValueFields, type ValueFields } from '@/core/analysis/rfmFields'
import { useWorkspaceStore } from '@/stores/workspace'
import { useAnalysisValueStore } from '@/stores/analysisValue'

/**
 * The R, F and M fields of the customer value views: guessed from the current dataset's number fields
 * (core/analysis/rfmFields.ts) whenever the dataset changes; the user can pick others.
 */
export function useValueFields(): { fields: Ref<ValueFields | null>; numberFields: Ref<string[]> } {
  const workspace = useWorkspaceStore()
  const numberFields = computed(() => workspace.fields.filter((f) => f.type === 'number').map((f) => f.name))
  const fields = ref<ValueFields | null>(null)
  watch(() => [workspace.datasetId, numberFields.value.join('\n')], () => {
    const kept = fields.value && [fields.value.recency, fields.value.frequency, fields.value.monetary].every((f) => numberFields.value.includes(f))
    if (!kept) fields.value = guessValueFields(workspace.fields)
  }, { immediate: true })
  return { fields, numberFields }
}

/** A class's strategy text (key 'c0' … 'c7' or 'none'): the rule set's edited text, else the catalogue's default. */
export function useRfmStrategy(): (key: string) => string {
  const { t } = useI18n()
  const strategies = useAnalysisValueStore()
  return (key) => strategies.edits[key] ?? t(`analysis.rfm.${key === 'none' ? 'sNone' : `s${key.slice(1)}`}`)
}

/** Locale formatters: counts grouped, shares as percent with one decimal, other numbers with ≤ 2 decimals. */
export function useValueFormat() {
  const { locale } = useI18n()
  return {
    count: (v: number): string => new Intl.NumberFormat(locale.value).format(v),
    pct: (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(v)),
    num: (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : new Intl.NumberFormat(locale.value, { maximumFractionDigits: 2 }).format(v)),
  }
}

/** value / total, or null when the total is not positive. */
export const shareOf = (value: number, total: number): number | null => (total > 0 ? value / total : null)
