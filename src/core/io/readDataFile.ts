import type { ColumnarTable } from '../engine/columns'
import type { Cell } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { applyTypeOverrides, customerIdColumn, eventColumns } from './dataFileColumns'
import type { ColumnProblem, ColumnView, EventColumnChoice, EventLinks } from './dataFileColumns'
import type { TextEncodingName } from './decodeText'
import { bytesSource, INFER_ROWS, prepareFile, previewFile } from './importFile'
import type { DataFormat } from './importReport'
import { UnreadableFile } from './tableReader'
import type { ImportIssue } from './types'

export type { EventColumnChoice, EventLinks }
export { INFER_ROWS }

const DAY_MS = 86_400_000

/** Formats the app reads: CSV/TSV, JSON arrays of objects, NDJSON and Excel workbooks (.xlsx). */
export type DataFileFormat = DataFormat

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
  /** How the bytes were decoded (absent for Excel workbooks, which carry their own encoding). */
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

/** The reviewed mapping when given (one entry per column, at least one imported), else inferred types. */
function initialFields(opts: DataFileOptions, inferred: FieldMeta[], problems: ColumnProblem[]): (FieldMeta | null)[] {
  if (!opts.fields) return inferred
  if (opts.fields.length !== inferred.length) {
    problems.push({ code: 'field_count', reason: `the mapping has ${opts.fields.length} columns, the file ${inferred.length}` })
  } else if (!opts.fields.some((f) => f !== null)) {
    problems.push({ code: 'no_fields', reason: 'no column is imported' })
  }
  return opts.fields.slice()
}

const textRow = (row: readonly Cell[]): string[] => row.map((c) => (typeof c === 'string' ? c : c.join('|')))

/**
 * Reads a customer or event data file the way the app imports it — the same reader, inference and
 * column building as the import dialog (core/io/importFile): detect the format and the encoding (BOM,
 * UTF-8, else GB18030), infer field types from the first INFER_ROWS rows, apply the user's types, pick
 * the id (customers) or the link, date and amount columns (events), and build typed columns, keeping
 * every row ("import keeping bad values empty"). Values that do not parse are kept as missing and
 * listed in `issues`; the file is refused (`errors`, each naming the file, the column and the reason)
 * when it cannot be read, has no header, or names columns or types that do not exist.
 */
export async function readDataFile(input: Uint8Array | string, fileName: string, opts: DataFileOptions = {}): Promise<ReadDataFileResult> {
  const fail = (problems: ColumnProblem[]): ReadDataFileResult => ({ ok: false, errors: problems.map((p) => ({ file: fileName, ...p })) })
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  const source = bytesSource(fileName, bytes)
  const encoding = typeof input === 'string' ? 'utf-8' : opts.encoding
  try {
    const preview = await previewFile(source, { encoding })
    const problems: ColumnProblem[] = []
    const sample = preview.sample.map(textRow)
    const view: ColumnView = { header: preview.header, sample, fields: initialFields(opts, preview.fields, problems) }
    if (problems.length > 0) return fail(problems)
    const fields = applyTypeOverrides(view, opts.types ?? [], problems)
    const typed: ColumnView = { ...view, fields }
    const kind = opts.kind ?? 'customers'
    const events = kind === 'events' ? eventColumns(typed, opts.events ?? {}, problems) : undefined
    const idField = events ? events.customerIdField : customerIdColumn(typed, opts.idField, problems)
    if (problems.length > 0) return fail(problems)
    const { info } = preview
    const prepared = await prepareFile(source, {
      kind, header: preview.header, fields, idField: kind === 'customers' ? idField : undefined,
      // Not info.encoding: a head guessed as UTF-8 must stay a guess, so that later GBK bytes are noticed.
      format: info.format, encoding, maxIssuesPerKind: opts.maxIssuesPerKind,
    })
    const asOf = opts.asOf ?? Math.floor((opts.now ?? Date.now()) / DAY_MS) * DAY_MS
    return {
      ok: true,
      data: {
        fileName, format: info.format, ...(prepared.report.encoding ? { encoding: prepared.report.encoding } : {}), kind, header: preview.header,
        table: prepared.table, idField, ...(events ? { events } : {}), asOf, issues: prepared.report.issues,
      },
    }
  } catch (e) {
    if (e instanceof UnreadableFile) return fail([{ code: e.code, reason: e.message }])
    throw e
  }
}
