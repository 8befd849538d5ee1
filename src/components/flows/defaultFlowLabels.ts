import type { DefaultFlowLabels } from '@/core/flows/defaultFlow'

/** The names a new flow's branch and actions get, in the UI's language. */
export function defaultFlowLabels(t: (key: string) => string): DefaultFlowLabels {
  return {
    branch: t('flows.defaults.branch'),
    branchAction: t('flows.defaults.branchAction'),
    elseAction: t('flows.defaults.elseAction'),
  }
}
