import type { Cell } from '../fields/parseValue'
import { CsvChunkParser } from './csvStream'
import { sniffEncoding, StreamDecoder } from './decodeText'
import type { SniffedEncoding, TextEncodingName } from './decodeText'
import type { DataFormat, IssueTally } from './importReport'
import { collectKeys, isRecord, JsonArraySplitter, NdjsonSplitter, recordCells } from './jsonStream'
import type { JsonRecord } from './jsonStream'
import { checkHeader, fitRow } from './parseCsv'
import type { CsvDelimiter } from './parseCsv'
import { readXlsxRows } from './xlsxRows'

/** A file to read: its name and size, and its bytes from the start in pieces (as often as asked). */
export interface ByteSource {
  name: string
  size: number
  chunks(): AsyncIterable<Uint8Array>
}

export interface ReadOptions {
  /** Skip format detection. */
  format?: DataFormat
  /** Skip encoding detection (the user's choice). */
  encoding?: TextEncodingName
  /** CSV: skip delimiter detection. */
  delimiter?: CsvDelimiter
  /** JSON/NDJSON: the keys to read as columns (from the preview); default: the keys of the first `keyRecords` records. */
  columns?: readonly string[]
  /** JSON/NDJSON without `columns`: how many records name the columns. */
  keyRecords?: number
}

/** How the file was read. */
export interface ReadInfo {
  format: DataFormat
  encoding?: TextEncodingName
  encodingSource?: SniffedEncoding['source']
  delimiter?: string
}

/** Receives what a reader finds; `rows` resolves to false to stop reading (a preview has enough). */
export interface RowSink {
  header(header: string[], info: ReadInfo): void
  /** Rows with their 1-based file row numbers and whether the reader found them broken (ragged, bad quotes). */
  rows(rows: Cell[][], rowNos: number[], broken: boolean[], bytesRead: number): Promise<boolean>
}

/** A file that cannot be read at all (format, syntax of the whole file); `code` names the kind. */
export class UnreadableFile extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'UnreadableFile'
  }
}

const extOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b)

/**
 * The format of a file from its name and first bytes: a zip archive is an Excel workbook; `.json`
 * is a JSON array, `.ndjson`/`.jsonl` one JSON object per line; a file of another name whose text starts
 * with `[` or `{` is taken as JSON or NDJSON; anything else as CSV/TSV. Old `.xls` and `.ods` are refused.
 */
export function detectFormat(name: string, head: Uint8Array, headText: string): DataFormat {
  const ext = extOf(name)
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]) || ext === 'xls' || ext === 'ods') {
    throw new UnreadableFile('unsupported_format', 'Excel 97–2003 (.xls) and OpenDocument (.ods) files cannot be read: save the sheet as .xlsx or CSV')
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || ext === 'xlsx' || ext === 'xlsm') return 'xlsx'
  if (ext === 'json') return 'json'
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson'
  if (['csv', 'tsv', 'txt', 'tab'].includes(ext)) return 'csv'
  const first = headText.trimStart()[0]
  return first === '[' ? 'json' : first === '{' ? 'ndjson' : 'csv'
}

/** Bytes looked at to detect the encoding and the format. */
const HEAD_BYTES = 64 * 1024

/** The pieces from `rest` joined after `first`, until at least `limit` bytes or the end. */
async function collectBytes(first: Uint8Array, rest: AsyncIterator<Uint8Array>, limit = Infinity): Promise<Uint8Array> {
  const parts = [first]
  let n = first.length
  while (n < limit) {
    const r = await rest.next()
    if (r.done) break
    parts.push(r.value)
    n += r.value.length
  }
  if (parts.length === 1) return first
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * Reads a data file of any supported format and hands its header and rows to `sink`, a batch at a
 * time, holding only the current piece of text: CSV/TSV, NDJSON and JSON arrays stream; an Excel
 * workbook (a zip archive) is read whole. Problems of single rows go to `tally`; a file that cannot
 * be read at all throws UnreadableFile; a file guessed to be UTF-8 that is not throws EncodingMismatch
 * (read it again with `encoding: 'gb18030'`, see readWithEncodingRetry).
 */
export async function readRows(source: ByteSource, opts: ReadOptions, tally: IssueTally, sink: RowSink, detected?: TextEncodingName): Promise<ReadInfo> {
  const it = source.chunks()[Symbol.asyncIterator]()
  try {
    const head = await collectBytes(new Uint8Array(0), it, HEAD_BYTES)
    const sniffed = detected ? { encoding: detected, source: 'detected' as const } : sniffEncoding(head, opts.encoding)
    const format = opts.format ?? detectFormat(source.name, head, new TextDecoder(sniffed.encoding).decode(head.subarray(0, 4096)))
    if (format === 'xlsx') return await readXlsx(await collectBytes(head, it), tally, sink)
    const info: ReadInfo = { format, encoding: sniffed.encoding, encodingSource: sniffed.source }
    const text = new TextStream(head, it, new StreamDecoder(sniffed))
    if (format === 'csv') await readCsv(text, opts, info, tally, sink)
    else await readJson(text, format, opts, info, tally, sink)
    return info
  } finally {
    await it.return?.()
  }
}

/** The decoded text of a byte stream, a piece at a time, counting the bytes read. */
class TextStream {
  bytesRead = 0
  private first: Uint8Array | null

  constructor(head: Uint8Array, private readonly rest: AsyncIterator<Uint8Array>, private readonly decoder: StreamDecoder) {
    this.first = head
  }

  /** The next piece of text and whether it is the last. */
  async next(): Promise<{ text: string; last: boolean }> {
    let bytes = this.first
    this.first = null
    if (bytes === null) {
      const r = await this.rest.next()
      bytes = r.done ? null : r.value
    }
    if (bytes === null) return { text: this.decoder.decode(new Uint8Array(0), true), last: true }
    this.bytesRead += bytes.length
    return { text: this.decoder.decode(bytes), last: false }
  }
}

/** Collects a batch of rows for the sink. */
class Batch {
  rows: Cell[][] = []
  rowNos: number[] = []
  broken: boolean[] = []
  push(row: Cell[], rowNo: number, broken: boolean): void {
    this.rows.push(row)
    this.rowNos.push(rowNo)
    this.broken.push(broken)
  }
}

async function readCsv(text: TextStream, opts: ReadOptions, info: ReadInfo, tally: IssueTally, sink: RowSink): Promise<void> {
  const parser = new CsvChunkParser(opts.delimiter)
  let header: string[] | null = null
  let rowNo = 0
  for (let more = true, last = false; more && !last;) {
    const piece = await text.next()
    last = piece.last
    const parsed = parser.push(piece.text, last)
    const broken = new Set<number>()
    for (const e of parsed.errors) {
      if (e.code === 'UndetectableDelimiter') continue
      const row = e.index === undefined ? undefined : rowNo + e.index + (header ? 1 : 0)
      tally.add(`csv_${e.code}`, { row: row && row > 0 ? row : undefined, code: 'csv_syntax', reason: e.message, params: { detail: e.code } })
      if (e.index !== undefined) broken.add(e.index)
    }
    const batch = new Batch()
    parsed.rows.forEach((cells, k) => {
      if (header === null) {
        header = cells.map((h) => h.trim())
        info.delimiter = parser.delimiter
        checkHeader(header, tally)
        sink.header(header, info)
        return
      }
      rowNo++
      const fitted = fitRow(cells, header.length, rowNo, tally)
      batch.push(fitted.cells, rowNo, fitted.ragged || broken.has(k))
    })
    if (batch.rows.length > 0 || last) more = await sink.rows(batch.rows, batch.rowNos, batch.broken, text.bytesRead)
  }
  if (header === null) throw new UnreadableFile('empty_file', 'the file has no header row')
}

async function readJson(
  text: TextStream, format: 'json' | 'ndjson', opts: ReadOptions, info: ReadInfo, tally: IssueTally, sink: RowSink,
): Promise<void> {
  const splitter = format === 'json' ? new JsonArraySplitter() : new NdjsonSplitter()
  const keys = new JsonColumns(opts, tally, sink, info)
  for (let more = true, last = false; more && !last;) {
    const piece = await text.next()
    last = piece.last
    const records = splitter.push(piece.text, last)
    if (splitter instanceof JsonArraySplitter && splitter.fileError) throw new UnreadableFile('bad_json', splitter.fileError)
    more = await keys.add(records, last, text.bytesRead)
  }
}

/**
 * Turns JSON records into rows. The columns are the given ones, or the keys of the first records in
 * order of first appearance (records are held back until those are known); a key seen only later is
 * reported once and not read. A record that is not a JSON object is reported and left out.
 */
class JsonColumns {
  private header: string[] | null
  private readonly held: { value: Record<string, unknown>; n: number }[] = []
  private readonly keys: string[] = []
  private readonly seen = new Set<string>()
  private recordNo = 0

  constructor(private readonly opts: ReadOptions, private readonly tally: IssueTally, private readonly sink: RowSink, private readonly info: ReadInfo) {
    this.header = opts.columns ? [...opts.columns] : null
    if (this.header) sink.header(this.header, info)
  }

  async add(records: JsonRecord[], last: boolean, bytesRead: number): Promise<boolean> {
    const objects: { value: Record<string, unknown>; n: number }[] = []
    for (const r of records) {
      const n = ++this.recordNo
      if (!r.ok) this.tally.add('bad_json_record', { row: n, code: 'bad_json_record', reason: `not valid JSON (${r.reason}); left out` })
      else if (!isRecord(r.value)) this.tally.add('not_an_object', { row: n, code: 'not_an_object', reason: 'not a JSON object; left out' })
      else objects.push({ value: r.value, n })
    }
    if (this.header === null) {
      for (const o of objects) collectKeys(o.value, this.keys, this.seen)
      this.held.push(...objects)
      if (!last && this.held.length < (this.opts.keyRecords ?? 2000)) return true
      this.header = this.keys
      this.sink.header(this.header, this.info)
      objects.splice(0, objects.length, ...this.held.splice(0))
    }
    return this.emit(objects, last, bytesRead)
  }

  private async emit(objects: { value: Record<string, unknown>; n: number }[], last: boolean, bytesRead: number): Promise<boolean> {
    const header = this.header as string[]
    const known = this.seen.size > 0 ? this.seen : new Set(header)
    const batch = new Batch()
    for (const { value, n } of objects) {
      for (const k of Object.keys(value)) {
        if (known.has(k)) continue
        this.tally.add(`unknown_key:${k}`, { row: n, field: k, code: 'unknown_key', reason: `key "${k}" is not among the columns; its values are not imported` })
      }
      batch.push(recordCells(value, header), n, false)
    }
    if (batch.rows.length === 0 && !last) return true
    return this.sink.rows(batch.rows, batch.rowNos, batch.broken, bytesRead)
  }
}

async function readXlsx(bytes: Uint8Array, tally: IssueTally, sink: RowSink): Promise<ReadInfo> {
  let sheet
  try {
    sheet = await readXlsxRows(bytes)
  } catch (e) {
    throw new UnreadableFile('bad_xlsx', `the Excel workbook cannot be read: ${(e as Error).message}`)
  }
  const info: ReadInfo = { format: 'xlsx' }
  const rows = sheet.rows.filter((r) => r.some((c) => c.trim() !== ''))
  if (rows.length === 0) throw new UnreadableFile('empty_file', 'the first sheet is empty (no header row)')
  const header = rows[0].map((h) => h.trim())
  checkHeader(header, tally)
  sink.header(header, info)
  const batch = new Batch()
  for (let r = 1; r < rows.length; r++) batch.push(fitRow(rows[r], header.length, r, tally).cells, r, false)
  await sink.rows(batch.rows, batch.rowNos, batch.broken, bytes.length)
  return info
}
