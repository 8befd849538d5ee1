import { Parser } from 'node-sql-parser'
import { describe, expect, it } from 'vitest'
import { computeOrder } from '../../../src/core/derive/deriveFields'
import type { DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { guessStandardColumns, standardDefinitions } from '../../../src/core/derive/standardSet'
import { CUSTOMER_FIELDS, ORDER_FIELDS } from '../../../src/core/demo/generateDemo'
import type { FieldMeta } from '../../../src/core/fields/types'
import { flowSql, segmentSql } from '../../../src/core/io/sql/buildSql'
import type { SqlExportOptions } from '../../../src/core/io/sql/buildSql'
import { BIGQUERY_BUCKET_PREAMBLE, BUCKET_UDF } from '../../../src/core/io/sql/bucketUdf'
import type { SqlDialectName } from '../../../src/core/io/sql/dialects'
import { sqlDialect } from '../../../src/core/io/sql/dialects'
import { SqlRefusal } from '../../../src/core/io/sql/translateLogic'
import { randomBranchLogics } from '../../../src/core/flows/randomSplit'
import { createTableSql } from '../../../src/core/io/sql/tableLayout'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { JsonLogic } from '../../../src/core/logic/types'
import { c, commonSegments, g } from './demoSegments'

const filter = g('and', [c('category', 'any_of', ['运动'], { fieldType: 'category' }), c('amount', 'ge', 100)])
const definitions: DerivedFieldDefinition[] = [
  ...standardDefinitions('ev', guessStandardColumns(ORDER_FIELDS, 'customer_id')).definitions,
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
// Two random splits (10 % control, then 50 / 50 with another seed), one with a quote in its seed.
const [control] = randomBranchLogics('customer_id', "it's", [1000])
const [half] = randomBranchLogics('customer_id', 'ab-2', [5000])
const splitFlow: JsonLogic = { if: [control, 'control', logics[2], { if: [half, 'a', 'b'] }, null] }

/**
 * What node-sql-parser's grammars cannot read, replaced before parsing (everything else is parsed):
 * - PostgreSQL: the XOR operator `#` (its grammar has no bitwise operators), read as `+` instead —
 *   the recursive CTE around it is parsed; PGlite runs the real thing (postgres.test.ts).
 * - Spark (Hive grammar): lambdas (`x -> …`, for aggregate/transform) and `^`: the whole bucket
 *   expression is replaced by 0; its text is unit-tested in bucketUdf.test.ts.
 * - BigQuery: `CREATE TEMP FUNCTION … LANGUAGE js` (no CREATE FUNCTION in its grammar): the preamble
 *   is cut off (it must be there exactly once); the call `CAST(segmentflow_bucket(…) AS INT64)` is parsed.
 */
function parseable(sql: string, dialect: SqlDialectName): string {
  const d = sqlDialect(dialect)
  if (dialect === 'postgres') return sql.replaceAll(' # ', ' + ')
  if (dialect === 'spark') {
    return ["it's", 'ab-2'].reduce((s, seed) => s.replaceAll(d.bucket(`CONCAT(${d.str(`${seed}:`)}, ${d.ident('customer_id')})`), '0'), sql)
  }
  if (!sql.includes(`${BUCKET_UDF}(`)) return sql
  expect(sql.split(BIGQUERY_BUCKET_PREAMBLE).length, 'the preamble once').toBe(2)
  expect(sql.startsWith(`${BIGQUERY_BUCKET_PREAMBLE}\n`)).toBe(true)
  return sql.slice(BIGQUERY_BUCKET_PREAMBLE.length + 1)
}

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
      // No bucket, no preamble.
      expect(sqls.some((sql) => sql.includes(BUCKET_UDF))).toBe(false)
    })

    it(`${dialect}: a flow with two random splits is written and parses (but for what the grammar lacks)`, () => {
      const parser = new Parser()
      const sql = flowSql(splitFlow, options)
      const rest = parseable(sql, dialect)
      expect(rest, 'something was replaced').not.toBe(sql)
      expect(() => parser.astify(sql, { database }), 'the grammar still lacks it').toThrow()
      expect(() => parser.astify(rest, { database }), rest).not.toThrow()
      const segment = segmentSql({ and: [control, logics[2]] }, options)
      expect(() => parser.astify(parseable(segment, dialect), { database }), segment).not.toThrow()
    })
  }
})

describe('the random split in every dialect', () => {
  it('is refused, by name and path, over an id that is not a text field or without a seed', () => {
    for (const dialect of ['duckdb', ...Object.keys(DATABASE)] as SqlDialectName[]) {
      const options: SqlExportOptions = { dialect, fields: FIELDS, asOf: '2026-06-30', idField: 'customer_id' }
      for (const bucket of [[{ var: 'age' }, 's'], [{ var: 'customer_id' }, null], ['C1', 's']]) {
        const logic = { '<': [{ bucket }, 1000] }
        expect(() => segmentSql(logic, options)).toThrow(SqlRefusal)
        expect(() => segmentSql(logic, options)).toThrow(/"bucket" not of a text id field and a seed.*\$\.<\[0\]\.bucket/)
      }
    }
  })
})
