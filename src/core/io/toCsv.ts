import Papa from 'papaparse'
import type { RowValue } from '../engine/columns'

/** A value `toCsv` writes: numbers and booleans as JavaScript prints them; null/undefined as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined

/**
 * Text cells starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
 * `=`, `+`, `-`, `@`, tab, carriage return. papaparse's own default pattern ends in `.*$` without the
 * `s` flag, so a multi-line cell starting with `=` would slip through; this one looks at the first
 * character only.
 */
export const FORMULA_START = /^[=+\-@\t\r]/

export interface ToCsvOptions {
  /** Start with a UTF-8 byte-order mark, so that Excel reads Chinese text as UTF-8 (default true). */
  bom?: boolean
  /** Line ending (default CRLF, what spreadsheets write). */
  newline?: '\r\n' | '\n'
  delimiter?: ',' | '\t' | ';'
}

/**
 * Writes a header and rows as CSV text: cells quoted where needed, and text cells that a spreadsheet
 * would run as a formula prefixed with an apostrophe (`=1+1` → `'=1+1`). Numbers and booleans are
 * never prefixed: `-5` is a number, not a formula, and must stay one. With `bom` (the default) the
 * text starts with U+FEFF.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, opts: ToCsvOptions = {}): string {
  const data: CsvCell[][] = [[...header]]
  for (const row of rows) data.push([...row])
  const body = Papa.unparse(data, {
    newline: opts.newline ?? '\r\n',
    delimiter: opts.delimiter ?? ',',
    escapeFormulae: FORMULA_START,
  })
  return (opts.bom ?? true ? '\uFEFF' : '') + body
}

/**
 * A cell of the row form (engine/columns.ts `cellValue`) as CSV writes it so that the import reads
 * it back: tag lists joined with `|` (the import's list separator), missing as an empty cell.
 */
export function csvCell(value: RowValue): CsvCell {
  return Array.isArray(value) ? value.join('|') : value
}
