import { defineStore } from 'pinia'
import { buildRuleSetFile, parseRuleSetFile } from '@/core/io/ruleSetFile'
import type { ImportIssue } from '@/core/io/types'
import { importRuleSet, listFlows, listSegments } from '@/db/ruleSets'
import { useWorkspaceStore } from './workspace'
import { useSegmentsStore } from './segments'

/** Export the current rule set as a file; import one as a new rule set (never overwriting). */
export const useShareStore = defineStore('share', () => {
  const workspace = useWorkspaceStore()
  const segmentsStore = useSegmentsStore()

  async function exportCurrent(): Promise<{ fileName: string; text: string }> {
    await segmentsStore.flush()
    const rs = workspace.ruleSets.find((r) => r.id === workspace.ruleSetId)
    if (!rs) throw new Error('no rule set')
    const [segments, flows] = await Promise.all([listSegments(rs.id), listFlows(rs.id)])
    const file = buildRuleSetFile(rs.name, segments, flows, workspace.fields)
    const safe = rs.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'ruleset'
    return { fileName: `${safe}.segmentflow.json`, text: JSON.stringify(file, null, 2) }
  }

  async function importText(text: string, fileName: string): Promise<{ ok: true; name: string } | { ok: false; errors: ImportIssue[] }> {
    const parsed = parseRuleSetFile(text, fileName)
    if (!parsed.ok) return parsed
    const name = parsed.file.name
    const id = await importRuleSet(name, parsed.file.segments, parsed.file.flows)
    await workspace.refreshRuleSets()
    workspace.selectRuleSet(id)
    return { ok: true, name }
  }

  return { exportCurrent, importText }
})
