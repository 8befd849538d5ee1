import {
  assignmentSource, ExportCellError, exportColumns, flowRoutes, memberSource, selectedRows, writeExportFile, type ExportSource,
} from '../core/io/exportTable'
import { XlsxRowLimitError } from '../core/io/writeXlsx'
import type { WorkContext } from './context'
import type { LoadedDataset } from './datasetCache'
import type { ExportSpec, ExportTablePayload, ExportTableResult } from './exportProtocol'
import { checkLogic, evaluate, loaded } from './handlers'
import { WorkerError } from './workerError'

function membersSource(d: LoadedDataset, spec: Extract<ExportSpec, { kind: 'members' }>): ExportSource {
  let columns: string[]
  try {
    columns = exportColumns(d.table, d.meta.idField, spec.fields)
  } catch (e) {
    throw new WorkerError('bad_request', (e as Error).message)
  }
  return memberSource(d.table, selectedRows(evaluate(d, spec.logic)), columns)
}

function assignments(d: LoadedDataset, spec: Extract<ExportSpec, { kind: 'assignments' }>): { source: ExportSource; perAction: Record<string, number> } {
  const { graph, segmentLogic, labels } = spec
  // Every rule is checked before anything is evaluated (as flowCounts does through evaluate).
  for (const [id, logic] of Object.entries(segmentLogic)) checkLogic(logic, `segment "${id}": `)
  const routes = flowRoutes(graph, (logic) => evaluate(d, logic), d.table.rowCount, segmentLogic, labels.else)
  return assignmentSource(d.table, d.meta.idField, graph, routes, labels)
}

/**
 * 'exportTable': builds a CSV (UTF-8 with BOM, or GBK) or .xlsx file of a segment's members or of a
 * flow's assignments in the worker, reporting progress per batch and stopping on cancel. A cell GBK
 * cannot encode, or more rows than a sheet holds, is an 'invalid' error naming the row and field.
 */
export async function handleExportTable(ctx: WorkContext, p: ExportTablePayload): Promise<ExportTableResult> {
  const d = await loaded(ctx, p.datasetId)
  ctx.progress({ phase: 'export', done: 0, total: 1 })
  const built = p.spec.kind === 'members' ? { source: membersSource(d, p.spec), perAction: undefined } : assignments(d, p.spec)
  await ctx.checkpoint()
  const step = async (done: number, total: number): Promise<void> => {
    ctx.progress({ phase: 'export', done, total })
    await ctx.checkpoint()
  }
  let bytes: Uint8Array
  try {
    bytes = await writeExportFile(p.format, built.source, step, p.sheetName)
  } catch (e) {
    if (e instanceof ExportCellError || e instanceof XlsxRowLimitError) throw new WorkerError('invalid', e.message)
    throw e
  }
  // A view over a larger buffer would transfer the whole buffer: hand over an exact copy then.
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
  const result: ExportTableResult = { bytes: exact.buffer as ArrayBuffer, rows: built.source.rowCount }
  if (built.perAction) result.perAction = built.perAction
  return result
}
