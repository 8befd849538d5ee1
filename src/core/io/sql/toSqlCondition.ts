import type { JsonLogic } from '../../logic/types'
import { comparison, equality } from './compare'
import { affix, dateOp, listHas, listOp, onDay } from './customOps'
import { sqlLiteral, rowForm } from './literals'
import type { Ctx, Operand, SqlContext } from './translateLogic'
import { SqlRefusal, argsOf, isObj, opOf, operand, safe, varName, TEXTY } from './translateLogic'

const DATE_OPS = new Set(['in_last_days', 'in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month'])

/**
 * The SQL boolean expression selecting exactly the rows where json-logic-js finds `logic` truthy
 * (given the custom operations of src/core/logic/customOps.ts and the as-of day of `ctx`).
 * Throws SqlRefusal naming the construct and its JSON path when no exact translation exists.
 */
export function toSqlCondition(logic: JsonLogic, ctx: SqlContext): string {
  return condition(logic, { ...ctx, nonNull: new Set() }, '$')
}

function condition(x: unknown, ctx: Ctx, path: string): string {
  if (typeof x === 'boolean') return x ? 'TRUE' : 'FALSE'
  if (!isObj(x)) throw new SqlRefusal(`the constant ${JSON.stringify(x)} as a condition`, path)
  const op = opOf(x)
  if (op === null) throw new SqlRefusal('an object with several keys', path)
  const args = argsOf(x, op)
  const at = `${path}.${op}`
  switch (op) {
    case 'and': case 'or': return junction(op, args, ctx, at)
    case '!': return `NOT (${condition(args[0], ctx, `${at}[0]`)})`
    case '!!': return condition(args[0], ctx, `${at}[0]`)
    case 'var': return truthyVar(x, ctx, path)
    default: return leaf(op, args, ctx, at)
  }
}

/** `{"!=":[{"var":f},null]}`: the builder's guard; its field is known present beside it. */
function guardedField(x: unknown): string | null {
  if (!isObj(x) || opOf(x) !== '!=') return null
  const a = argsOf(x, '!=')
  return a.length === 2 && a[1] === null ? varName(a[0]) : null
}

function junction(op: 'and' | 'or', args: unknown[], ctx: Ctx, path: string): string {
  if (args.length === 0) return 'FALSE' // json-logic-js: `and`/`or` of nothing is undefined, falsy
  let inner = ctx
  if (op === 'and') {
    const guarded = args.map(guardedField).filter((f): f is string => f !== null && ctx.fields.has(f))
    inner = { ...ctx, nonNull: new Set([...ctx.nonNull, ...guarded]) }
  }
  const parts = args.map((a, i) => (op === 'and' && guardedField(a) !== null ? condition(a, ctx, `${path}[${i}]`) : condition(a, inner, `${path}[${i}]`)))
  return parts.length === 1 ? parts[0] : `(${parts.join(op === 'and' ? ' AND ' : ' OR ')})`
}

/** A bare `{"var": f}` as a test: truthy values. Only boolean fields translate exactly. */
function truthyVar(x: unknown, ctx: Ctx, path: string): string {
  const o = operand(x, ctx, path)
  if (o.kind !== 'field' || o.field.type !== 'boolean') throw new SqlRefusal('a bare field as a condition (only yes/no fields)', path)
  return safe(o.sql, [o.field], ctx)
}

function leaf(op: string, args: unknown[], ctx: Ctx, path: string): string {
  const ops = (n: number): Operand[] => {
    if (args.length !== n) throw new SqlRefusal(`"${op}" with ${args.length} arguments`, path)
    return args.map((a, i) => operand(a, ctx, `${path}[${i}]`))
  }
  switch (op) {
    case '==': case '===': return equality(...(ops(2) as [Operand, Operand]), ctx, path, op === '==')
    case '!=': case '!==': {
      const [a, b] = ops(2)
      if (a.kind === 'field' && b.kind === 'literal' && b.value === null) return `${a.sql} IS NOT NULL`
      return `NOT (${equality(a, b, ctx, path, op === '!=')})`
    }
    case '<': case '<=': case '>': case '>=': return relation(op, args, ctx, path)
    case 'in': return inOp(...(ops(2) as [Operand, Operand]), ctx, path)
    case 'starts_with': case 'ends_with': return affix(op, ...(ops(2) as [Operand, Operand]), ctx, path)
    case 'list_any': case 'list_all': return listOp(op, ...(ops(2) as [Operand, Operand]), ctx, path)
    case 'on_day': return onDay(...(ops(2) as [Operand, Operand]), ctx, path)
    default:
      if (DATE_OPS.has(op)) return dateOp(op, ...(ops(2) as [Operand, Operand]), ctx, path)
      throw new SqlRefusal(`the operation "${op}"`, path)
  }
}

/** `<` … with two operands, or `<` / `<=` with three (between, both ends tested). */
function relation(op: string, args: unknown[], ctx: Ctx, path: string): string {
  const o = args.map((a, i) => operand(a, ctx, `${path}[${i}]`))
  if (o.length === 2) return comparison(op, o[0], o[1], ctx, path)
  if (o.length === 3 && (op === '<' || op === '<=')) return `(${comparison(op, o[0], o[1], ctx, path)} AND ${comparison(op, o[1], o[2], ctx, path)})`
  throw new SqlRefusal(`"${op}" with ${args.length} arguments`, path)
}

/** `in` [x, [..]] (one of the values), [s, text] (substring) or [tag, list] (the list holds it). */
function inOp(a: Operand, b: Operand, ctx: Ctx, path: string): string {
  if (a.kind === 'field' && b.kind === 'literal' && Array.isArray(b.value)) {
    const values = [...new Set(b.value.map((v) => rowForm(a.field, v)).filter((v) => v !== null))]
    const items = values.map((v) => sqlLiteral(a.field, v, ctx.dialect))
    const test = items.length === 0 ? 'FALSE' : safe(`${a.sql} IN (${items.join(', ')})`, [a.field], ctx)
    return b.value.includes(null) ? `(${a.sql} IS NULL OR ${test})` : test
  }
  if (a.kind === 'literal' && b.kind === 'field' && TEXTY.has(b.field.type) && typeof a.value === 'string') {
    // json-logic-js: a missing or empty text holds nothing; "" is in every other text.
    if (a.value === '') return `(${b.sql} IS NOT NULL AND ${b.sql} <> '')`
    return safe(ctx.dialect.contains(b.sql, ctx.dialect.str(a.value)), [b.field], ctx)
  }
  if (a.kind === 'literal' && b.kind === 'field' && b.field.type === 'list') {
    if (typeof a.value !== 'string') return 'FALSE'
    if (ctx.listLayout.kind === 'string') return listOp('list_any', b, { kind: 'literal', value: [a.value] }, ctx, path)
    return safe(listHas(b.sql, a.value, ctx), [b.field], ctx)
  }
  throw new SqlRefusal('this form of "in"', path, 'supported: [field, [values]], [text, text field], [tag, tag list field]')
}
