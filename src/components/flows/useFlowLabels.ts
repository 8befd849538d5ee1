import { useI18n } from 'vue-i18n'
import type { Ref } from 'vue'
import type { FlowGraph, FlowIssue, FlowNode } from '@/core/flows/types'
import { ELSE_HANDLE } from '@/core/flows/types'
import type { Segment } from '@/core/logic/types'

/**
 * Display names for the flow screen: nodes, handles, counts and issue messages, in the UI's language.
 * Splits have no name of their own, so they are numbered in graph order and named after their branches.
 */
export function useFlowLabels(graph: Ref<FlowGraph | null>, segments: Ref<readonly Segment[]>) {
  const { t, locale } = useI18n()

  function audienceName(segmentId: string | null): string {
    if (segmentId === null) return t('flows.entry.all')
    return segments.value.find((s) => s.id === segmentId)?.name ?? t('flows.entry.unknownSegment')
  }

  function splitNumber(id: string, type: FlowNode['type'] = 'split'): number {
    const splits = (graph.value?.nodes ?? []).filter((n) => n.type === type)
    return splits.findIndex((n) => n.id === id) + 1
  }

  /** Short name of a node: the audience, "Split n", or the action's name. */
  function nodeName(node: FlowNode): string {
    if (node.type === 'entry') return node.data.segmentId === null && node.data.rule ? t('flowNodes.entry.ruleName') : audienceName(node.data.segmentId)
    if (node.type === 'split') return t('flows.split.defaultName', { n: splitNumber(node.id) })
    if (node.type === 'random') return t('flowNodes.random.defaultName', { n: splitNumber(node.id, 'random') })
    if (node.type === 'filter') return node.data.label || t('flowNodes.filter.defaultName', { n: splitNumber(node.id, 'filter') })
    return node.data.name || t('flows.kind.action')
  }

  /** Kind and name, e.g. "入口：全部客户" / "Action: Send a coupon"; a split's name already says "split". */
  function nodeTitle(node: FlowNode): string {
    if (node.type === 'split' || node.type === 'random') return nodeName(node)
    if (node.type === 'filter') return t('flows.nodeTitle', { kind: t('flowNodes.kind.filter'), name: nodeName(node) })
    return t('flows.nodeTitle', { kind: t(`flows.kind.${node.type}`), name: nodeName(node) })
  }

  /** Name of a source handle: the branch label, "Everyone else", or the entry's audience. */
  function handleName(node: FlowNode, handle: string | null): string {
    if (node.type === 'split') {
      if (handle === ELSE_HANDLE) return t('flows.split.else')
      return node.data.branches.find((b) => b.id === handle)?.label ?? String(handle)
    }
    if (node.type === 'random') {
      if (handle === ELSE_HANDLE) return t('flowNodes.random.rest')
      return node.data.branches.find((b) => b.id === handle)?.label ?? String(handle)
    }
    if (node.type === 'filter') return `${nodeName(node)} · ${t('flowNodes.filter.pass')}`
    return nodeName(node)
  }

  /** "1,234 人"; "…" while the count is not known yet. */
  function formatCount(n: number | undefined): string {
    return n === undefined ? '…' : t('flows.counts.people', { n: n.toLocaleString(locale.value) })
  }

  /** Just the number, for edge labels that must fit between two nodes. */
  function formatNumber(n: number | undefined): string {
    return n === undefined ? '…' : n.toLocaleString(locale.value)
  }

  function issueText(issue: FlowIssue): string {
    if (issue.code === 'dangling_handle' && issue.params?.handle === '') return t('flows.issues.dangling_entry')
    if (issue.code === 'random_over_total') return t('flowNodes.issues.random_over_total', issue.params ?? {})
    return t(`flows.issues.${issue.code}`, issue.params ?? {})
  }

  return { audienceName, nodeName, nodeTitle, handleName, formatCount, formatNumber, issueText }
}
