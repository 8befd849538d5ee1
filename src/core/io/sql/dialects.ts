/*
 * The four SQL dialects of the SQL export (README "SQL export"): quoting, string functions, day
 * arithmetic and array functions differ; everything else the translator writes is plain SQL.
 * Every function returns SQL text; callers pass already-quoted or already-translated operands.
 */

import { BIGQUERY_BUCKET_PREAMBLE, BUCKET_UDF } from './bucketUdf'

/** A dialect the SQL export writes. */
export type SqlDialectName = 'duckdb' | 'postgres' | 'spark' | 'bigquery'

export const SQL_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'postgres', 'spark', 'bigquery']

/** What differs between dialects. */
export interface SqlDialect {
  name: SqlDialectName
  /** A quoted identifier. */
  ident: (name: string) => string
  /** A quoted string literal. */
  str: (s: string) => string
  /** A DATE literal of `YYYY-MM-DD`. */
  date: (iso: string) => string
  /** A timestamp literal of `YYYY-MM-DDTHH:mm:ss` in the type datetime columns have. */
  timestamp: (iso: string) => string
  starts: (s: string, prefix: string) => string
  ends: (s: string, suffix: string) => string
  /** True when `needle` occurs in `s` (needle non-empty). */
  contains: (s: string, needle: string) => string
  /** Whole days from `from` to `to` (both DATE). */
  dayDiff: (from: string, to: string) => string
  /** The DATE `months` calendar months before `d`, the day clamped to the month's length. */
  monthsBefore: (d: string, months: number) => string
  /** True when the array `list` holds `value`. */
  arrayHas: (list: string, value: string) => string
  /** The number of elements of the array `list`. */
  arrayLength: (list: string) => string
  /**
   * The random split's bucket of a key text (FNV-1a 32 over its UTF-8 bytes, mod 10,000 —
   * core/flows/randomSplit.ts), a BIGINT 0 … 9999. The key is never empty (it holds `seed:`).
   */
  bucket: (key: string) => string
  /** A statement that must run before one calling `bucket` (BigQuery's JavaScript function), or null. */
  bucketPreamble: string | null
  /** The month (1–12) of a date or timestamp. */
  month: (d: string) => string
  /** Column type of a tag list (array layout), a datetime and a number. */
  listType: string
  intType: string
  datetimeType: string
  numberType: string
  textType: string
}

const dq = (name: string): string => `"${name.replace(/"/g, '""')}"`
const bq = (name: string): string => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``
const sq = (s: string): string => `'${s.replace(/'/g, "''")}'`
/** Spark and BigQuery read backslashes in string literals as escapes. */
const sqBackslash = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const isoTs = (iso: string): string => iso.replace('T', ' ')

const DUCKDB: SqlDialect = {
  name: 'duckdb', ident: dq, str: sq,
  date: (iso) => `DATE ${sq(iso)}`, timestamp: (iso) => `TIMESTAMP ${sq(isoTs(iso))}`,
  starts: (s, p) => `starts_with(${s}, ${p})`, ends: (s, x) => `ends_with(${s}, ${x})`,
  contains: (s, n) => `strpos(${s}, ${n}) > 0`,
  dayDiff: (from, to) => `date_diff('day', ${from}, ${to})`,
  monthsBefore: (d, m) => `CAST(${d} - INTERVAL (${m}) MONTH AS DATE)`,
  arrayHas: (l, v) => `list_contains(${l}, ${v})`, arrayLength: (l) => `len(${l})`,
  // Lambda variables are prefixed: a column named `i` inside the lambda would read the variable.
  bucket: (k) => `(list_reduce(list_prepend(2166136261::BIGINT, list_transform(range(0, octet_length(encode(${k}))), sf_i -> ('0x' || substr(hex(${k}), 2 * sf_i + 1, 2))::BIGINT)), (sf_h, sf_b) -> (xor(sf_h, sf_b) * 16777619) % 4294967296) % 10000)`,
  bucketPreamble: null,
  month: (d) => `EXTRACT(MONTH FROM ${d})`, intType: 'BIGINT',
  listType: 'VARCHAR[]', datetimeType: 'TIMESTAMP', numberType: 'DOUBLE', textType: 'VARCHAR',
}

const POSTGRES: SqlDialect = {
  name: 'postgres', ident: dq, str: sq,
  date: (iso) => `DATE ${sq(iso)}`, timestamp: (iso) => `TIMESTAMP ${sq(isoTs(iso))}`,
  starts: (s, p) => `starts_with(${s}, ${p})`, ends: (s, x) => `right(${s}, length(${x})) = ${x}`,
  contains: (s, n) => `strpos(${s}, ${n}) > 0`,
  dayDiff: (from, to) => `(${to} - ${from})`,
  monthsBefore: (d, m) => `CAST(${d} - INTERVAL '${m} months' AS DATE)`,
  arrayHas: (l, v) => `${v} = ANY(${l})`, arrayLength: (l) => `cardinality(${l})`,
  // A recursive CTE folds the UTF-8 bytes (`#` is XOR); the key is read once, in a FROM-less SELECT,
  // so no CTE column can capture it. h < 2^32, so h * 16777619 < 2^56 fits in BIGINT.
  bucket: (k) => `(WITH RECURSIVE sf_key(b) AS (SELECT convert_to(${k}, 'UTF8')), sf_fnv(i, h) AS (SELECT 0, 2166136261::BIGINT UNION ALL `
    + 'SELECT sf_fnv.i + 1, ((sf_fnv.h # get_byte(sf_key.b, sf_fnv.i)) * 16777619) % 4294967296 FROM sf_fnv, sf_key WHERE sf_fnv.i < length(sf_key.b)) '
    + 'SELECT sf_fnv.h % 10000 FROM sf_fnv, sf_key WHERE sf_fnv.i = length(sf_key.b))',
  bucketPreamble: null,
  month: (d) => `EXTRACT(MONTH FROM ${d})`, intType: 'BIGINT',
  listType: 'TEXT[]', datetimeType: 'TIMESTAMP', numberType: 'DOUBLE PRECISION', textType: 'TEXT',
}

const SPARK: SqlDialect = {
  name: 'spark', ident: bq, str: sqBackslash,
  date: (iso) => `DATE ${sq(iso)}`, timestamp: (iso) => `TIMESTAMP ${sq(isoTs(iso))}`,
  starts: (s, p) => `startswith(${s}, ${p})`, ends: (s, x) => `endswith(${s}, ${x})`,
  contains: (s, n) => `instr(${s}, ${n}) > 0`,
  dayDiff: (from, to) => `datediff(${to}, ${from})`,
  monthsBefore: (d, m) => `add_months(${d}, ${-m})`,
  arrayHas: (l, v) => `array_contains(${l}, ${v})`, arrayLength: (l) => `size(${l})`,
  // aggregate() folds the bytes 1 … octet_length (never sequence(1, 0), which Spark reads as descending:
  // the key always holds ':'); `^` is XOR, pmod keeps h < 2^32. Lambda variables are prefixed so that
  // no column is shadowed inside the lambda.
  bucket: (k) => `aggregate(transform(sequence(1, octet_length(${k})), sf_i -> CAST(conv(substr(hex(encode(${k}, 'UTF-8')), 2 * sf_i - 1, 2), 16, 10) AS BIGINT)), `
    + 'CAST(2166136261 AS BIGINT), (sf_h, sf_b) -> pmod((sf_h ^ sf_b) * 16777619, 4294967296), sf_h -> pmod(sf_h, 10000))',
  bucketPreamble: null,
  month: (d) => `month(${d})`, intType: 'BIGINT',
  listType: 'ARRAY<STRING>', datetimeType: 'TIMESTAMP', numberType: 'DOUBLE', textType: 'STRING',
}

const BIGQUERY: SqlDialect = {
  name: 'bigquery', ident: bq, str: sqBackslash,
  date: (iso) => `DATE ${sq(iso)}`, timestamp: (iso) => `DATETIME ${sq(isoTs(iso))}`,
  starts: (s, p) => `STARTS_WITH(${s}, ${p})`, ends: (s, x) => `ENDS_WITH(${s}, ${x})`,
  contains: (s, n) => `STRPOS(${s}, ${n}) > 0`,
  dayDiff: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
  monthsBefore: (d, m) => `DATE_SUB(${d}, INTERVAL ${m} MONTH)`,
  arrayHas: (l, v) => `${v} IN UNNEST(${l})`, arrayLength: (l) => `ARRAY_LENGTH(${l})`,
  bucket: (k) => `CAST(${BUCKET_UDF}(${k}) AS INT64)`, bucketPreamble: BIGQUERY_BUCKET_PREAMBLE,
  month: (d) => `EXTRACT(MONTH FROM ${d})`, intType: 'INT64',
  listType: 'ARRAY<STRING>', datetimeType: 'DATETIME', numberType: 'FLOAT64', textType: 'STRING',
}

const DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { duckdb: DUCKDB, postgres: POSTGRES, spark: SPARK, bigquery: BIGQUERY }

/** The dialect of a name (`duckdb`, `postgres`, `spark`, `bigquery`). */
export function sqlDialect(name: SqlDialectName): SqlDialect {
  return DIALECTS[name]
}

/** True when `name` is a dialect name (`pg`/`postgresql` are read as `postgres`). */
export function parseDialectName(name: string): SqlDialectName | null {
  const n = name.trim().toLowerCase()
  if (n === 'pg' || n === 'postgresql') return 'postgres'
  if (n === 'sparksql' || n === 'spark-sql') return 'spark'
  return (SQL_DIALECTS as readonly string[]).includes(n) ? (n as SqlDialectName) : null
}
