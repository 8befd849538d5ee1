import { columnExamples, inferFieldTypes } from '../fields/inferFieldType'
import type { Cell, ParseOptions } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { EncodingMismatch } from './decodeText'
import type { TextEncodingName } from './decodeText'
import { IssueTally } from './importReport'
import type { ImportReport } from './importReport'
import { TableBuilder } from './tableBuilder'
import { readRows, UnreadableFile } from './tableReader'
import type { ByteSource, ReadInfo, ReadOptions } from './tableReader'
import type { ColumnarTable } from '../engine/columns'
import type { ImportIssue } from './types'

/** Rows that type inference and the id suggestion look at: the head of the file. */
export const INFER_ROWS = 2000

/**
 * Runs a read, and once more as GB18030 when a file that looked like UTF-8 turns out not to be
 * (its head was plain ASCII; a GBK byte came later). Nothing of the first attempt is kept.
 */
export async function withEncodingRetry<T>(run: (detected?: TextEncodingName) => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (!(e instanceof EncodingMismatch)) throw e
    return run('gb18030')
  }
}

/** The head of a file, with the types the importer proposes. */
export interface FilePreview {
  info: ReadInfo
  header: string[]
  /** The first rows (at most INFER_ROWS), as read. */
  sample: Cell[][]
  /** One inferred field per column (names from the header). */
  fields: FieldMeta[]
  /** A few values of each column, to show beside its type. */
  examples: string[][]
  /** Problems found in the head (header names, ragged rows, syntax). */
  issues: ImportIssue[]
}

/**
 * Reads the head of a file (at most `rows` data rows; an Excel sheet is read whole) and infers a type
 * for each column. Throws UnreadableFile for a file that cannot be read.
 */
export async function previewFile(source: ByteSource, opts: ReadOptions = {}, rows = INFER_ROWS): Promise<FilePreview> {
  return withEncodingRetry(async (detected) => {
    const tally = new IssueTally(source.name)
    let header: string[] = []
    const sample: Cell[][] = []
    const info = await readRows(source, { keyRecords: rows, ...opts }, tally, {
      header: (h) => (header = h),
      rows: async (batch) => {
        sample.push(...batch.slice(0, rows - sample.length))
        return sample.length < rows
      },
    }, detected)
    if (header.length === 0) throw new UnreadableFile('empty_file', 'the file has no columns')
    const fields = inferFieldTypes(header, sample)
    return { info, header, sample, fields, examples: header.map((_, i) => columnExamples(sample, i)), issues: tally.finish() }
  })
}

export interface PrepareOptions extends ReadOptions {
  kind: 'customers' | 'events'
  /** The header as previewed; the file must still have it (CSV, Excel) or these are the keys read (JSON). */
  header: readonly string[]
  /** One entry per header column: the field it becomes, or null to leave it out. */
  fields: readonly (FieldMeta | null)[]
  /** Customers: the id field, checked for empty and repeated ids. */
  idField?: string
  /** List fields: the separator between items, by field name (default `|` or `;`). */
  listSeparators?: Readonly<Record<string, string>>
  maxIssuesPerKind?: number
}

/** Progress of a prepare: bytes of the file read, and rows converted. */
export interface PrepareProgress {
  bytes: number
  total: number
  rows: number
}

export interface PrepareHooks {
  progress?: (p: PrepareProgress) => void
  /** Awaited after every batch: the place to yield and to throw when cancelled. */
  checkpoint?: () => Promise<void>
}

/** A file read completely into typed columns, not yet stored, with the report the user decides on. */
export interface PreparedFile {
  table: ColumnarTable
  /** 1 for each row "skip the bad rows" leaves out. */
  badRows: Uint8Array
  report: ImportReport
}

function parseOptions(opts: PrepareOptions): Record<string, ParseOptions> {
  const out: Record<string, ParseOptions> = {}
  for (const [name, sep] of Object.entries(opts.listSeparators ?? {})) if (sep) out[name] = { listSeparator: sep }
  return out
}

function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i])
}

/**
 * Reads a whole file into typed columns as it streams (only the current piece of text is held), with
 * the user's fields, and reports every problem: values that do not parse (kept as missing), ragged
 * rows, empty and repeated ids, records left out. Nothing is stored: the caller shows the report and
 * then commits (dropping the bad rows or keeping them) or discards.
 */
export async function prepareFile(source: ByteSource, opts: PrepareOptions, hooks: PrepareHooks = {}): Promise<PreparedFile> {
  if (opts.fields.length !== opts.header.length) throw new UnreadableFile('field_count', `the mapping has ${opts.fields.length} columns, the file ${opts.header.length}`)
  if (!opts.fields.some((f) => f !== null)) throw new UnreadableFile('no_fields', 'no column is imported')
  return withEncodingRetry(async (detected) => {
    const tally = new IssueTally(source.name, opts.maxIssuesPerKind)
    const builder = new TableBuilder(opts.fields, {
      fileName: source.name, idField: opts.kind === 'customers' ? opts.idField : undefined, tally, parse: parseOptions(opts),
    })
    // JSON records are read by the previewed keys; CSV and Excel must still have the previewed header.
    const info = await readRows(source, { ...opts, columns: opts.header }, tally, {
      header: (h) => {
        if (!sameHeader(h, opts.header)) throw new UnreadableFile('header_changed', 'the file\'s columns are not the ones previewed: choose the file again')
      },
      rows: async (rows, rowNos, broken, bytes) => {
        rows.forEach((row, k) => builder.add(row, broken[k], rowNos[k]))
        hooks.progress?.({ bytes, total: source.size, rows: builder.rowCount })
        await hooks.checkpoint?.()
        return true
      },
    }, detected)
    const built = builder.finish()
    return { table: built.table, badRows: built.badRows, report: makeReport(source, info, opts, built) }
  })
}

function makeReport(source: ByteSource, info: ReadInfo, opts: PrepareOptions, built: ReturnType<TableBuilder['finish']>): ImportReport {
  let bad = 0
  for (let i = 0; i < built.badRows.length; i++) bad += built.badRows[i]
  const tally = built.tally
  return {
    fileName: source.name, format: info.format, encoding: info.encoding, encodingSource: info.encodingSource, delimiter: info.delimiter,
    bytes: source.size, rowCount: built.table.rowCount, badRowCount: bad,
    droppedRowCount: tally.countOf('bad_json_record') + tally.countOf('not_an_object'),
    counts: tally.counts(), issues: tally.finish(), fields: built.table.fields,
    ...(opts.kind === 'customers' && opts.idField ? { idField: opts.idField } : {}),
    emptyIds: tally.countOf('empty_id'), duplicateIds: tally.countOf('duplicate_id'),
  }
}

/** A ByteSource over bytes in memory, cut in pieces of `chunkSize` (tests, the CLI). */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize = 1 << 20): ByteSource {
  return {
    name, size: bytes.length,
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize)
    },
  }
}
