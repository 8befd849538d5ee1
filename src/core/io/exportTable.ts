import Papa from 'papaparse'
import { Bitset } from '../engine/bitset'
import { cellValue, type ColumnarTable } from '../engine/columns'
import { audienceLogic, nodeRouting } from '../flows/compileFlow'
import type { EvaluateLogic } from '../flows/computeFlowCounts'
import { expandFlowSegmentRefs } from '../flows/flowSegmentRefs'
import { analyzeFlow, routingOrder, type FlowStructure } from '../flows/graph'
import type { FlowGraph, FlowNode } from '../flows/types'
import { ELSE_HANDLE } from '../flows/types'
import type { JsonLogic } from '../logic/types'
import { charAt, encodeGbk, firstNonGbk } from './encodeGbk'
import { csvCell, FORMULA_START, type CsvCell } from './toCsv'
import { concat, XlsxWriter } from './writeXlsx'

/** File formats of an export: CSV as UTF-8 with a BOM (what Excel needs for Chinese), CSV as GBK, or a workbook. */
export type ExportFormat = 'csv' | 'csv-gbk' | 'xlsx'

/** A table to write, row by row: `row(k)` is the k-th data row (0-based), cells in header order. */
export interface ExportSource {
  header: string[]
  rowCount: number
  row(k: number): CsvCell[]
}

/** A cell the chosen encoding cannot hold: names the data row (1-based, header not counted) and the field. */
export class ExportCellError extends Error {
  constructor(readonly row: number, readonly field: string, readonly char: string) {
    const cp = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
    super(`Row ${row}, field "${field}": "${char}" (U+${cp}) has no GBK code; export as UTF-8 CSV or .xlsx instead`)
    this.name = 'ExportCellError'
  }
}

/** Rows per batch between progress reports. */
export const EXPORT_BATCH = 20_000

const CSV_CONFIG = { newline: '\r\n', escapeFormulae: FORMULA_START } as const

/** CSV lines of `rows` as toCsv writes them (quoting, formula neutralising), without header or BOM. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(rows.map((r) => [...r]), CSV_CONFIG)
}

/** Refuses the first text cell of a batch that GBK cannot encode; `firstRow` is the batch's first data row (1-based). */
function checkGbk(header: readonly string[], rows: readonly (readonly CsvCell[])[], firstRow: number): void {
  rows.forEach((row, k) => row.forEach((cell, c) => {
    if (typeof cell !== 'string') return
    const at = firstNonGbk(cell)
    if (at >= 0) throw new ExportCellError(firstRow + k, header[c] ?? String(c + 1), charAt(cell, at))
  }))
}

interface BatchWriter { add(rows: CsvCell[][], firstRow: number): void; finish(): Uint8Array }

function csvWriter(header: string[], gbk: boolean): BatchWriter {
  const enc = new TextEncoder()
  const bytes = (text: string): Uint8Array => (gbk ? encodeGbk(text) : enc.encode(text))
  if (gbk) checkGbk(['header'], [header], 0)
  const parts: Uint8Array[] = [bytes((gbk ? '' : '\uFEFF') + csvLines([header]))]
  return {
    add(rows, firstRow) {
      if (rows.length === 0) return
      if (gbk) checkGbk(header, rows, firstRow)
      parts.push(bytes('\r\n' + csvLines(rows)))
    },
    finish: () => concat(parts),
  }
}

function writerFor(format: ExportFormat, header: string[], sheetName: string): BatchWriter {
  if (format !== 'xlsx') return csvWriter(header, format === 'csv-gbk')
  const w = new XlsxWriter(header, sheetName)
  return { add: (rows) => w.addRows(rows), finish: () => w.finish() }
}

/**
 * Writes a table in batches of EXPORT_BATCH rows, calling `step(done, total)` after each (a worker
 * reports progress and checks for a cancel there). CSV ends without a trailing newline, as toCsv.
 */
export async function writeExportFile(
  format: ExportFormat, source: ExportSource, step: (done: number, total: number) => Promise<void> = async () => {}, sheetName = 'Sheet1',
): Promise<Uint8Array> {
  const w = writerFor(format, source.header, sheetName)
  for (let start = 0; start < source.rowCount; start += EXPORT_BATCH) {
    const end = Math.min(source.rowCount, start + EXPORT_BATCH)
    const rows: CsvCell[][] = []
    for (let k = start; k < end; k++) rows.push(source.row(k))
    w.add(rows, start + 1)
    await step(end, source.rowCount)
  }
  return w.finish()
}

/** The selected rows' indices, in row order. */
export function selectedRows(bits: Bitset): Int32Array {
  const out = new Int32Array(bits.count())
  let k = 0
  bits.forEach((i) => {
    out[k++] = i
  })
  return out
}

/**
 * The export's columns: the id field first, then the chosen fields in the table's order (duplicates
 * and the id dropped). An unknown field throws: a file silently missing a column would mislead.
 */
export function exportColumns(table: ColumnarTable, idField: string, fields: readonly string[]): string[] {
  for (const f of [idField, ...fields]) if (!Object.hasOwn(table.columns, f)) throw new Error(`Unknown field "${f}"`)
  const chosen = new Set(fields)
  return [idField, ...table.fields.map((f) => f.name).filter((n) => n !== idField && chosen.has(n))]
}

/** Members of a segment with the given columns: missing values are empty cells, tag lists joined with `|` (as the import reads them). */
export function memberSource(table: ColumnarTable, rows: Int32Array, columns: string[]): ExportSource {
  const cols = columns.map((c) => table.columns[c])
  return { header: columns, rowCount: rows.length, row: (k) => cols.map((col) => csvCell(cellValue(col, rows[k]))) }
}

/** One way through a flow to an action: the action, the branch labels on the way, and who goes that way. */
export interface FlowRoute {
  actionId: string
  path: string[]
  set: Bitset
}

/**
 * Every route from the flow's entry to an action with the customers taking it, computed exactly as
 * computeFlowCounts counts (same routing structure from graph.ts, same node routing from compileFlow:
 * a customer takes the first matching branch, else "everyone else"; a filter drops non-matching
 * customers), but keeping apart customers who reach a node by different paths. Routes are disjoint; the union of an action's routes is its node count.
 */
export function flowRoutes(
  graph: FlowGraph, evaluate: EvaluateLogic, rowCount: number, segmentLogic: Record<string, JsonLogic>, elseLabel: string,
): FlowRoute[] {
  const s = analyzeFlow(expandFlowSegmentRefs(graph, segmentLogic))
  if (!s.entry) return []
  const evalSet = (logic: JsonLogic): Bitset =>
    logic === true ? Bitset.full(rowCount) : logic === false ? new Bitset(rowCount) : evaluate(logic)
  const arriving = new Map<string, { path: string[]; set: Bitset }[]>([[s.entry.id, [{ path: [], set: evalSet(audienceLogic(s.entry.data, segmentLogic)).clone() }]]])
  const routes: FlowRoute[] = []
  for (const id of routingOrder(s)) {
    const node = s.nodeById.get(id) as FlowNode
    for (const piece of arriving.get(id) ?? []) {
      if (node.type === 'action') routes.push({ actionId: id, ...piece })
      for (const [handle, label, set] of handlePieces(node, piece.set, evalSet, elseLabel)) {
        forward(s, id, handle, { path: label === null ? piece.path : [...piece.path, label], set }, arriving)
      }
    }
  }
  return routes.filter((r) => r.set.count() > 0)
}

function forward(s: FlowStructure, id: string, handle: string, piece: { path: string[]; set: Bitset }, arriving: Map<string, { path: string[]; set: Bitset }[]>): void {
  const edge = s.out.get(id)?.get(handle)
  if (!edge) return
  arriving.set(edge.target, [...(arriving.get(edge.target) ?? []), piece])
}

/** The label a handle adds to the path: a split's or random split's branch label, the else label, nothing for entry and filter. */
function handleLabel(node: FlowNode, handle: string, elseLabel: string): string | null {
  if (node.type !== 'split' && node.type !== 'random') return null
  if (handle === ELSE_HANDLE) return elseLabel
  return node.data.branches.find((b) => b.id === handle)?.label ?? null
}

/**
 * Handle, path label (null: none) and set of each source handle of a node, given the set arriving:
 * the same choices in the same order as computeFlowCounts (nodeRouting), so the sets are the edges' sets.
 */
function handlePieces(node: FlowNode, set: Bitset, evalSet: EvaluateLogic, elseLabel: string): [string, string | null, Bitset][] {
  const routing = nodeRouting(node)
  const out: [string, string | null, Bitset][] = []
  const remaining = set.clone()
  for (const choice of routing.choices) {
    const rule = evalSet(choice.logic)
    out.push([choice.handle, handleLabel(node, choice.handle, elseLabel), remaining.clone().and(rule)])
    remaining.andNot(rule)
  }
  if (routing.otherwise !== null) out.push([routing.otherwise, handleLabel(node, routing.otherwise, elseLabel), remaining])
  return out
}

/** Column headers of an assignments file (the id column is the dataset's id field). */
export interface AssignmentLabels { action: string; path: string }

/** Separator of branch labels in the path column: ASCII, because '›' (U+203A) has no GBK code. */
export const PATH_SEPARATOR = ' > '

/** Customers who reach an action, in row order: id, action name, branch path. Also the customers per action. */
export function assignmentSource(
  table: ColumnarTable, idField: string, graph: FlowGraph, routes: FlowRoute[], labels: AssignmentLabels,
): { source: ExportSource; perAction: Record<string, number> } {
  const routeOf = new Int32Array(table.rowCount).fill(-1)
  const perAction: Record<string, number> = {}
  routes.forEach((r, k) => {
    r.set.forEach((i) => {
      routeOf[i] = k
    })
    perAction[r.actionId] = (perAction[r.actionId] ?? 0) + r.set.count()
  })
  const rows = selectedRows(rowsWith(routeOf))
  const names = new Map(graph.nodes.map((n) => [n.id, n.type === 'action' ? n.data.name : n.id]))
  const paths = routes.map((r) => r.path.join(PATH_SEPARATOR))
  const ids = table.columns[idField]
  const source: ExportSource = {
    header: [idField, labels.action, labels.path],
    rowCount: rows.length,
    row: (k) => [csvCell(cellValue(ids, rows[k])), names.get(routes[routeOf[rows[k]]].actionId) ?? '', paths[routeOf[rows[k]]]],
  }
  return { source, perAction }
}

function rowsWith(routeOf: Int32Array): Bitset {
  const bits = new Bitset(routeOf.length)
  for (let i = 0; i < routeOf.length; i++) if (routeOf[i] >= 0) bits.set(i)
  return bits
}
