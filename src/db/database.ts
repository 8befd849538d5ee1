import Dexie from 'dexie'
import type { EntityTable, Table } from 'dexie'
import type { DatasetMeta } from '../core/io/types'
import type { Segment } from '../core/logic/types'
import type { Flow } from '../core/flows/types'
import type { ColumnChunk } from '../core/io/buildColumnsChunks'
import type { SnapshotMembers, SnapshotSegment } from '../core/analysis/snapshot'

/** Default name of the app's IndexedDB database. */
export const DB_NAME = 'segmentflow'

/** Format version of every stored document (not Dexie's index version). */
export const SCHEMA_VERSION = 1

/** Rows per stored column chunk (core/io's codec): few records, yet bounded transactions. */
export { DEFAULT_CHUNK_SIZE } from '../core/io/buildColumnsChunks'

/** A rule set: the unit of export and sharing (segments + flows). */
export interface RuleSet {
  id: string
  name: string
  createdAt: number
  /** Where it came from, e.g. the name of an imported file. */
  source?: string
}

interface Versioned { schemaVersion: typeof SCHEMA_VERSION }

/**
 * Dataset meta as stored: `chunkSize` says how the columns were cut. A customer dataset also keeps
 * its derived-field definitions (db/derivations.ts); absent on documents written before they existed,
 * and each one validated on read (db/derivationSchema.ts), so the list is `unknown` here.
 */
export interface StoredDataset extends DatasetMeta, Versioned { chunkSize: number; derivations?: unknown[] }

/** One chunk of one column: rows `[chunk * chunkSize, (chunk + 1) * chunkSize)`, typed arrays as they are. */
export interface StoredChunk extends Versioned {
  datasetId: string
  field: string
  chunk: number
  data: ColumnChunk
}

/** The dictionary of a text/category/list column, shared by all its chunks. */
export interface StoredDict extends Versioned {
  datasetId: string
  field: string
  dict: string[]
}

export interface StoredRuleSet extends RuleSet, Versioned {}
export interface StoredSegment extends Segment, Versioned {}
export interface StoredFlow extends Flow, Versioned {}
export interface StoredSetting extends Versioned { key: string; value: unknown }

/** A snapshot's summary (db/snapshots.ts); its membership is in `snapshotMembers` under the same id. */
export interface StoredSnapshot extends Versioned {
  /** `ruleSetId|datasetId|asOf`: taking a snapshot again for the same key replaces it. */
  id: string
  ruleSetId: string
  datasetId: string
  asOf: number
  datasetVersion: number
  takenAt: number
  /** Customers in the dataset, and those with an id (matched between snapshots). */
  total: number
  matched: number
  measure: string | null
  segments: SnapshotSegment[]
}

/** The compact membership of a snapshot (core/analysis/snapshot.ts), under its summary's id. */
export interface StoredSnapshotMembers extends SnapshotMembers, Versioned { id: string }

/** A stored document that failed validation: left in place untouched, skipped when loading. */
export interface InvalidDocument {
  table: string
  key: string
  reason: string
}

/** The app's Dexie database. Only `src/db/` touches it. */
export class SegmentFlowDb extends Dexie {
  datasets!: EntityTable<StoredDataset, 'id'>
  chunks!: Table<StoredChunk, [string, string, number]>
  dicts!: Table<StoredDict, [string, string]>
  ruleSets!: EntityTable<StoredRuleSet, 'id'>
  segments!: EntityTable<StoredSegment, 'id'>
  flows!: EntityTable<StoredFlow, 'id'>
  settings!: EntityTable<StoredSetting, 'key'>
  snapshots!: EntityTable<StoredSnapshot, 'id'>
  snapshotMembers!: EntityTable<StoredSnapshotMembers, 'id'>

  /**
   * Documents skipped on load because they failed validation, by `table:key`.
   * Kept per instance (not persisted) so the UI can tell the user that something could not be read.
   */
  readonly invalidDocuments = new Map<string, InvalidDocument>()

  constructor(name: string) {
    super(name)
    // DO NOT CHANGE WITHOUT A MIGRATION: add version(2) with an upgrade() step and a migration test
    // from a saved fixture instead of editing these stores or the document shapes above.
    this.version(1).stores({
      datasets: 'id, kind, parentId, status',
      chunks: '[datasetId+field+chunk], datasetId',
      dicts: '[datasetId+field], datasetId',
      ruleSets: 'id',
      segments: 'id, ruleSetId',
      flows: 'id, ruleSetId',
      settings: 'key',
    })
    // Version 2 only adds the snapshot tables (issue 7 item 9): existing documents keep their shape,
    // so there is nothing to upgrade (test/db/snapshots.test.ts opens a version-1 fixture).
    this.version(2).stores({
      snapshots: 'id, [ruleSetId+datasetId]',
      snapshotMembers: 'id',
    })
  }
}

/** Opens (creating on first use) a database with the given name; tests use unique names. */
export function openDatabase(name: string = DB_NAME): SegmentFlowDb {
  return new SegmentFlowDb(name)
}

let defaultDb: SegmentFlowDb | null = null

/** The app's database, created lazily so that importing this module touches no IndexedDB. */
export function getDatabase(): SegmentFlowDb {
  defaultDb ??= openDatabase(DB_NAME)
  return defaultDb
}

/** Replaces the default database (store and component tests point it at a fresh one). */
export function setDefaultDatabase(db: SegmentFlowDb | null): void {
  defaultDb = db
}

/** Records a document that failed validation (see `SegmentFlowDb.invalidDocuments`). */
export function reportInvalid(db: SegmentFlowDb, doc: InvalidDocument): void {
  db.invalidDocuments.set(`${doc.table}:${doc.key}`, doc)
}

/** Documents skipped on load because they failed validation. */
export function getInvalidDocuments(db: SegmentFlowDb = getDatabase()): InvalidDocument[] {
  return [...db.invalidDocuments.values()]
}
