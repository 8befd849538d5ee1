import { defineStore } from 'pinia'
import { buildRuleSetFile, parseRuleSetFile, ruleSetFileDocuments } from '@/core/io/ruleSetFile'
import type { RuleSetFile } from '@/core/io/ruleSetFile'
import { applyFieldMapping, mappingIsIdentity, mappingIssues, mappingOf, suggestFieldMapping } from '@/core/io/ruleSetFileMapping'
import type { FieldMatch } from '@/core/io/ruleSetFileMapping'
import { makeShareLink, readShareFragment } from '@/core/io/ruleSetFileShare'
import type { ImportIssue } from '@/core/io/types'
import { importRuleSet, listFlows, listSegments } from '@/db/ruleSets'
import { useWorkspaceStore } from './workspace'
import { useSegmentsStore } from './segments'
import { useFlowsStore } from './flows'

/** A file read and checked, waiting for the user's confirmation (and field mapping). */
export interface PreparedImport {
  ok: true
  source: string
  file: RuleSetFile
  /** Required field → dataset field, as proposed (the mapping step lets the user change them). */
  matches: FieldMatch[]
  /** The file's fields differ from the open dataset's: the mapping step is shown. */
  needsMapping: boolean
}

/** The `file` name of issues from a share link. */
export const SHARE_SOURCE = 'share link'

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

  /**
   * Reads a file (or a share link's text) completely, and matches its required fields to the open
   * dataset's. Nothing is stored: `commitImport` does that after the user has confirmed.
   */
  function prepareImport(text: string, source: string): PreparedImport | { ok: false; errors: ImportIssue[] } {
    const parsed = parseRuleSetFile(text, source)
    if (!parsed.ok) return parsed
    const matches = suggestFieldMapping(parsed.file.requires.fields, workspace.fields)
    // Without a dataset there is nothing to map to: the file's own names are kept.
    const needsMapping = workspace.fields.length > 0 && !mappingIsIdentity(matches)
    return { ok: true, source, file: parsed.file, matches, needsMapping }
  }

  /** Stores a prepared file as a new rule set, rewritten with the confirmed field mapping. */
  async function commitImport(prepared: PreparedImport, matches: FieldMatch[] = prepared.matches): Promise<{ ok: true; name: string } | { ok: false; errors: ImportIssue[] }> {
    let file = prepared.file
    if (prepared.needsMapping) {
      const blocking = mappingIssues(matches, workspace.fields)
      if (blocking.length > 0) return { ok: false, errors: blocking.map((i) => ({ file: prepared.source, path: i.path, field: i.field, code: i.code, reason: i.reason })) }
      // The rewritten file goes through every check again before anything is saved.
      const again = parseRuleSetFile(JSON.stringify(applyFieldMapping(file, mappingOf(matches))), prepared.source)
      if (!again.ok) return again
      file = again.file
    }
    // importRuleSet gives the documents fresh ids and their new rule set's id.
    const { segments, flows } = ruleSetFileDocuments(file, '')
    const id = await importRuleSet(file.name, segments, flows, { source: prepared.source })
    await workspace.refreshRuleSets()
    workspace.selectRuleSet(id)
    return { ok: true, name: file.name }
  }

  /** Imports a file at once when its fields match the dataset; otherwise returns it for the mapping step. */
  async function importText(text: string, fileName: string): Promise<{ ok: true; name: string } | { ok: false; errors: ImportIssue[] } | PreparedImport> {
    const prepared = prepareImport(text, fileName)
    if (!prepared.ok || prepared.needsMapping) return prepared
    return commitImport(prepared)
  }

  /** A share link of the current rule set (the same file as the export, compressed into the fragment). */
  async function shareCurrent(): Promise<{ ok: true; url: string; length: number; tooLong: boolean } | { ok: false; errors: ImportIssue[] }> {
    const r = await exportCurrent()
    return r.ok ? { ok: true, ...makeShareLink(location.href, r.text) } : r
  }

  /** The import a `#/share/…` fragment offers; null when the fragment is not a share link. */
  function readShare(hash: string): PreparedImport | { ok: false; errors: ImportIssue[] } | null {
    const frag = readShareFragment(hash)
    if (frag === null) return null
    if (!frag.ok) return { ok: false, errors: [{ file: SHARE_SOURCE, path: '$', code: frag.code, reason: frag.reason }] }
    return prepareImport(frag.text, SHARE_SOURCE)
  }

  return { exportCurrent, importText, prepareImport, commitImport, shareCurrent, readShare }
})
