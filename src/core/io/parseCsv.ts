import Papa from 'papaparse'
import { IssueCollector } from './csvIssues'
import type { ImportIssue } from './types'

/** Delimiters we recognise; anything else must be given explicitly. */
export type CsvDelimiter = ',' | '\t' | ';'

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', '\t', ';']

export interface ParseCsvOptions {
  /** Named in every issue. */
  fileName: string
  /** Parse only the header and this many data rows (for the mapping preview). */
  preview?: number
  /** Skip detection and use this delimiter. */
  delimiter?: CsvDelimiter
  /** Cap on listed issues of one kind (see IssueCollector). */
  maxIssuesPerKind?: number
}

export interface ParsedCsv {
  /** Header names as in the file, trimmed (duplicates and empties are reported, not renamed). */
  header: string[]
  /** Data rows, each exactly `header.length` long (ragged rows are padded with '' or cut, and reported). */
  rows: string[][]
  issues: ImportIssue[]
  delimiter: string
}

/**
 * Parses CSV/TSV text with papaparse.
 *
 * Notes:
 * - A leading UTF-8 BOM is stripped; the delimiter is detected among comma, tab and semicolon
 *   (a one-column file has none to detect and falls back to comma, which is not an issue).
 * - Blank lines are skipped, so issue row numbers count non-blank records after the header (1-based).
 * - A row with fewer cells than the header is padded with empty (missing) cells; a row with more is cut.
 *   Both are reported, except extra cells that are all empty (a trailing delimiter loses nothing).
 */
export function parseCsvText(text: string, opts: ParseCsvOptions): ParsedCsv {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const result = Papa.parse<string[]>(src, {
    delimiter: opts.delimiter ?? '',
    delimitersToGuess: [...CSV_DELIMITERS],
    skipEmptyLines: true,
    preview: opts.preview !== undefined ? opts.preview + 1 : 0,
  })
  const issues = new IssueCollector(opts.fileName, opts.maxIssuesPerKind)
  for (const err of result.errors) {
    if (err.type === 'Delimiter') continue
    // With header: false papaparse counts the header as row 0, so its index is our 1-based data row.
    issues.add(`csv_${err.code}`, {
      row: err.row !== undefined && err.row > 0 ? err.row : undefined,
      code: 'csv_syntax',
      reason: err.message,
      params: { detail: err.code },
    })
  }
  const data = result.data
  if (data.length === 0) {
    issues.add('empty_file', { code: 'empty_file', reason: 'the file has no header row' })
    return { header: [], rows: [], issues: issues.finish(), delimiter: result.meta.delimiter }
  }
  const header = data[0].map((h) => h.trim())
  checkHeader(header, issues)
  const rows = normaliseRows(data, header.length, issues)
  return { header, rows, issues: issues.finish(), delimiter: result.meta.delimiter }
}

function checkHeader(header: string[], issues: IssueCollector): void {
  const seen = new Map<string, number>()
  header.forEach((name, i) => {
    if (name === '') {
      issues.add('empty_header', {
        code: 'empty_header',
        reason: `column ${i + 1} has no header name`,
        params: { column: i + 1 },
      })
      return
    }
    const first = seen.get(name)
    if (first === undefined) seen.set(name, i)
    else {
      issues.add('duplicate_header', {
        field: name,
        code: 'duplicate_header',
        reason: `header "${name}" appears in columns ${first + 1} and ${i + 1}`,
        params: { name, first: first + 1, column: i + 1 },
      })
    }
  })
}

function normaliseRows(data: string[][], width: number, issues: IssueCollector): string[][] {
  const rows: string[][] = new Array<string[]>(data.length - 1)
  for (let r = 1; r < data.length; r++) {
    const cells = data[r]
    if (cells.length === width) {
      rows[r - 1] = cells
      continue
    }
    if (cells.length < width) {
      issues.add('ragged_row', raggedIssue(r, width, cells.length, 'missing cells are left empty'))
      rows[r - 1] = cells.concat(new Array<string>(width - cells.length).fill(''))
      continue
    }
    const extra = cells.slice(width)
    if (extra.some((c) => c.trim() !== '')) {
      issues.add('ragged_row', raggedIssue(r, width, cells.length, 'extra cells are ignored'))
    }
    rows[r - 1] = cells.slice(0, width)
  }
  return rows
}

function raggedIssue(row: number, expected: number, found: number, effect: string): Omit<ImportIssue, 'file'> {
  return {
    row,
    code: 'ragged_row',
    reason: `expected ${expected} cells, found ${found}; ${effect}`,
    params: { expected, found },
  }
}

/** Text encodings `decodeBytes` can report. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

function bomEncoding(bytes: Uint8Array): TextEncodingName | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return null
}

/**
 * Decodes a file's bytes and says which encoding was used: a BOM decides (UTF-8, UTF-16LE/BE);
 * otherwise valid UTF-8 is UTF-8, and anything else is taken as GB18030 (a superset of GBK/GB2312,
 * what Chinese Excel writes). Pass `encoding` to override detection (e.g. when the user picks one).
 * The BOM, if any, is removed.
 */
export function decodeBytesDetailed(
  bytes: Uint8Array,
  encoding?: TextEncodingName,
): { text: string; encoding: TextEncodingName } {
  let enc = encoding ?? bomEncoding(bytes)
  let text: string
  if (enc) text = new TextDecoder(enc).decode(bytes)
  else {
    try {
      // One fatal pass both validates and decodes, so a UTF-8 file is read only once.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      enc = 'utf-8'
    } catch {
      enc = 'gb18030'
      text = new TextDecoder(enc).decode(bytes)
    }
  }
  // TextDecoder drops a BOM matching its encoding; strip explicitly in case detection was overridden.
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: enc }
}

/** Decodes a file's bytes to text (UTF-8, UTF-16 with BOM, else GB18030); see `decodeBytesDetailed`. */
export function decodeBytes(bytes: Uint8Array, encoding?: TextEncodingName): string {
  return decodeBytesDetailed(bytes, encoding).text
}

/** The encoding `decodeBytes` would use for these bytes (decodes once to validate UTF-8). */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  return decodeBytesDetailed(bytes).encoding
}
