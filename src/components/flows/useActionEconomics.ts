import { useI18n } from 'vue-i18n'
import { actionEconomics, type ActionEconomics } from '@/core/flows/actionEconomics'
import type { ActionNode } from '@/core/flows/graph'
import type { FlowCounts } from '@/core/flows/types'

/** An action's economics from the live counts, and their texts in the UI's language and number format. */
export function useActionEconomics() {
  const { t, locale } = useI18n()

  /** The economics, or null while the action's count is unknown. */
  function economicsOf(node: ActionNode, counts: FlowCounts | null): ActionEconomics | null {
    const n = counts?.nodes[node.id]
    return n === undefined ? null : actionEconomics(node.data, n, counts?.measures?.[node.id])
  }

  const money = (x: number) => x.toLocaleString(locale.value, { maximumFractionDigits: 2 })
  const percent = (x: number | null) => (x === null ? '—' : x.toLocaleString(locale.value, { style: 'percent', maximumFractionDigits: 1 }))

  /** "Cost … · Return … · Net …" for the node; empty without cost and value (nothing to say). */
  function summary(node: ActionNode, counts: FlowCounts | null): string {
    if (!node.data.costPerCustomer && !node.data.valuePerCustomer) return ''
    const e = economicsOf(node, counts)
    if (!e) return ''
    return t('flowNodes.action.summary', { cost: money(e.totalCost), ret: money(e.expectedReturn), net: money(e.net) })
  }

  return { economicsOf, money, percent, summary }
}
