import { z } from 'zod'
import { getDatabase, reportInvalid, SCHEMA_VERSION } from './database'
import type { SegmentFlowDb, StoredSnapshot, StoredSnapshotMembers } from './database'
import { DbError, toDbError } from './errors'

export type SnapshotSummary = Omit<StoredSnapshot, 'schemaVersion'>
export type SnapshotMembersDoc = Omit<StoredSnapshotMembers, 'schemaVersion'>

// Every function takes the database last, defaulting to the app's; tests pass their own.

const summarySchema = z.object({
  id: z.string(), ruleSetId: z.string(), datasetId: z.string(), asOf: z.number(), datasetVersion: z.number(), takenAt: z.number(),
  total: z.number(), matched: z.number(), measure: z.string().nullable(),
  segments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), revenue: z.number() })),
})

/** The key of a snapshot: one per rule set, dataset and as-of date. */
export function snapshotKey(ruleSetId: string, datasetId: string, asOf: number): string {
  return `${ruleSetId}|${datasetId}|${asOf}`
}

/** Stores a snapshot (summary and membership in one transaction), replacing one with the same key. */
export async function putSnapshot(summary: SnapshotSummary, members: Omit<SnapshotMembersDoc, 'id'>, db: SegmentFlowDb = getDatabase()): Promise<void> {
  try {
    await db.transaction('rw', db.snapshots, db.snapshotMembers, async () => {
      await db.snapshots.put({ ...summary, schemaVersion: SCHEMA_VERSION })
      await db.snapshotMembers.put({ ...members, id: summary.id, schemaVersion: SCHEMA_VERSION })
    })
  } catch (e) {
    throw toDbError(e)
  }
}

/** The summaries of a rule set's snapshots on a dataset, oldest as-of date first; invalid ones are reported and skipped. */
export async function listSnapshots(ruleSetId: string, datasetId: string, db: SegmentFlowDb = getDatabase()): Promise<SnapshotSummary[]> {
  const docs = await db.snapshots.where('[ruleSetId+datasetId]').equals([ruleSetId, datasetId]).toArray()
  const out: SnapshotSummary[] = []
  for (const doc of docs) {
    const r = summarySchema.safeParse(doc)
    if (r.success) out.push(r.data)
    else reportInvalid(db, { table: 'snapshots', key: String(doc.id), reason: r.error.issues[0]?.message ?? 'invalid' })
  }
  return out.sort((a, b) => a.asOf - b.asOf)
}

/** A snapshot's summary and membership; a 'not_found' DbError when either is missing. */
export async function getSnapshot(id: string, db: SegmentFlowDb = getDatabase()): Promise<{ summary: SnapshotSummary; members: SnapshotMembersDoc }> {
  const [s, m] = await Promise.all([db.snapshots.get(id), db.snapshotMembers.get(id)])
  if (!s || !m) throw new DbError('not_found', `Snapshot "${id}" not found`)
  const { schemaVersion: _a, ...summary } = s
  const { schemaVersion: _b, ...members } = m
  return { summary, members }
}

/** Deletes a snapshot (both parts). */
export async function deleteSnapshot(id: string, db: SegmentFlowDb = getDatabase()): Promise<void> {
  await db.transaction('rw', db.snapshots, db.snapshotMembers, async () => {
    await db.snapshots.delete(id)
    await db.snapshotMembers.delete(id)
  })
}
