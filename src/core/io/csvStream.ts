import Papa from 'papaparse'
import { CSV_DELIMITERS } from './parseCsv'
import type { CsvDelimiter } from './parseCsv'

/** A syntax problem papaparse found, at a record of the batch it was found in (0-based). */
export interface CsvSyntaxError {
  code: string
  message: string
  /** Index into the batch's `rows`, or undefined when it is not tied to a record. */
  index?: number
}

export interface CsvBatch {
  /** Records in file order (the first record of the file is the header), blank lines left out. */
  rows: string[][]
  errors: CsvSyntaxError[]
}

/** Text looked at to detect the delimiter and the line break before the first records are parsed. */
const DETECT_CHARS = 64 * 1024

/**
 * Parses CSV/TSV text that arrives in pieces, with papaparse's own parser: a record split between two
 * pieces (even inside a quoted field with newlines) is kept back until the rest arrives, so only
 * the unfinished last record is ever held as text.
 *
 * The delimiter (comma, tab or semicolon) and the line break are detected once, on the first 64 KB,
 * unless a delimiter is given. Blank lines are skipped, as parseCsvText does.
 */
export class CsvChunkParser {
  private parser: Papa.Parser | null = null
  private pending = ''
  private base = 0
  delimiter: string | undefined

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter
  }

  /** Feeds the next piece of text; `last` parses what is left, unfinished or not. */
  push(text: string, last = false): CsvBatch {
    this.pending += text
    if (!this.parser) {
      if (!last && this.pending.length < DETECT_CHARS) return { rows: [], errors: [] }
      this.parser = this.start(this.pending)
    }
    const input = this.pending
    const result = this.parser.parse(input, this.base, !last) as Papa.ParseResult<string[]>
    const cursor = result.meta.cursor
    this.pending = last ? '' : input.substring(cursor - this.base)
    this.base = cursor
    return collect(result)
  }

  private start(head: string): Papa.Parser {
    const guess = Papa.parse<string[]>(head, {
      preview: 200, skipEmptyLines: true, delimiter: this.delimiter ?? '', delimitersToGuess: [...CSV_DELIMITERS],
    })
    this.delimiter = guess.meta.delimiter || ','
    return new Papa.Parser({ delimiter: this.delimiter, newline: guess.meta.linebreak as Papa.ParseConfig['newline'] })
  }
}

function collect(result: Papa.ParseResult<string[]>): CsvBatch {
  const rows: string[][] = []
  // Raw record index → index among the non-blank records kept.
  const kept: number[] = []
  for (const record of result.data) {
    kept.push(rows.length)
    if (record.length === 1 && record[0] === '') continue
    rows.push(record)
  }
  const errors = result.errors.map((e) => ({
    code: e.code, message: e.message, index: e.row === undefined ? undefined : kept[e.row] ?? rows.length,
  }))
  return { rows, errors }
}
