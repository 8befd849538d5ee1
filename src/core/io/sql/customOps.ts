import { numberLiteral, isoDay, dayIso } from './literals'
import type { Ctx, Operand } from './translateLogic'
import { SqlRefusal, safe, TEXTY } from './translateLogic'

type FieldOperand = Operand & { kind: 'field' }

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n)

function needField(o: Operand, types: readonly string[], op: string, path: string): FieldOperand {
  if (o.kind !== 'field' || !types.includes(o.field.type)) throw new SqlRefusal(`"${op}" whose first argument is not a ${types.join('/')} field`, path)
  return o
}

/** `starts_with` / `ends_with` [V, s]: both strings and V starts / ends with s. */
export function affix(op: 'starts_with' | 'ends_with', v: Operand, s: Operand, ctx: Ctx, path: string): string {
  const f = needField(v, [...TEXTY], op, path)
  if (s.kind !== 'literal') throw new SqlRefusal(`"${op}" with a field as its second argument`, path)
  if (typeof s.value !== 'string') return 'FALSE'
  if (s.value === '') return `${f.sql} IS NOT NULL`
  const lit = ctx.dialect.str(s.value)
  return safe(op === 'starts_with' ? ctx.dialect.starts(f.sql, lit) : ctx.dialect.ends(f.sql, lit), [f.field], ctx)
}

/** SQL: the tag list `list` holds the tag `value` (array or separator-string layout). */
function listHas(list: string, value: string, ctx: Ctx): string {
  const d = ctx.dialect
  if (ctx.listLayout.kind === 'array') return d.arrayHas(list, d.str(value))
  const sep = d.str(ctx.listLayout.separator)
  return d.contains(`CONCAT(${sep}, ${list}, ${sep})`, d.str(`${ctx.listLayout.separator}${value}${ctx.listLayout.separator}`))
}

/** SQL: the tag list is not empty. */
function listNonEmpty(list: string, ctx: Ctx): string {
  return ctx.listLayout.kind === 'array' ? `${ctx.dialect.arrayLength(list)} > 0` : `${list} <> ''`
}

/** `list_any` / `list_all` [V, values] on a tag list field; `in` [tag, V] is list_any of one tag. */
export function listOp(op: 'list_any' | 'list_all', v: Operand, values: Operand, ctx: Ctx, path: string): string {
  const f = needField(v, ['list'], op, path)
  if (values.kind !== 'literal' || !Array.isArray(values.value)) throw new SqlRefusal(`"${op}" without a literal list of values`, path)
  const tags = [...new Set(values.value.filter((x): x is string => typeof x === 'string'))]
  if (ctx.listLayout.kind === 'string' && tags.some((t) => t.includes((ctx.listLayout as { separator: string }).separator) || t === '')) {
    throw new SqlRefusal(`"${op}" with a value holding the list separator`, path)
  }
  const has = tags.map((t) => listHas(f.sql, t, ctx))
  if (op === 'list_any') return tags.length === 0 ? 'FALSE' : safe(`(${has.join(' OR ')})`, [f.field], ctx)
  if (values.value.some((x) => typeof x !== 'string')) return 'FALSE' // a value no tag list can hold (a number, null)
  return safe(`(${[listNonEmpty(f.sql, ctx), ...has].join(' AND ')})`, [f.field], ctx)
}

/** The field's UTC day as a SQL DATE. */
const dayOf = (f: FieldOperand): string => `CAST(${f.sql} AS DATE)`

/** The custom date operations [V, n] against the as-of day. */
export function dateOp(op: string, v: Operand, n: Operand, ctx: Ctx, path: string): string {
  const f = needField(v, ['date'], op, path)
  if (n.kind !== 'literal') throw new SqlRefusal(`"${op}" with a field as its second argument`, path)
  const d = ctx.dialect
  const asOf = d.date(ctx.asOf)
  const ago = d.dayDiff(dayOf(f), asOf)
  const num = n.value
  switch (op) {
    case 'in_last_days': case 'in_last_weeks': {
      if (!isCount(num)) return 'FALSE'
      return safe(`(${ago} >= 0 AND ${ago} < ${numberLiteral(op === 'in_last_weeks' ? 7 * num : num)})`, [f.field], ctx)
    }
    case 'days_ago_at_least':
      return isCount(num) ? safe(`(${ago} >= 0 AND ${ago} >= ${numberLiteral(num)})`, [f.field], ctx) : 'FALSE'
    case 'in_next_days': {
      const ahead = d.dayDiff(asOf, dayOf(f))
      return isCount(num) ? safe(`(${ahead} >= 0 AND ${ahead} < ${numberLiteral(num)})`, [f.field], ctx) : 'FALSE'
    }
    case 'in_last_months': {
      if (!isCount(num) || Math.abs(num) > 1e6 || Math.floor(num) <= 0) return 'FALSE'
      return safe(`(${dayOf(f)} > ${d.monthsBefore(asOf, Math.floor(num))} AND ${dayOf(f)} <= ${asOf})`, [f.field], ctx)
    }
    default: return anniversary(f, num, ctx)
  }
}

function anniversary(f: FieldOperand, m: unknown, ctx: Ctx): string {
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > 12) return 'FALSE'
  const want = m === 0 ? Number(ctx.asOf.slice(5, 7)) : m
  return safe(`${ctx.dialect.month(f.sql)} = ${want}`, [f.field], ctx)
}

/** `on_day` [a, b]: both dates on the same UTC day. */
export function onDay(a: Operand, b: Operand, ctx: Ctx, path: string): string {
  if (a.kind === 'literal' && b.kind === 'field') return onDay(b, a, ctx, path)
  const f = needField(a, ['date'], 'on_day', path)
  if (b.kind === 'field') {
    const g = needField(b, ['date'], 'on_day', path)
    return safe(`${dayOf(f)} = ${dayOf(g)}`, [f.field, g.field], ctx)
  }
  const day = isoDay(b.value)
  return Number.isNaN(day) ? 'FALSE' : safe(`${dayOf(f)} = ${ctx.dialect.date(dayIso(day))}`, [f.field], ctx)
}

export { listHas }
