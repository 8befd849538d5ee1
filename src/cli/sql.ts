import { formatDate } from '../core/engine/columns'
import type { DataFile } from '../core/io/readDataFile'
import type { RulesFile } from '../core/io/readRules'
import { ruleSetSql } from '../core/io/sql/ruleSetSql'
import type { SqlDialectName } from '../core/io/sql/dialects'

/**
 * `--sql <dialect>`: prints the SQL of every segment and flow of the rules (over a table `customers`
 * with the data's columns and id) instead of counting. Returns the exit status: 0, or 2 when some
 * rule cannot be translated exactly (each one named on stderr; the others are still printed).
 */
export function writeSql(dialect: SqlDialectName, rules: RulesFile, customers: DataFile, io: { stdout(t: string): void; stderr(t: string): void }): number {
  const segmentLogic = Object.fromEntries((rules.ruleSet?.segments ?? []).map((s) => [s.id, s.logic]))
  const script = ruleSetSql({
    segments: rules.segments.map((s) => ({ name: s.name, logic: s.logic })),
    flows: (rules.ruleSet?.flows ?? []).map((f) => ({ name: f.name, graph: { nodes: f.nodes, edges: f.edges } })),
    segmentLogic,
  }, { dialect, fields: customers.table.fields, asOf: formatDate(customers.asOf), idField: customers.idField })
  io.stdout(script.sql)
  for (const r of script.refused) io.stderr(`error: ${rules.fileName}: ${r.owner}: ${r.message}\n`)
  return script.refused.length === 0 ? 0 : 2
}
