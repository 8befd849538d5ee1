// SegmentFlow's own path, as the app takes it (src/stores/import.ts): the evaluation worker's
// importPreview → importPrepare → importCommit requests on a File, then 'open' on a fresh worker.
import type { FieldMeta } from '../../src/core/fields/types'
import { createEngineClient } from '../../src/worker/client'
import type { EngineClient } from '../../src/worker/client'
import { expectSameRows } from './check'
import type { SampleRow } from './csv'

/** A client on a new worker: nothing of an earlier phase (its cached tables) is left in memory. */
export function newClient(): EngineClient {
  return createEngineClient(new Worker(new URL('../../src/worker/engine.worker.ts', import.meta.url), { type: 'module' }))
}

export interface AppImport {
  datasetId: string
  previewMs: number
  prepareMs: number
  commitMs: number
  /** Field types the preview proposed that differ from the generator's (the bench sets the generator's, as a user would). */
  retyped: string[]
}

/** The generator's type where the preview proposed another one; the list of such fields. */
function reviewTypes(proposed: FieldMeta[], expected: readonly FieldMeta[]): { fields: FieldMeta[]; retyped: string[] } {
  const byName = new Map(expected.map((f) => [f.name, f]))
  const retyped: string[] = []
  const fields = proposed.map((f) => {
    const want = byName.get(f.name)
    if (!want) throw new Error(`the preview found a column "${f.name}" the generator did not write`)
    if (want.type !== f.type) retyped.push(`${f.name}: ${f.type} → ${want.type}`)
    return { ...want }
  })
  return { fields, retyped }
}

/** Imports the file into IndexedDB through the worker, exactly as the import wizard does (bad rows kept). */
export async function appImport(client: EngineClient, file: File, expected: readonly FieldMeta[], idField: string): Promise<AppImport> {
  let t = performance.now()
  const preview = await client.importPreview({ file, fileName: file.name, options: {} })
  const previewMs = performance.now() - t
  const { fields, retyped } = reviewTypes(preview.fields, expected)
  t = performance.now()
  const prepared = await client.importPrepare({
    file, fileName: file.name, options: { format: preview.info.format }, name: 'bench customers', kind: 'customers',
    header: preview.header, fields, idField, listSeparators: {},
  })
  const prepareMs = performance.now() - t
  const { report } = prepared
  if (report.badRowCount !== 0 || report.issues.length !== 0) {
    throw new Error(`the generated file has ${report.badRowCount} bad rows; first issue: ${JSON.stringify(report.issues[0])}`)
  }
  t = performance.now()
  const saved = await client.importCommit({ prepareId: prepared.prepareId, badRows: 'keep' })
  const commitMs = performance.now() - t
  if (saved.rowCount !== report.rowCount) throw new Error(`commit stored ${saved.rowCount} rows of ${report.rowCount}`)
  return { datasetId: saved.datasetId, previewMs, prepareMs, commitMs, retyped }
}

/** 'open' of the stored dataset on `client` (a fresh worker: it reads every column chunk from IndexedDB). */
export async function appOpen(client: EngineClient, datasetId: string): Promise<{ ms: number; rowCount: number }> {
  const t = performance.now()
  const meta = await client.open(datasetId)
  return { ms: performance.now() - t, rowCount: meta.rowCount }
}

/** Every sample row, read from the opened dataset, equals the row the generator wrote. */
export async function checkAppRows(client: EngineClient, datasetId: string, samples: Map<number, SampleRow>): Promise<void> {
  for (const [i, want] of samples) {
    const { rows } = await client.rows(datasetId, i, 1)
    expectSameRows(`app row ${i}`, rows[0], want.row)
  }
}
