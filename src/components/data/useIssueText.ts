import { useI18n } from 'vue-i18n'
import type { ImportIssue } from '@/core/io/types'

/**
 * The text of an import issue in the UI language: known codes are translated with their parameters,
 * others show the reader's (English) reason. Always plain text: file content is never rendered as HTML.
 */
export function useIssueText() {
  const { t, te } = useI18n()
  const reason = (issue: ImportIssue): string =>
    issue.code && te(`importer.issue.${issue.code}`) ? t(`importer.issue.${issue.code}`, issue.params ?? {}) : issue.reason
  const line = (issue: ImportIssue): string => (issue.row
    ? t('data.issueLine', { file: issue.file, row: issue.row, field: issue.field ?? '—', reason: reason(issue) })
    : t('data.issueLineNoRow', { file: issue.file, reason: reason(issue) }))
  const codeName = (code: string): string => (te(`importer.code.${code}`) ? t(`importer.code.${code}`) : code)
  return { reason, line, codeName }
}
