import type { FieldMeta } from '@/core/fields/types'
import type { Group, JsonLogic, RuleNode } from '@/core/logic/types'
import { importForeignLogic } from '@/core/logic/importForeign'
import { validateLogic } from '@/core/logic/validateLogic'
import { findSyntaxError, lineColumn, locatePaths } from './jsonText'
import type { TextRange } from './jsonText'

// Checks the text of the JSON editor: syntax first, then the same safety checks as every other
// import (validateLogic, with the dataset's fields), then how it would import. Pure and DOM-free,
// so it is tested in Node and the CodeMirror view only shows what this returns.

/** A place in the text: 0-based offsets, 1-based line and column. */
export interface TextSpot { from: number; to: number; line: number; column: number }

export interface PathProblem { path: string; reason: string; spot: TextSpot | null }

export type DraftCheck =
  | { status: 'empty' }
  | { status: 'syntax'; message: string; spot: TextSpot }
  | { status: 'issues'; issues: PathProblem[] }
  | { status: 'ok'; logic: JsonLogic; rule: Group; conditions: number; advanced: number }

function spotAt(text: string, from: number, to = from): TextSpot {
  return { from, to, ...lineColumn(text, from) }
}

const LAST_SEGMENT = /(\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/

/** The spot of a path, or of its nearest ancestor present in the text. */
function spotOf(text: string, spots: Map<string, TextRange>, path: string): TextSpot | null {
  for (let p = path; ; p = p.replace(LAST_SEGMENT, '')) {
    const s = spots.get(p)
    if (s) return spotAt(text, s.from, s.to)
    if (!LAST_SEGMENT.test(p)) return null
  }
}

const countKind = (n: RuleNode, kind: RuleNode['kind']): number =>
  (n.kind === kind ? 1 : 0) + (n.kind === 'group' ? n.children.reduce((s, c) => s + countKind(c, kind), 0) : 0)

/** Parses, validates (DESIGN.md §4: before anything evaluates it) and imports the editor's text. */
export function checkDraft(text: string, fields: readonly FieldMeta[]): DraftCheck {
  if (text.trim() === '') return { status: 'empty' }
  let logic: JsonLogic
  try {
    logic = JSON.parse(text) as JsonLogic
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return { status: 'syntax', message, spot: spotAt(text, findSyntaxError(text) ?? text.length) }
  }
  const found = validateLogic(logic, { fields: fields.map((f) => f.name) })
  if (found.length > 0) {
    let spots = new Map<string, TextRange>()
    try {
      spots = locatePaths(text)
    } catch {
      // Nesting too deep to walk: the issues are still listed, without a marker in the text.
    }
    return { status: 'issues', issues: found.map((f) => ({ ...f, spot: spotOf(text, spots, f.path) })) }
  }
  const rule = importForeignLogic(logic, [...fields])
  return { status: 'ok', logic, rule, conditions: countKind(rule, 'condition'), advanced: countKind(rule, 'advanced') }
}
