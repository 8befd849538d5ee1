import { Parser } from 'node-sql-parser'
import { describe, expect, it } from 'vitest'
import { computeOrder } from '../../../src/core/derive/deriveFields'
import type { DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { guessStandardColumns, standardDefinitions } from '../../../src/core/derive/standardSet'
import { CUSTOMER_FIELDS, ORDER_FIELDS } from '../../../src/core/demo/generateDemo'
import type { FieldMeta } from '../../../src/core/fields/types'
import { flowSql, segmentSql } from '../../../src/core/io/sql/buildSql'
import type { SqlExportOptions } from '../../../src/core/io/sql/buildSql'
import type { SqlDialectName } from '../../../src/core/io/sql/dialects'
import { createTableSql } from '../../../src/core/io/sql/tableLayout'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { JsonLogic } from '../../../src/core/logic/types'
import { c, commonSegments, g } from './demoSegments'

const filter = g('and', [c('category', 'any_of', ['运动'], { fieldType: 'category' }), c('amount', 'ge', 100)])
const definitions: DerivedFieldDefinition[] = [
  ...standardDefinitions('ev', guessStandardColumns(ORDER_FIELDS, 'customer_id')).definitions.filter((d) => d.kind !== 'aggregate' || d.aggregate !== 'mode'),
  { kind: 'aggregate', name: 'sport_90', events: 'ev', aggregate: 'count', dateField: 'order_date', filter, window: { lastDays: 90 } },
  { kind: 'aggregate', name: 'first_2025', events: 'ev', aggregate: 'first_date', dateField: 'order_date', window: { from: '2025-01-01', to: '2025-12-31' } },
]
const derivedFields: FieldMeta[] = ['recency_days', 'frequency', 'monetary', 'avg_order_value', 'tenure_days', 'rfm_r', 'rfm_f', 'rfm_m', 'sport_90']
  .map((name) => ({ name, type: 'number' as const }))
const FIELDS: FieldMeta[] = [...CUSTOMER_FIELDS, ...derivedFields, { name: 'rfm_cell', type: 'text' }, { name: 'rfm_class', type: 'category' },
  { name: 'first_2025', type: 'date' }, { name: 'seen_at', type: 'date', dateFormat: 'datetime' }, { name: "it's", type: 'text' }]

const logics: JsonLogic[] = [
  ...commonSegments('customer_id', 'email_opt_in').map(toJsonLogic),
  toJsonLogic(g('and', [c('seen_at', 'after', '2026-01-01'), c('seen_at', 'before', '2026-03-01T10:00:00'), c('seen_at', 'in_last_months', 3)])),
  toJsonLogic(g('and', [c('sport_90', 'ge', 1), c('rfm_class', 'any_of', ['重要价值客户'], { fieldType: 'category' }), c('first_2025', 'on', { field: 'signup_date' })])),
  toJsonLogic(g('and', [c('it\'s', 'text_eq', 'O\'Brien \\ 5', { fieldType: 'text' }), c('monetary', 'gt', { field: 'avg_order_value' })])),
]
const flow: JsonLogic = { if: [logics[2], 'a1', { if: [logics[5], 'a2', logics[8], 'a3', null] }] }

const DATABASE: Record<Exclude<SqlDialectName, 'duckdb'>, string> = { postgres: 'PostgresQL', bigquery: 'BigQuery', spark: 'Hive' }

describe('the other dialects: every generated statement parses', () => {
  for (const [dialect, database] of Object.entries(DATABASE) as [SqlDialectName, string][]) {
    const options: SqlExportOptions = {
      dialect, fields: FIELDS, asOf: '2026-06-30', idField: 'customer_id',
      derivation: { definitions: computeOrder(definitions), events: { ev: { table: 'orders', fields: [...ORDER_FIELDS], customerIdField: 'customer_id' } } },
    }
    it(`${dialect} (node-sql-parser, ${database})`, () => {
      const parser = new Parser()
      // The parser's Hive grammar has no BOOLEAN or ARRAY<…> column types (Spark has): no DDL check there.
      const ddl = dialect === 'spark' ? [] : [createTableSql('customers', FIELDS, dialect)]
      const sqls = [...logics.map((l) => segmentSql(l, options)), flowSql(flow, options, { a1: '甲', a2: "b'2", a3: 'c' }), ...ddl]
      for (const sql of sqls) expect(() => parser.astify(sql, { database }), sql).not.toThrow()
      expect(sqls.length).toBe(logics.length + 1 + ddl.length)
    })
  }
})
