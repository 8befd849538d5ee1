import { idKeyAt } from '../derive/idIndex'
import type { Column, ColumnarTable } from '../engine/columns'
import { cellText, parseCell } from '../fields/parseValue'
import type { Cell, ParseOptions } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { GrowableArray, makeColumnBuilder } from './buildColumnsBuilders'
import type { ColumnBuilder } from './buildColumnsBuilders'
import { IssueTally } from './importReport'

export interface TableBuilderOptions {
  /** Named in every issue. */
  fileName: string
  /** Customer tables: the id column, checked for empty and duplicate values by `finish`. */
  idField?: string
  /** 1-based number of the first row added, when a file is converted in several parts. */
  firstRow?: number
  /** Cap on listed issues of one kind (see IssueCollector). */
  maxIssuesPerKind?: number
  /** How the cells of a field are read, by field name (e.g. a list's separator). */
  parse?: Readonly<Record<string, ParseOptions>>
  /** Rows expected (sizes the first buffers; they grow as needed). */
  capacity?: number
  /** Collects the issues; one tally may serve a whole import (parse issues and value issues). */
  tally?: IssueTally
}

export interface BuiltTable {
  table: ColumnarTable
  /** 1 for each row with a problem: a value that does not parse, a row marked bad, an empty or repeated id. */
  badRows: Uint8Array
  tally: IssueTally
}

const shorten = (s: string): string => (s.length > 50 ? `${s.slice(0, 47)}…` : s)

/**
 * Builds typed columns row by row, so a file of any length is converted as it streams in: only the
 * typed columns (and their dictionaries) are kept, never the rows. `fields` is positional: `fields[i]`
 * describes cell `i` of every row; `null` skips that column; cells beyond a short row are missing.
 *
 * A cell that does not parse becomes missing AND is reported with file, row, field, value and reason;
 * it is never turned into 0. Its row is marked bad, so the user can choose to leave such rows out.
 */
export class TableBuilder {
  readonly tally: IssueTally
  private readonly active: { f: FieldMeta; i: number; opts: ParseOptions }[]
  private readonly builders: ColumnBuilder[]
  private readonly bad: GrowableArray<Uint8Array>
  private readonly firstRow: number
  private rows = 0
  /** File row numbers, kept only once a row number skips (a reader dropped a record). */
  private rowNos: GrowableArray<Int32Array> | null = null

  constructor(fields: readonly (FieldMeta | null)[], private readonly opts: TableBuilderOptions) {
    this.firstRow = opts.firstRow ?? 1
    this.tally = opts.tally ?? new IssueTally(opts.fileName, opts.maxIssuesPerKind)
    this.active = fields.flatMap((f, i) => (f ? [{ f, i, opts: opts.parse?.[f.name] ?? {} }] : []))
    const capacity = opts.capacity ?? 1024
    this.builders = this.active.map(({ f }) => makeColumnBuilder(f, capacity))
    this.bad = new GrowableArray(Uint8Array, capacity)
  }

  /** Rows added so far. */
  get rowCount(): number {
    return this.rows
  }

  /** The file's 1-based row number of table row `i`. */
  rowNumber(i: number): number {
    return this.rowNos ? this.rowNos.get(i) : this.firstRow + i
  }

  private numberRow(rowNo: number | undefined): number {
    const expected = this.firstRow + this.rows
    if (rowNo !== undefined && rowNo !== expected && !this.rowNos) {
      this.rowNos = new GrowableArray(Int32Array, Math.max(1024, this.rows * 2))
      for (let i = 0; i < this.rows; i++) this.rowNos.push(this.firstRow + i)
    }
    const n = rowNo ?? (this.rowNos ? this.rowNos.get(this.rows - 1) + 1 : expected)
    this.rowNos?.push(n)
    return n
  }

  /**
   * Appends one row; `bad` marks it bad already (e.g. a ragged row the reader reported). `rowNo` is the
   * row's number in the file, when the reader left records out (default: the next number).
   */
  add(row: readonly Cell[], bad = false, rowNo?: number): void {
    const n = this.numberRow(rowNo)
    let failed = bad
    for (let k = 0; k < this.active.length; k++) {
      const { f, i, opts } = this.active[k]
      const cell = row[i] ?? ''
      const res = parseCell(cell, f, opts)
      if (res.ok) {
        this.builders[k].push(res.value)
        continue
      }
      this.builders[k].push(null)
      failed = true
      const value = shorten(cellText(cell).trim())
      this.tally.add(`${res.code}:${f.name}`, {
        row: n, field: f.name, code: res.code,
        reason: `"${value}" is ${res.reason}; kept as missing`, params: { value },
      })
    }
    this.bad.push(failed ? 1 : 0)
    this.rows++
  }

  /** The table, the bad-row flags and the issues; checks the id column when one was named. */
  finish(): BuiltTable {
    const columns: Record<string, Column> = {}
    this.active.forEach(({ f }, k) => {
      columns[f.name] = this.builders[k].finish()
    })
    const table: ColumnarTable = { rowCount: this.rows, fields: this.active.map(({ f }) => ({ ...f })), columns }
    const badRows = this.bad.finish()
    if (this.opts.idField !== undefined) checkIds(table, this.opts.idField, (i) => this.rowNumber(i), this.tally, badRows)
    return { table, badRows, tally: this.tally }
  }
}

/** Row numbers where each id was first seen: by dictionary code for text ids (no string map per row). */
function firstSeenIndex(col: Column): (i: number) => { key: string | null; first: number | undefined; mark: () => void } {
  if (col.type === 'text' || col.type === 'category') {
    const first = new Int32Array(col.dict.length).fill(-1)
    return (i) => {
      const c = col.codes[i]
      return { key: c < 0 ? null : col.dict[c], first: c < 0 || first[c] < 0 ? undefined : first[c], mark: () => (first[c] = i) }
    }
  }
  const seen = new Map<string, number>()
  return (i) => {
    const key = idKeyAt(col, i)
    return { key, first: key === null ? undefined : seen.get(key), mark: () => key !== null && seen.set(key, i) }
  }
}

/** Reports missing and repeated ids (the first occurrence is the one that counts) and marks their rows bad. */
export function checkIds(
  table: ColumnarTable, idField: string, rowNumber: (i: number) => number, tally: IssueTally, badRows?: Uint8Array,
): void {
  const col = table.columns[idField]
  if (!col) {
    tally.add('unknown_id_field', {
      field: idField, code: 'unknown_id_field', reason: `the id field "${idField}" is not among the imported columns`,
    })
    return
  }
  const lookup = firstSeenIndex(col)
  for (let i = 0; i < table.rowCount; i++) {
    const { key, first, mark } = lookup(i)
    const row = rowNumber(i)
    if (key === null) {
      tally.add('empty_id', { row, field: idField, code: 'empty_id', reason: 'the id is empty' })
      if (badRows) badRows[i] = 1
    } else if (first === undefined) mark()
    else {
      tally.add('duplicate_id', {
        row, field: idField, code: 'duplicate_id', reason: `id "${shorten(key)}" already used in row ${rowNumber(first)}`,
        params: { value: shorten(key), first: rowNumber(first) },
      })
      if (badRows) badRows[i] = 1
    }
  }
}
