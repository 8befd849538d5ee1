import type { FieldMeta } from '../../fields/types'
import type { SqlDialect } from './dialects'

/*
 * JSON-logic → one SQL boolean expression with json-logic-js's semantics (README "SQL export").
 * Every expression written here is two-valued: it is never NULL, so AND, OR and NOT behave as
 * json-logic-js's `and`, `or` and `!` on truthiness. A missing value is SQL NULL; each leaf says
 * explicitly what json-logic-js does with `null` there (e.g. `null < 5` is true in JavaScript, so an
 * unguarded `<` keeps the NULL rows). Anything that cannot be translated exactly throws SqlRefusal.
 */

/** How tag lists are stored: SQL arrays, or one string with the tags joined by a separator. */
export type ListLayout = { kind: 'array' } | { kind: 'string'; separator: string }

export interface SqlContext {
  dialect: SqlDialect
  /** The customer fields, by name. */
  fields: ReadonlyMap<string, FieldMeta>
  /** The as-of day, `YYYY-MM-DD`. */
  asOf: string
  listLayout: ListLayout
  /** A table alias the columns are read from (`e` → `e."amount"`). */
  qualifier?: string
  /** Collects the statements that must run first (the dialect's bucketPreamble) when the SQL calls them. */
  preambles?: Set<string>
}

/** A construct the export cannot translate exactly; `path` is its JSON path. */
export class SqlRefusal extends Error {
  override name = 'SqlRefusal'
  constructor(readonly construct: string, readonly path: string, detail = '') {
    super(`cannot translate ${construct} at ${path} to SQL${detail ? `: ${detail}` : ''}`)
  }
}

/** An operand: a (possibly lower-cased) field, or a literal. */
type Operand =
  | { kind: 'field'; field: FieldMeta; sql: string }
  | { kind: 'literal'; value: unknown }

type Ctx = SqlContext & { nonNull: ReadonlySet<string> }

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const opOf = (x: Record<string, unknown>): string | null => (Object.keys(x).length === 1 ? Object.keys(x)[0] : null)
const argsOf = (x: Record<string, unknown>, op: string): unknown[] => {
  const a = x[op]
  return Array.isArray(a) ? a : [a]
}
const TEXTY = new Set(['text', 'category'])

function varName(x: unknown): string | null {
  if (!isObj(x) || opOf(x) !== 'var') return null
  const a = x.var
  const name = Array.isArray(a) && a.length === 1 ? a[0] : a
  return typeof name === 'string' ? name : null
}

function fieldOperand(name: string, ctx: Ctx, path: string): Operand & { kind: 'field' } {
  const field = ctx.fields.get(name)
  if (!field) throw new SqlRefusal(`the field "${name}"`, path, 'it is not in the data')
  return { kind: 'field', field, sql: ctx.qualifier ? `${ctx.qualifier}.${ctx.dialect.ident(name)}` : ctx.dialect.ident(name) }
}

/** A value: `{"var": f}`, `{"lower": {"var": f}}` on a text field, or a literal. */
export function operand(x: unknown, ctx: Ctx, path: string): Operand {
  const name = varName(x)
  if (name !== null) return fieldOperand(name, ctx, path)
  if (isObj(x) && opOf(x) === 'lower') {
    const inner = operand(argsOf(x, 'lower')[0], ctx, `${path}.lower`)
    if (inner.kind === 'literal') return { kind: 'literal', value: typeof inner.value === 'string' ? inner.value.toLowerCase() : inner.value }
    if (!TEXTY.has(inner.field.type)) throw new SqlRefusal('"lower" of a field that is not text', path)
    return { ...inner, sql: `LOWER(${inner.sql})` }
  }
  if (isObj(x) && opOf(x) === 'bucket') return bucketOperand(argsOf(x, 'bucket'), ctx, `${path}.bucket`)
  if (Array.isArray(x) && x.every((v) => !isObj(v) && !Array.isArray(v))) return { kind: 'literal', value: x }
  if (isObj(x) || Array.isArray(x)) throw new SqlRefusal(isObj(x) ? `"${opOf(x) ?? 'object'}" as a value` : 'an array as a value', path)
  return { kind: 'literal', value: x }
}

/** `bucket` [id field, seed]: the random split's bucket (never missing: a missing id is bucket 10,000). */
function bucketOperand(args: unknown[], ctx: Ctx, path: string): Operand {
  const d = ctx.dialect
  const id = operand(args[0], ctx, `${path}[0]`)
  const seed = args[1]
  if (id.kind !== 'field' || !TEXTY.has(id.field.type) || (typeof seed !== 'string' && typeof seed !== 'number')) {
    throw new SqlRefusal('"bucket" not of a text id field and a seed', path)
  }
  const key = `CONCAT(${d.str(`${String(seed)}:`)}, ${id.sql})`
  if (d.bucketPreamble !== null) ctx.preambles?.add(d.bucketPreamble)
  return { kind: 'field', field: { name: BUCKET, type: 'number' }, sql: `CASE WHEN ${id.sql} IS NULL THEN 10000 ELSE ${d.bucket(key)} END` }
}

/** The name of the bucket's pseudo-field: never missing, never a real field name. */
const BUCKET = '\u0000bucket'

/** NULL-safe wrapping: the expression is false where it would be NULL. */
function safe(expr: string, fields: readonly FieldMeta[], ctx: Ctx): string {
  return fields.every((f) => ctx.nonNull.has(f.name) || f.name === BUCKET) ? expr : `COALESCE(${expr}, FALSE)`
}

/** Where json-logic-js holds `nullResult` for a missing value and `expr` otherwise. */
function nullAs(field: FieldMeta, sql: string, expr: string, nullResult: boolean, ctx: Ctx): string {
  if (ctx.nonNull.has(field.name) || field.name === BUCKET) return expr
  return nullResult ? `(${sql} IS NULL OR ${expr})` : `(${sql} IS NOT NULL AND ${expr})`
}

export { isObj, opOf, argsOf, varName, safe, nullAs, TEXTY }
export type { Operand, Ctx }
