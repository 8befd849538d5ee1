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

/** Where header and row problems are recorded (IssueCollector or IssueTally). */
export type IssueSink = Pick<IssueCollector, 'add'>

/** Reports empty and repeated header names (they are renamed by fieldNamesFromHeader, not refused). */
export function checkHeader(header: readonly string[], issues: IssueSink): void {
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
  for (let r = 1; r < data.length; r++) rows[r - 1] = fitRow(data[r], width, r, issues).cells
  return rows
}

/**
 * A record made exactly `width` cells long: a short one padded with empty (missing) cells, a long one
 * cut. Both are reported as ragged (`row` is the 1-based data row), except extra cells that are all
 * empty (a trailing delimiter loses nothing).
 */
export function fitRow(cells: string[], width: number, row: number, issues: IssueSink): { cells: string[]; ragged: boolean } {
  if (cells.length === width) return { cells, ragged: false }
  if (cells.length < width) {
    issues.add('ragged_row', raggedIssue(row, width, cells.length, 'missing cells are left empty'))
    return { cells: cells.concat(new Array<string>(width - cells.length).fill('')), ragged: true }
  }
  const ragged = cells.slice(width).some((c) => c.trim() !== '')
  if (ragged) issues.add('ragged_row', raggedIssue(row, width, cells.length, 'extra cells are ignored'))
  return { cells: cells.slice(0, width), ragged }
}

function raggedIssue(row: number, expected: number, found: number, effect: string): Omit<ImportIssue, 'file'> {
  return {
    row,
    code: 'ragged_row',
    reason: `expected ${expected} cells, found ${found}; ${effect}`,
    params: { expected, found },
  }
}

// Decoding lives in decodeText.ts; re-exported here where callers have always found it.
export { decodeBytes, decodeBytesDetailed, detectEncoding } from './decodeText'
export type { TextEncodingName } from './decodeText'
