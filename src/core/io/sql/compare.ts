import type { FieldMeta } from '../../fields/types'
import { isoDay, dayIso, rowForm, sqlLiteral } from './literals'
import type { Ctx, Operand } from './translateLogic'
import { SqlRefusal, nullAs, safe } from './translateLogic'

/** Comparison operators and their mirror image (a < b ⟺ b > a). */
const FLIP: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

/** What JavaScript's relational operator gives for (a op b). */
function jsRel(op: string, a: unknown, b: unknown): boolean {
  const x = a as number
  const y = b as number
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y
}

/**
 * A datetime field against a date-only literal (or the reverse) compares ISO strings of different
 * lengths: `2024-03-01T00:00:00` > `2024-03-01`. As days: field day vs literal day, op adjusted.
 */
function mixedDate(op: string, f: Operand & { kind: 'field' }, lit: string, ctx: Ctx): string {
  const day = ctx.dialect.date(dayIso(isoDay(lit)))
  const fieldLonger = f.field.dateFormat === 'datetime'
  // The longer string is the greater one on the same day.
  const dayOp = fieldLonger ? (op === '<' || op === '<=' ? '<' : '>=') : (op === '<' || op === '<=' ? '<=' : '>')
  return `CAST(${f.sql} AS DATE) ${dayOp} ${day}`
}

/** field op literal, json-logic-js's way (a missing value is `null`: 0 against numbers, NaN against dates). */
export function compareLiteral(op: string, f: Operand & { kind: 'field' }, value: unknown, ctx: Ctx, path: string): string {
  const t = f.field.type
  // JavaScript reads null as 0 in a relation: `age < null` is `age < 0`.
  if (t === 'number' && value === null) return compareLiteral(op, f, 0, ctx, path)
  // An ISO date string against null compares NaN with 0 (false); null against null is 0 against 0.
  if (t === 'date' && value === null) return jsRel(op, null, null) ? `${f.sql} IS NULL` : 'FALSE'
  if (t === 'number' && typeof value === 'number' && Number.isFinite(value)) {
    return nullAs(f.field, f.sql, `${f.sql} ${op} ${sqlLiteral(f.field, value, ctx.dialect)}`, jsRel(op, null, value), ctx)
  }
  if ((t === 'text' || t === 'category') && typeof value === 'string') {
    return nullAs(f.field, f.sql, `${f.sql} ${op} ${ctx.dialect.str(value)}`, jsRel(op, null, value), ctx)
  }
  if (t === 'date' && typeof value === 'string' && !Number.isNaN(isoDay(value))) {
    const exact = rowForm(f.field, value)
    const expr = exact !== null ? `${f.sql} ${op} ${sqlLiteral(f.field, exact, ctx.dialect)}` : sameLength(value) ? mixedDate(op, f, value, ctx) : null
    if (expr === null) throw new SqlRefusal(`the date "${value}"`, path, 'write dates as YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss')
    return safe(expr, [f.field], ctx)
  }
  throw new SqlRefusal(`"${op}" between a ${t} field and ${JSON.stringify(value)}`, path)
}

const sameLength = (s: string): boolean => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/.test(s)

/** Two fields compared: numbers (missing = 0, as JavaScript), or dates/texts where both are known present. */
export function compareFields(op: string, a: Operand & { kind: 'field' }, b: Operand & { kind: 'field' }, ctx: Ctx, path: string): string {
  const [fa, fb] = [a.field, b.field]
  if (fa.type === 'number' && fb.type === 'number') {
    const side = (o: typeof a): string => (ctx.nonNull.has(o.field.name) ? o.sql : `COALESCE(${o.sql}, 0)`)
    return `${side(a)} ${op} ${side(b)}`
  }
  const comparable = (fa.type === 'date' && fb.type === 'date' && (fa.dateFormat ?? 'date') === (fb.dateFormat ?? 'date'))
    || (TEXT.has(fa.type) && TEXT.has(fb.type))
  if (!comparable) throw new SqlRefusal(`"${op}" between ${fa.type} field "${fa.name}" and ${fb.type} field "${fb.name}"`, path)
  if (!ctx.nonNull.has(fa.name) || !ctx.nonNull.has(fb.name)) {
    throw new SqlRefusal(`"${op}" between fields that may be missing`, path, 'guard both with {"!=":[field,null]} as the builder does')
  }
  return `${a.sql} ${op} ${b.sql}`
}

const TEXT = new Set(['text', 'category'])

/** `<`, `<=`, `>`, `>=` with two operands, literal on either side. */
export function comparison(op: string, l: Operand, r: Operand, ctx: Ctx, path: string): string {
  if (l.kind === 'field' && r.kind === 'field') return compareFields(op, l, r, ctx, path)
  if (l.kind === 'field' && r.kind === 'literal') return compareLiteral(op, l, r.value, ctx, path)
  if (l.kind === 'literal' && r.kind === 'field') return compareLiteral(FLIP[op], r, l.value, ctx, path)
  throw new SqlRefusal(`"${op}" between two constants`, path)
}

/**
 * `==` / `===` (negate for `!=` / `!==`) of two operands, with json-logic-js's null rules; `loose` for
 * `==` / `!=`, where JavaScript converts a list or object to text first (`"" == []`, `"a" == ["a"]`).
 */
export function equality(l: Operand, r: Operand, ctx: Ctx, path: string, loose = true): string {
  if (l.kind === 'literal' && r.kind === 'field') return equality(r, l, ctx, path, loose)
  if (l.kind === 'literal') throw new SqlRefusal('a comparison of two constants', path)
  if (r.kind === 'literal') {
    if (r.value === null) return `${l.sql} IS NULL`
    const exact = rowForm(l.field, r.value)
    if (exact === null) return equalityMismatch(l.field, r.value, path, loose)
    return safe(`${l.sql} = ${sqlLiteral(l.field, exact, ctx.dialect)}`, [l.field], ctx)
  }
  const same = l.field.type === r.field.type || (TEXT.has(l.field.type) && TEXT.has(r.field.type))
  if (!same || l.field.type === 'list' || (l.field.dateFormat ?? 'date') !== (r.field.dateFormat ?? 'date')) {
    throw new SqlRefusal(`"==" between ${l.field.type} field "${l.field.name}" and ${r.field.type} field "${r.field.name}"`, path)
  }
  const both = ctx.nonNull.has(l.field.name) && ctx.nonNull.has(r.field.name)
  return both ? `${l.sql} = ${r.sql}` : `(COALESCE(${l.sql} = ${r.sql}, FALSE) OR (${l.sql} IS NULL AND ${r.sql} IS NULL))`
}

/** A literal no row of the field can equal: false, unless loose `==` could coerce it (refused). */
function equalityMismatch(field: FieldMeta, value: unknown, path: string, loose: boolean): string {
  if (field.type === 'date' && typeof value === 'string' && !Number.isNaN(isoDay(value))) return 'FALSE'
  if (field.type === 'text' || field.type === 'category' || field.type === 'date') {
    const coerced = typeof value === 'number' || typeof value === 'boolean' || (loose && typeof value === 'object' && value !== null)
    if (coerced) throw new SqlRefusal(`"==" between a ${field.type} field and ${JSON.stringify(value)}`, path, 'JavaScript converts types here')
    return 'FALSE'
  }
  throw new SqlRefusal(`"==" between a ${field.type} field and ${JSON.stringify(value)}`, path)
}
