import type { ColumnarTable } from '../core/engine/columns'
import { dropRows } from '../core/io/buildColumnsTables'
import { prepareFile, previewFile } from '../core/io/importFile'
import type { PrepareProgress } from '../core/io/importFile'
import type { ImportReport } from '../core/io/importReport'
import type { ByteSource } from '../core/io/tableReader'
import { UnreadableFile } from '../core/io/tableReader'
import type { SegmentFlowDb } from '../db/database'
import { newDbId } from '../db/ids'
import type { WorkContext } from './context'
import { commitTable } from './importTable'
import type { CommitSpec } from './importTable'
import type {
  ImportCommitPayload, ImportDiscardPayload, ImportPreparePayload, ImportPrepareResult, ImportPreviewPayload, ImportPreviewResult,
} from './importProtocol'
import type { ImportTableResult } from './protocol'
import { WorkerError } from './workerError'

/** Pieces of at most this size are parsed at a time (Blob streams deliver ~64 KB; fewer, larger pieces parse faster). */
const PIECE_BYTES = 1 << 20
/** Progress messages at most this often: a 1 GB file has thousands of pieces. */
const PROGRESS_EVERY_MS = 100

async function* blobChunks(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader()
  let parts: Uint8Array[] = []
  let size = 0
  const joined = (): Uint8Array => {
    const out = parts.length === 1 ? parts[0] : new Uint8Array(size)
    if (parts.length > 1) parts.reduce((at, p) => (out.set(p, at), at + p.length), 0)
    parts = []
    size = 0
    return out
  }
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      parts.push(r.value)
      size += r.value.length
      if (size >= PIECE_BYTES) yield joined()
    }
    if (size > 0) yield joined()
  } finally {
    // A preview stops early: let the browser stop reading the file.
    await reader.cancel().catch(() => undefined)
  }
}

/** A File (or Blob) in the worker as a source the core reader streams. */
export function blobSource(name: string, file: Blob): ByteSource {
  return { name, size: file.size, chunks: () => blobChunks(file) }
}

/** A file read and checked, waiting for the user's decision. */
interface Prepared {
  spec: CommitSpec
  table: ColumnarTable
  badRows: Uint8Array
  report: ImportReport
}

// Prepared imports per database (one dispatcher each). At most one is held: a prepared million-row
// table takes hundreds of megabytes, and the wizard works on one file at a time.
const preparedByDb = new WeakMap<SegmentFlowDb, Map<string, Prepared>>()

function preparedOf(db: SegmentFlowDb): Map<string, Prepared> {
  let map = preparedByDb.get(db)
  if (!map) preparedByDb.set(db, (map = new Map()))
  return map
}

/** Turns a file the reader cannot read into an 'invalid' answer naming the file. */
async function readable<T>(fileName: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof UnreadableFile) throw new WorkerError('invalid', `${fileName}: ${e.message}`)
    throw e
  }
}

/** 'importPreview': the head of the file, its format and encoding, and the types proposed for its columns. */
export function handleImportPreview(_ctx: WorkContext, p: ImportPreviewPayload): Promise<ImportPreviewResult> {
  return readable(p.fileName, () => previewFile(blobSource(p.fileName, p.file), p.options ?? {}))
}

function throttled(ctx: WorkContext): (p: PrepareProgress) => void {
  let last = 0
  return ({ bytes, total, rows }) => {
    const now = Date.now()
    if (now - last < PROGRESS_EVERY_MS && bytes < total) return
    last = now
    ctx.progress({ phase: 'read', done: bytes, total, rows })
  }
}

function commitSpec(p: ImportPreparePayload): CommitSpec {
  const { file: _f, header: _h, fields: _fl, options: _o, listSeparators: _l, ...spec } = p
  return spec
}

/**
 * 'importPrepare': streams the whole file into typed columns held in the worker (nothing is stored),
 * with progress and cancel, and answers the report the user decides on. A new prepare drops the
 * previous one.
 */
export async function handleImportPrepare(ctx: WorkContext, p: ImportPreparePayload): Promise<ImportPrepareResult> {
  const held = preparedOf(ctx.db)
  held.clear()
  const required = p.kind === 'customers' ? [p.idField] : [p.customerIdField!, p.dateField!, p.amountField!]
  for (const name of required) {
    if (!p.fields.some((f) => f?.name === name)) throw new WorkerError('invalid', `${p.fileName}: the field "${name}" is not among the imported columns.`)
  }
  const prepared = await readable(p.fileName, () => prepareFile(blobSource(p.fileName, p.file), {
    ...(p.options ?? {}), kind: p.kind, header: p.header, fields: p.fields, idField: p.idField, listSeparators: p.listSeparators,
  }, { progress: throttled(ctx), checkpoint: ctx.checkpoint }))
  const prepareId = newDbId()
  held.set(prepareId, { spec: commitSpec(p), ...prepared })
  return { prepareId, report: prepared.report }
}

/**
 * 'importCommit': stores the prepared table, without its bad rows or with them, atomically (see
 * commitTable). When saving fails or is cancelled the database is as before and the prepared table
 * stays, so the user can try again (after freeing space, say) without reading the file again.
 */
export async function handleImportCommit(ctx: WorkContext, p: ImportCommitPayload): Promise<ImportTableResult> {
  const held = preparedOf(ctx.db)
  const prepared = held.get(p.prepareId)
  if (!prepared) throw new WorkerError('not_found', 'The checked file is no longer held (it was cancelled or replaced): check the file again.')
  if (p.badRows === 'skip' && prepared.report.badRowCount > 0) {
    prepared.table = dropRows(prepared.table, prepared.badRows)
    // The bad rows are gone: a retry commits the filtered table whatever it asks.
    prepared.badRows = new Uint8Array(prepared.table.rowCount)
    prepared.report = { ...prepared.report, badRowCount: 0 }
  }
  const result = await commitTable(ctx, prepared.spec, prepared.table, [...prepared.report.issues])
  held.delete(p.prepareId)
  return result
}

/** 'importDiscard': forgets a prepared file (the user cancelled at the report). */
export async function handleImportDiscard(ctx: WorkContext, p: ImportDiscardPayload): Promise<{ discarded: boolean }> {
  return { discarded: preparedOf(ctx.db).delete(p.prepareId) }
}
