import type { DefinitionIssue } from '@/core/derive/checkDefinitions'
import type { DerivedFieldDefinition, SegmentTag } from '@/core/derive/definition'
import { upsertTag } from '@/core/derive/segmentTags'
import type { JsonLogic } from '@/core/logic/types'

/** What the "save as tag" form asks for. */
export interface TagDraft {
  label: string
  field: string
  mode: 'live' | 'frozen'
}

/** The tag a draft makes from a segment's (expanded) rule; `frozen: {}` asks the worker to freeze its members now. */
export function draftTag(draft: TagDraft, logic: JsonLogic, segmentId: string): SegmentTag {
  return { label: draft.label.trim(), logic, segmentId, ...(draft.mode === 'frozen' ? { frozen: {} } : {}) }
}

/** The definitions after saving the draft, and the index of its tag field among them. */
export function draftDefinitions(defs: readonly DerivedFieldDefinition[], draft: TagDraft, tag: SegmentTag): { list: DerivedFieldDefinition[]; index: number } {
  const list = upsertTag(defs, draft.field.trim(), tag)
  return { list, index: list.findIndex((d) => d.kind === 'segmentTags' && d.name === draft.field.trim()) }
}

/** True when the field already holds a tag with this label from another segment (saving replaces it). */
export function replacesOther(defs: readonly DerivedFieldDefinition[], draft: TagDraft, segmentId: string): boolean {
  const def = defs.find((d) => d.kind === 'segmentTags' && d.name === draft.field.trim())
  return def?.kind === 'segmentTags' && def.tags.some((t) => t.label === draft.label.trim() && t.segmentId !== segmentId)
}

/** The i18n key of an issue: tag-specific messages first, then the behaviour-field ones. */
export function issueKey(issue: DefinitionIssue, has: (key: string) => boolean): string {
  const own = `tags.issue.${issue.code}`
  return has(own) ? own : `derive.issue.${issue.code}`
}

/** Names of the existing tag fields (for the field suggestions). */
export function tagFieldNames(defs: readonly DerivedFieldDefinition[]): string[] {
  return defs.filter((d) => d.kind === 'segmentTags').map((d) => d.name)
}
