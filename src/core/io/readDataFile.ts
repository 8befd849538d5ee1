import type { ColumnarTable } from '../engine/columns'
import { inferFieldTypes } from '../fields/inferFieldType'
import type { FieldMeta } from '../fields/types'
import { buildColumns } from './buildColumns'
import { applyTypeOverrides, customerIdColumn, eventColumns } from './dataFileColumns'
import type { ColumnProblem, ColumnView, EventColumnChoice, EventLinks } from './dataFileColumns'
import { decodeBytesDetailed, parseCsvText } from './parseCsv'
import type { TextEncodingName } from './parseCsv'
import type { ImportIssue } from './types'

export type { EventColumnChoice, EventLinks }

/** Rows that type inference and the id suggestion look at: the head of the file, as the import dialog previews it. */
export const INFER_ROWS = 2000

const DAY_MS = 86_400_000

/** Formats the app reads. JSON, NDJSON and Excel are recognised so that they are refused clearly. */
export type DataFileFormat = 'csv'

export interface DataFileOptions {
  /** A customer table (one row per customer, an id column) or an event table (orders). Default customers. */
  kind?: 'customers' | 'events'
  /** Customers: the id column, by field name or header text (default: suggested). */
  idField?: string
  /** Events: the customer link, date and amount columns (default: suggested). */
  events?: EventColumnChoice
  /** The user's field types, overriding inference: pairs of column (field name or header text) and type. */
  types?: readonly (readonly [string, string])[]
  /** The reviewed mapping, one entry per header column (null = skip the column), instead of inference. */
  fields?: readonly (FieldMeta | null)[]
  /** Reference date of recency rules, epoch ms UTC (default: the start of today, UTC). */
  asOf?: number
  /** The current time, for the default `asOf` (tests). */
  now?: number
  /** Skip encoding detection (bytes only). */
  encoding?: TextEncodingName
  /** Cap on listed issues of one kind (see IssueCollector). */
  maxIssuesPerKind?: number
}

/** A data file read completely: typed columns plus everything worth telling the user. */
export interface DataFile {
  fileName: string
  format: DataFileFormat
  /** How the bytes were decoded (absent when text was passed). */
  encoding?: TextEncodingName
  kind: 'customers' | 'events'
  /** Header text as in the file (field names may differ: see fieldNamesFromHeader). */
  header: string[]
  /** `table.fields` are the imported fields. */
  table: ColumnarTable
  /** Customers: the id field. Events: the field linking each event to its customer. */
  idField: string
  /** Events only. */
  events?: EventLinks
  asOf: number
  /** Problems that do not stop the import (unparseable values kept as missing, ragged rows, repeated ids). */
  issues: ImportIssue[]
}

export type ReadDataFileResult = { ok: true; data: DataFile } | { ok: false; errors: ImportIssue[] }

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b)

/** Why a file is not one the app reads yet, or null for CSV/TSV (any other name is tried as CSV). */
function unsupported(input: Uint8Array | string, fileName: string): string | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''
  const binary = typeof input !== 'string' && (startsWith(input, [0x50, 0x4b, 0x03, 0x04]) || startsWith(input, [0xd0, 0xcf, 0x11, 0xe0]))
  if (binary || ['xlsx', 'xlsm', 'xls', 'ods'].includes(ext)) return 'Excel workbooks cannot be read yet: save the sheet as CSV (UTF-8) and use that file'
  if (['json', 'ndjson', 'jsonl'].includes(ext)) return 'JSON and NDJSON data files cannot be read yet: use CSV or TSV'
  return null
}

function decode(input: Uint8Array | string, encoding: TextEncodingName | undefined): { text: string; encoding?: TextEncodingName } {
  // parseCsvText drops a BOM left in text.
  return typeof input === 'string' ? { text: input } : decodeBytesDetailed(input, encoding)
}

/**
 * Reads a customer or event data file the way the app imports it: decode (BOM, UTF-8, else GB18030),
 * parse (CSV/TSV, delimiter detected), infer field types from the first INFER_ROWS rows, apply the
 * user's types, pick the id (customers) or the link, date and amount columns (events), and build typed
 * columns. Values that do not parse are kept as missing and listed in `issues`; the file is refused
 * (`errors`, each naming the file, the column and the reason) when it has no header, is in a format
 * not read yet, or names columns or types that do not exist.
 */
export function readDataFile(input: Uint8Array | string, fileName: string, opts: DataFileOptions = {}): ReadDataFileResult {
  const fail = (problems: ColumnProblem[]): ReadDataFileResult =>
    ({ ok: false, errors: problems.map((p) => ({ file: fileName, ...p })) })
  const why = unsupported(input, fileName)
  if (why !== null) return fail([{ code: 'unsupported_format', reason: why }])
  const { text, encoding } = decode(input, opts.encoding)
  const parsed = parseCsvText(text, { fileName, maxIssuesPerKind: opts.maxIssuesPerKind })
  if (parsed.header.length === 0) return { ok: false, errors: parsed.issues }
  const sample = parsed.rows.slice(0, INFER_ROWS)
  const problems: ColumnProblem[] = []
  const view: ColumnView = { header: parsed.header, sample, fields: initialFields(opts, parsed.header, sample, problems) }
  if (problems.length > 0) return fail(problems)
  const fields = applyTypeOverrides(view, opts.types ?? [], problems)
  const typed: ColumnView = { ...view, fields }
  const kind = opts.kind ?? 'customers'
  const events = kind === 'events' ? eventColumns(typed, opts.events ?? {}, problems) : undefined
  const idField = events ? events.customerIdField : customerIdColumn(typed, opts.idField, problems)
  if (problems.length > 0) return fail(problems)
  const built = buildColumns(fields, parsed.rows, {
    fileName, idField: kind === 'customers' ? idField : undefined, maxIssuesPerKind: opts.maxIssuesPerKind,
  })
  const asOf = opts.asOf ?? Math.floor((opts.now ?? Date.now()) / DAY_MS) * DAY_MS
  return {
    ok: true,
    data: {
      fileName, format: 'csv', ...(encoding ? { encoding } : {}), kind, header: parsed.header, table: built.table,
      idField, ...(events ? { events } : {}), asOf, issues: [...parsed.issues, ...built.issues],
    },
  }
}

/** The reviewed mapping when given (one entry per column, at least one imported), else inferred types. */
function initialFields(
  opts: DataFileOptions,
  header: string[],
  sample: readonly (readonly string[])[],
  problems: ColumnProblem[],
): (FieldMeta | null)[] {
  if (!opts.fields) return inferFieldTypes(header, sample)
  if (opts.fields.length !== header.length) {
    problems.push({ code: 'field_count', reason: `the mapping has ${opts.fields.length} columns, the file ${header.length}` })
  } else if (!opts.fields.some((f) => f !== null)) {
    problems.push({ code: 'no_fields', reason: 'no column is imported' })
  }
  return opts.fields.slice()
}
