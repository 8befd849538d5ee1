import type { FieldMeta } from '../../fields/types'
import type { JsonLogic } from '../../logic/types'
import type { SqlDialectName } from './dialects'
import { sqlDialect } from './dialects'
import type { SqlDerivation } from './deriveCtes'
import { deriveCtes } from './deriveCtes'
import { toSqlCondition } from './toSqlCondition'
import type { ListLayout, SqlContext } from './translateLogic'
import { SqlRefusal, isObj, opOf } from './translateLogic'

/** Where the customers are and how their columns are laid out. */
export interface SqlExportOptions {
  dialect: SqlDialectName
  /** Every customer field the rules may read (derived ones included). */
  fields: readonly FieldMeta[]
  /** The as-of day of the date operations, `YYYY-MM-DD`. */
  asOf: string
  /** The customers table (default `customers`) and its id column (default `id`). */
  table?: string
  idField?: string
  /** Tag lists as arrays (default) or as text joined by a separator. */
  listLayout?: ListLayout
  /** Derived fields computed in SQL from event tables; without it they are read from the customers table. */
  derivation?: SqlDerivation
}

interface Prepared {
  ctx: SqlContext
  with: string
  from: string
  id: string
}

function prepare(o: SqlExportOptions): Prepared {
  const dialect = sqlDialect(o.dialect)
  const ctx: SqlContext = {
    dialect, fields: new Map(o.fields.map((f) => [f.name, f])), asOf: o.asOf, listLayout: o.listLayout ?? { kind: 'array' }, preambles: new Set(),
  }
  const table = o.table ?? 'customers'
  const id = dialect.ident(o.idField ?? 'id')
  if (!o.derivation || o.derivation.definitions.length === 0) return { ctx, with: '', from: dialect.ident(table), id }
  const { ctes, relation } = deriveCtes(o.derivation, table, o.idField ?? 'id', ctx)
  return { ctx, with: `WITH ${ctes.join(',\n')}\n`, from: relation, id }
}

/** The statement `sql` after what it calls must have run first (each preamble once, on its own line). */
function withPreambles(p: Prepared, sql: string): string {
  return [...(p.ctx.preambles ?? [])].map((pre) => `${pre}\n`).join('') + sql
}

/** `SELECT id FROM customers WHERE …`: the members of a segment (its JSON-logic, segment references expanded). */
export function segmentSql(logic: JsonLogic, options: SqlExportOptions): string {
  const p = prepare(options)
  return withPreambles(p, `${p.with}SELECT ${p.id} FROM ${p.from} WHERE ${toSqlCondition(logic, p.ctx)}`)
}

/**
 * `SELECT id, CASE WHEN … THEN 'action' … END AS action FROM customers`: a compiled flow (compileFlow's
 * `if` chain returning action ids) with each action id written as `actionNames[id]` (or the id);
 * customers who reach no action get NULL. Every customer is listed.
 */
export function flowSql(logic: JsonLogic, options: SqlExportOptions, actionNames: Readonly<Record<string, string>> = {}): string {
  const p = prepare(options)
  return withPreambles(p, `${p.with}SELECT ${p.id}, ${valueSql(logic, p.ctx, actionNames, '$')} AS ${p.ctx.dialect.ident('action')} FROM ${p.from}`)
}

function valueSql(x: unknown, ctx: SqlContext, names: Readonly<Record<string, string>>, path: string): string {
  if (x === null) return 'NULL'
  if (typeof x === 'string') return ctx.dialect.str(Object.hasOwn(names, x) ? names[x] : x)
  if (!isObj(x) || opOf(x) !== 'if' || !Array.isArray(x.if)) throw new SqlRefusal('a flow value that is not an action or an "if"', path)
  const args = x.if as unknown[]
  const parts: string[] = []
  let i = 0
  for (; i + 1 < args.length; i += 2) {
    parts.push(`WHEN ${toSqlCondition(args[i] as JsonLogic, ctx)} THEN ${valueSql(args[i + 1], ctx, names, `${path}.if[${i + 1}]`)}`)
  }
  const otherwise = i < args.length ? valueSql(args[i], ctx, names, `${path}.if[${i}]`) : 'NULL'
  return parts.length === 0 ? otherwise : `CASE ${parts.join(' ')} ELSE ${otherwise} END`
}

/**
 * `WITH … SELECT * FROM …`: the customers with every derived field computed, to materialise once
 * (`CREATE TABLE customers_derived AS …`) when many segments read them.
 */
export function derivedCustomersSql(options: SqlExportOptions): string {
  const p = prepare(options)
  return withPreambles(p, `${p.with}SELECT * FROM ${p.from}`)
}
