import type { ColumnarTable } from '../core/engine/columns'
import type { FieldMeta } from '../core/fields/types'
import { buildColumns } from '../core/io/buildColumns'
import { parseCsvText } from '../core/io/parseCsv'
import type { DatasetMeta, ImportIssue } from '../core/io/types'
import { saveDataset } from '../db/datasets'
import { newDbId } from '../db/ids'
import type { WorkContext } from './context'
import { prepareImportDerive } from './deriveHandlers'
import type { ImportTablePayload, ImportTableResult } from './protocol'
import { WorkerError } from './workerError'

const DAY_MS = 86_400_000

/** Lines up the user's field choices with the file's header columns (see ImportTablePayload.fields). */
export function alignFields(header: string[], fields: (FieldMeta | null)[]): (FieldMeta | null)[] {
  if (fields.length === header.length) return fields
  const byName = new Map(fields.flatMap((f) => (f ? [[f.name, f] as const] : [])))
  return header.map((h) => byName.get(h) ?? null)
}

function parseAndBuild(ctx: WorkContext, p: ImportTablePayload, fileName: string): { table: ColumnarTable; issues: ImportIssue[] } {
  ctx.progress({ phase: 'parse', done: 0, total: 1 })
  const parsed = parseCsvText(p.text, { fileName })
  if (parsed.header.length === 0) throw new WorkerError('invalid', `${fileName}: the file has no header row.`)
  const fields = alignFields(parsed.header, p.fields)
  if (!fields.some((f) => f !== null)) throw new WorkerError('invalid', `${fileName}: no column of the file matches the chosen fields.`)
  ctx.progress({ phase: 'build', done: 0, total: parsed.rows.length })
  const built = buildColumns(fields, parsed.rows, { fileName, idField: p.kind === 'customers' ? p.idField : undefined })
  const required = p.kind === 'customers' ? [p.idField] : [p.customerIdField!, p.dateField!, p.amountField!]
  for (const name of required) {
    if (!built.table.columns[name]) throw new WorkerError('invalid', `${fileName}: the field "${name}" is not among the imported columns.`)
  }
  return { table: built.table, issues: [...parsed.issues, ...built.issues] }
}

function newMeta(p: CommitSpec, table: ColumnarTable, source: string, asOf: number): DatasetMeta {
  return {
    id: newDbId(), name: p.name, kind: p.kind, idField: p.kind === 'customers' ? p.idField : p.idField || p.customerIdField!,
    rowCount: table.rowCount, fields: table.fields, asOf, version: 1, createdAt: Date.now(), status: 'staging', source,
    ...(p.kind === 'events' ? { parentId: p.parentId, customerIdField: p.customerIdField } : {}),
  }
}

/** What a commit needs besides the table: the request without the file's text and the field choices. */
export type CommitSpec = Omit<ImportTablePayload, 'text' | 'fields'> & { fileName: string }

/**
 * 'importTable': parses the file, builds typed columns with the user's field types and saves the
 * dataset atomically (progress per batch, cancellable). For an event table it also derives the order
 * fields onto its customer dataset — in the same final transaction, so both land or neither does.
 */
export async function handleImportTable(ctx: WorkContext, p: ImportTablePayload): Promise<ImportTableResult> {
  const fileName = p.fileName ?? p.name
  const { table, issues } = parseAndBuild(ctx, p, fileName)
  await ctx.checkpoint()
  return commitTable(ctx, { ...p, fileName }, table, issues)
}

/**
 * Saves a built table as a new dataset, atomically (staged, then switched to ready in one final
 * transaction; a cancel or a failure such as a full disk leaves the database as it was). An event
 * table also derives the order fields onto its customer dataset in that same final transaction.
 * The saved table is kept in memory for the next request.
 */
export async function commitTable(ctx: WorkContext, p: CommitSpec, table: ColumnarTable, issues: ImportIssue[]): Promise<ImportTableResult> {
  const { fileName } = p
  const save = { onProgress: ctx.progress, signal: ctx.signal, chunkSize: ctx.chunkSize }
  if (p.kind === 'customers') {
    const meta = newMeta(p, table, fileName, p.asOf ?? Math.floor(Date.now() / DAY_MS) * DAY_MS)
    const saved = await saveDataset(meta, table, save, ctx.db)
    // A million-row table takes seconds to read back: the worker keeps the one it has.
    ctx.datasets.put(saved, table)
    return { datasetId: saved.id, rowCount: saved.rowCount, issues }
  }
  ctx.progress({ phase: 'derive', done: 0, total: 1 })
  const parent = await ctx.datasets.get(p.parentId!)
  if (parent.meta.kind !== 'customers') throw new WorkerError('invalid', 'Event tables belong to a customer dataset.')
  const meta = newMeta(p, table, fileName, parent.meta.asOf)
  // The order fields become definitions over the new table; they and whatever reads the table are computed now.
  const derived = await prepareImportDerive(ctx, parent, {
    id: meta.id, table, customerIdField: p.customerIdField!, dateField: p.dateField!, amountField: p.amountField!, prefix: p.derivePrefix,
  })
  if (derived.unmatched > 0) {
    issues.push({
      file: fileName, field: p.customerIdField, code: 'unmatched_events', params: { count: derived.unmatched },
      reason: `${derived.unmatched} rows have a customer id that is empty or not in "${parent.meta.name}"; they are kept but not counted`,
    })
  }
  await ctx.checkpoint()
  const saved = await saveDataset(meta, table, { ...save, finalize: derived.finalize }, ctx.db)
  derived.committed()
  return { datasetId: saved.id, rowCount: saved.rowCount, issues }
}
