import { defineStore } from 'pinia'
import { buildRuleSetFile, parseRuleSetFile, ruleSetFileDocuments } from '@/core/io/ruleSetFile'
import type { ImportIssue } from '@/core/io/types'
import { importRuleSet, listFlows, listSegments } from '@/db/ruleSets'
import { useWorkspaceStore } from './workspace'
import { useSegmentsStore } from './segments'
import { useFlowsStore } from './flows'

/** Export the current rule set as a file; import one as a new rule set (never overwriting). */
export const useShareStore = defineStore('share', () => {
  const workspace = useWorkspaceStore()
  const segmentsStore = useSegmentsStore()
  const flowsStore = useFlowsStore()

  /**
   * The current rule set as a file. The file is parsed back with the importer's own checks before it
   * is offered, so a file that a colleague could not import (e.g. a condition still without a value)
   * is never written: the problems are returned instead.
   */
  async function exportCurrent(): Promise<{ ok: true; fileName: string; text: string } | { ok: false; errors: ImportIssue[] }> {
    // Edits autosave after a short delay: write them out so the file holds what the user sees.
    await Promise.all([segmentsStore.flush(), flowsStore.flush()])
    const rs = workspace.ruleSets.find((r) => r.id === workspace.ruleSetId)
    if (!rs) throw new Error('no rule set')
    const [segments, flows] = await Promise.all([listSegments(rs.id), listFlows(rs.id)])
    const file = buildRuleSetFile(rs.name, segments, flows, workspace.fields)
    const safe = rs.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'ruleset'
    const fileName = `${safe}.segmentflow.json`
    const text = JSON.stringify(file, null, 2)
    const check = parseRuleSetFile(text, fileName)
    return check.ok ? { ok: true, fileName, text } : { ok: false, errors: check.errors }
  }

  async function importText(text: string, fileName: string): Promise<{ ok: true; name: string } | { ok: false; errors: ImportIssue[] }> {
    const parsed = parseRuleSetFile(text, fileName)
    if (!parsed.ok) return parsed
    const { name } = parsed.file
    // importRuleSet gives the documents fresh ids and their new rule set's id.
    const { segments, flows } = ruleSetFileDocuments(parsed.file, '')
    const id = await importRuleSet(name, segments, flows, { source: fileName })
    await workspace.refreshRuleSets()
    workspace.selectRuleSet(id)
    return { ok: true, name }
  }

  return { exportCurrent, importText }
})
