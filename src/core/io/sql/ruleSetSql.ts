import { compileFlow } from '../../flows/compileFlow'
import type { FlowGraph } from '../../flows/types'
import type { JsonLogic } from '../../logic/types'
import type { SqlExportOptions } from './buildSql'
import { flowSql, segmentSql } from './buildSql'
import { SqlRefusal } from './translateLogic'

/** What a script is made of: segments (JSON-logic, references expanded) and flows. */
export interface SqlScriptInput {
  segments: readonly { name: string; logic: JsonLogic }[]
  flows?: readonly { name: string; graph: FlowGraph }[]
  /** Segment id → JSON-logic, for flow entries that start from a segment. */
  segmentLogic?: Readonly<Record<string, JsonLogic>>
}

export interface SqlScript {
  /** One statement per segment and flow, each after a `--` comment naming it, separated by `;`. */
  sql: string
  /** What could not be translated: whose rule and why (the statement is left out of `sql`). */
  refused: { owner: string; message: string }[]
}

const comment = (s: string): string => s.replace(/[\r\n]+/g, ' ')

/** The SQL of every segment and flow of a rule set; refusals are collected, not thrown. */
export function ruleSetSql(input: SqlScriptInput, options: SqlExportOptions): SqlScript {
  const parts: string[] = [`-- SegmentFlow SQL export (${options.dialect}), as of ${options.asOf}`]
  const refused: SqlScript['refused'] = []
  const add = (owner: string, make: () => string): void => {
    try {
      parts.push(`-- ${comment(owner)}\n${make()};`)
    } catch (e) {
      if (!(e instanceof SqlRefusal)) throw e
      refused.push({ owner, message: e.message })
      parts.push(`-- ${comment(owner)}: not exported, ${comment(e.message)}`)
    }
  }
  for (const s of input.segments) add(`segment "${s.name}"`, () => segmentSql(s.logic, options))
  for (const f of input.flows ?? []) {
    const names = Object.fromEntries(f.graph.nodes.flatMap((n) => (n.type === 'action' ? [[n.id, n.data.name]] : [])))
    add(`flow "${f.name}"`, () => flowSql(compileFlow(f.graph, { ...(input.segmentLogic ?? {}) }), options, names))
  }
  return { sql: `${parts.join('\n\n')}\n`, refused }
}
