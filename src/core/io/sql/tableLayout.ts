import type { FieldMeta } from '../../fields/types'
import type { SqlDialectName } from './dialects'
import { sqlDialect } from './dialects'
import type { ListLayout } from './translateLogic'

/**
 * The column type the SQL export expects for a field (README "SQL export", table layout): numbers
 * as double, dates as DATE, date-times as a time-zone-free timestamp, tag lists as arrays of text (or
 * text joined by the separator, with the string layout).
 */
export function sqlColumnType(field: FieldMeta, dialectName: SqlDialectName, layout: ListLayout = { kind: 'array' }): string {
  const d = sqlDialect(dialectName)
  switch (field.type) {
    case 'number': return d.numberType
    case 'boolean': return dialectName === 'bigquery' ? 'BOOL' : 'BOOLEAN'
    case 'date': return field.dateFormat === 'datetime' ? d.datetimeType : 'DATE'
    case 'list': return layout.kind === 'array' ? d.listType : d.textType
    default: return d.textType
  }
}

/** `CREATE TABLE name (…)` for the fields: the layout the generated queries read. */
export function createTableSql(name: string, fields: readonly FieldMeta[], dialectName: SqlDialectName, layout?: ListLayout): string {
  const d = sqlDialect(dialectName)
  const cols = fields.map((f) => `  ${d.ident(f.name)} ${sqlColumnType(f, dialectName, layout)}`)
  return `CREATE TABLE ${d.ident(name)} (\n${cols.join(',\n')}\n)`
}
