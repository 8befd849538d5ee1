import { Bitset } from '../../../src/core/engine/bitset'
import { BOOL_MISSING, parseIsoDate, rowAt, type Column, type ColumnarTable, type Row } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'

/** A cell as tests write it: what the row form shows (ISO strings for dates, arrays for lists). */
export type Cell = number | string | boolean | string[] | null

/** Builds a columnar table from row-form cells (missing = null), the way an importer would. */
export function makeTable(fields: FieldMeta[], rows: Array<Record<string, Cell>>): ColumnarTable {
  const columns: Record<string, Column> = {}
  for (const f of fields) columns[f.name] = makeColumn(f, rows.map((r) => r[f.name] ?? null))
  return { rowCount: rows.length, fields, columns }
}

function codeOf(dict: string[], index: Map<string, number>, s: string): number {
  let c = index.get(s)
  if (c === undefined) {
    c = dict.length
    dict.push(s)
    index.set(s, c)
  }
  return c
}

function makeColumn(f: FieldMeta, cells: Cell[]): Column {
  const dict: string[] = []
  const index = new Map<string, number>()
  switch (f.type) {
    case 'number': return { type: 'number', values: Float64Array.from(cells, (v) => (v === null ? NaN : (v as number))) }
    case 'date': return {
      type: 'date', dateFormat: f.dateFormat ?? 'date',
      values: Float64Array.from(cells, (v) => (v === null ? NaN : parseIsoDate(v as string))),
    }
    case 'boolean': return { type: 'boolean', values: Uint8Array.from(cells, (v) => (v === null ? BOOL_MISSING : v ? 1 : 0)) }
    case 'text':
    case 'category': return {
      type: f.type, dict, codes: Int32Array.from(cells, (v) => (v === null ? -1 : codeOf(dict, index, v as string))),
    }
    case 'list': {
      const offsets = new Int32Array(cells.length + 1)
      const codes: number[] = []
      cells.forEach((v, i) => {
        for (const s of (v as string[] | null) ?? []) codes.push(codeOf(dict, index, s))
        offsets[i + 1] = codes.length
      })
      const missing = Uint8Array.from(cells, (v) => (v === null ? 1 : 0))
      return { type: 'list', offsets, codes: Int32Array.from(codes), dict, missing }
    }
  }
}

/** Every row of a table in row form, materialised once for reference loops. */
export function allRows(table: ColumnarTable): Row[] {
  return Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
}

/**
 * The members as the reference defines them: rows where json-logic-js returns a truthy value.
 * A row on which it throws is not a member.
 */
export function referenceMembers(rows: Row[], logic: JsonLogic, asOf: number): number[] {
  setEvaluationAsOf(asOf)
  const out: number[] = []
  rows.forEach((row, i) => {
    let value: unknown
    try {
      value = applyLogic(logic, row)
    } catch {
      return
    }
    if (isTruthy(value)) out.push(i)
  })
  return out
}

/** Row indexes of a bitset, ascending. */
export function membersOf(bits: Bitset): number[] {
  const out: number[] = []
  bits.forEach((i) => {
    out.push(i)
  })
  return out
}

export { Bitset }
