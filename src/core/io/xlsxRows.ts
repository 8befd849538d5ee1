import { readSheet } from 'read-excel-file/universal'

// Excel workbooks are read with read-excel-file (maintained, MIT, small: fflate to unzip and saxen, a
// streaming XML parser). Its "universal" entry takes an ArrayBuffer and needs neither the DOM nor
// Node's fs, so the same code runs in the worker, in Node (the CLI) and in tests.

/** The first sheet of a workbook as rows of cell texts (the first row is the header). */
export interface XlsxSheet {
  rows: string[][]
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** A date cell as the importer's date parser reads it: `YYYY-MM-DD`, with the time when it has one. */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
  const ms = d.getTime() % 86_400_000
  if (ms === 0) return day
  return `${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
}

/** One cell as text: numbers in JavaScript's shortest exact form, dates as above, booleans as true/false. */
export function xlsxCellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v)
  if (typeof v === 'string') return v
  return String(v)
}

/**
 * Reads the first sheet of an `.xlsx` workbook. Formulas give their cached values; empty rows in the
 * middle come back as rows of empty cells (the caller skips them like blank CSV lines).
 * Throws with read-excel-file's message when the bytes are not a readable workbook.
 */
export async function readXlsxRows(bytes: Uint8Array): Promise<XlsxSheet> {
  // readSheet wants an ArrayBuffer of exactly the file: copy when the view covers only part of its buffer.
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  const buffer = (exact ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer
  const data = await readSheet(buffer, { trim: false })
  return { rows: data.map((row) => row.map(xlsxCellText)) }
}
