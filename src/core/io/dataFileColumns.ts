import { suggestIdField } from '../fields/inferFieldType'
import { parseDateText } from '../fields/parseValue'
import { FIELD_TYPES } from '../fields/types'
import type { FieldMeta, FieldType } from '../fields/types'
import { columnIndex, resolveColumn, suggestEventColumns } from './suggestColumns'
import type { EventColumns } from './suggestColumns'
import type { ImportIssue } from './types'

// The column decisions of a data import, after type inference: the user's type overrides and the
// role columns (customer id; for events the customer link, date and amount). Each problem is an
// issue naming the column, so that a caller can refuse the file with every reason at once.

export type ColumnProblem = Omit<ImportIssue, 'file'>

/** The user's view of the columns: header text, one field per column (null = skipped), sampled rows. */
export interface ColumnView {
  header: readonly string[]
  fields: readonly (FieldMeta | null)[]
  sample: readonly (readonly string[])[]
}

const isFieldType = (t: string): t is FieldType => (FIELD_TYPES as readonly string[]).includes(t)

const columnList = (v: ColumnView): string =>
  v.fields.flatMap((f) => (f ? [f.name] : [])).join(', ')

function unknownColumn(v: ColumnView, name: string, role: string): ColumnProblem {
  return { field: name, code: 'unknown_column', reason: `${role}: there is no column "${name}" (columns: ${columnList(v)})` }
}

/** `field` retyped; a date's format comes from the sampled values, as inference decides it. */
export function retypeField(field: FieldMeta, type: FieldType, values: readonly string[]): FieldMeta {
  if (type !== 'date') return { name: field.name, type }
  const withTime = values.some((s) => parseDateText(s)?.hasTime === true)
  return { name: field.name, type, dateFormat: withTime ? 'datetime' : 'date' }
}

/**
 * The fields with the user's types (pairs of column, by field name or header text, and type name).
 * Unknown columns and type names are problems; the value check happens when columns are built.
 */
export function applyTypeOverrides(
  v: ColumnView,
  types: readonly (readonly [string, string])[],
  problems: ColumnProblem[],
): (FieldMeta | null)[] {
  const out = v.fields.slice()
  for (const [column, type] of types) {
    const i = columnIndex(column, v.header, out)
    if (i < 0) {
      problems.push(unknownColumn(v, column, 'type override'))
      continue
    }
    if (!isFieldType(type)) {
      problems.push({ field: column, code: 'bad_type', reason: `unknown type "${type}" for column "${column}": use one of ${FIELD_TYPES.join(', ')}` })
      continue
    }
    out[i] = retypeField(out[i] as FieldMeta, type, v.sample.map((r) => (r[i] ?? '').trim()))
  }
  return out
}

/**
 * The id column of a customer table: the one the user named, else suggestIdField's pick among the
 * imported columns, else the first column — what the import dialog pre-selects; repeated or empty ids
 * are reported when the columns are built.
 */
export function customerIdColumn(v: ColumnView, given: string | undefined, problems: ColumnProblem[]): string {
  if (given !== undefined) {
    const name = resolveColumn(given, v.header, v.fields)
    if (name === null) problems.push(unknownColumn(v, given, 'id column'))
    return name ?? ''
  }
  const keep = v.fields.flatMap((f, i) => (f ? [i] : []))
  const suggested = suggestIdField(
    keep.map((i) => v.header[i]),
    v.sample.map((r) => keep.map((i) => r[i] ?? '')),
    keep.map((i) => v.fields[i] as FieldMeta),
  )
  return suggested ?? (v.fields[keep[0]] as FieldMeta).name
}

/** Event columns chosen by the user (by field name or header text); any left out are guessed. */
export interface EventColumnChoice {
  customerIdField?: string
  dateField?: string
  amountField?: string
  /** The customer table's id field: an event column of the same name is the link. */
  parentIdField?: string
}

/** The columns an event table is linked and aggregated by (field names). */
export type EventLinks = { [K in keyof EventColumns]: string }

const ROLES = [
  { key: 'customerIdField', role: 'customer id column', types: ['text', 'category', 'number'] },
  { key: 'dateField', role: 'date column', types: ['date'] },
  { key: 'amountField', role: 'amount column', types: ['number'] },
] as const

/**
 * The customer link, date and amount columns of an event table: the user's choices, the rest from
 * suggestEventColumns. A column that is missing or of the wrong type (a date column must be a date,
 * an amount a number, an id text, category or number) is a problem.
 */
export function eventColumns(v: ColumnView, given: EventColumnChoice, problems: ColumnProblem[]): EventLinks {
  const guess = suggestEventColumns(v.header, v.fields, { customerIdField: given.parentIdField })
  const out: EventLinks = { customerIdField: '', dateField: '', amountField: '' }
  for (const { key, role, types } of ROLES) {
    const asked = given[key]
    const name = asked === undefined ? guess[key] : resolveColumn(asked, v.header, v.fields)
    if (name === null) {
      problems.push(asked === undefined
        ? { code: 'no_column', reason: `no ${role} found (needs a ${types.join(' or ')} column)` }
        : unknownColumn(v, asked, role))
      continue
    }
    const type = v.fields.find((f) => f?.name === name)?.type as FieldType
    if (!(types as readonly string[]).includes(type)) {
      problems.push({ field: name, code: 'wrong_type', reason: `${role} "${name}" is ${type}, not ${types.join(' or ')}` })
    }
    out[key] = name
  }
  return out
}
