import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { RowValue } from '../../src/core/engine/columns'
import type { DatasetMeta } from '../../src/core/io/types'
import type { SegmentFlowDb, StoredDataset } from '../../src/db/database'
import { saveDataset } from '../../src/db/datasets'
import { tableFromRows } from './fixtures'

interface LegacyFixture {
  datasets: StoredDataset[]
  rows: Record<string, Record<string, RowValue>[]>
}

/** test/fixtures/db/datasets-v1.json: documents as the build before derived-field definitions stored them. */
export const LEGACY = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/db/datasets-v1.json'), 'utf8')) as LegacyFixture

/**
 * Stores the saved v1 fixture: columns through saveDataset, then every dataset document replaced by the
 * fixture's own JSON, so the documents are byte for byte what the older build wrote.
 */
export async function storeLegacyFixture(db: SegmentFlowDb): Promise<void> {
  for (const doc of LEGACY.datasets) {
    const table = tableFromRows(doc.fields, LEGACY.rows[doc.id])
    const { schemaVersion: _v, chunkSize, ...meta } = doc
    await saveDataset(meta as DatasetMeta, table, { chunkSize }, db)
  }
  await db.datasets.bulkPut(structuredClone(LEGACY.datasets))
}
