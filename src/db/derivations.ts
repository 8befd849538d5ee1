import type { DerivedFieldDefinition } from '../core/derive/definition'
import type { DerivedColumn } from '../core/derive/deriveFields'
import { legacyDefinitions } from '../core/derive/planDerive'
import type { FieldMeta } from '../core/fields/types'
import type { DatasetMeta } from '../core/io/types'
import { getDatabase, reportInvalid } from './database'
import type { SegmentFlowDb, StoredDataset } from './database'
import { checkColumn, chunkRecords, putDict, removeDatasetRecords, removeFieldRecords, requireReady, storedField, toMeta } from './datasetRecords'
import { DbError, toDbError } from './errors'
import { derivationSchema } from './derivationSchema'

// Derived-field definitions are stored on their customer dataset's document (`derivations`), so that
// every write of the dataset — and its deletion — covers them in the same transaction.

/** The stored definitions that pass their schema; the others are reported (and kept stored, untouched). */
function validDefinitions(db: SegmentFlowDb, doc: StoredDataset, raw: unknown[]): DerivedFieldDefinition[] {
  const out: DerivedFieldDefinition[] = []
  raw.forEach((d, i) => {
    const r = derivationSchema.safeParse(d)
    if (r.success) out.push(d as DerivedFieldDefinition)
    else reportInvalid(db, { table: 'datasets', key: `${doc.id}/derivations/${i}`, reason: r.error.issues[0]?.message ?? 'invalid' })
  })
  return out
}

/**
 * The derived-field definitions of a ready customer dataset. A document written before definitions
 * existed gets them from its derived order fields (legacyDefinitions: the "up" step of that format),
 * computed on read; they are stored on the dataset's next derive.
 */
export async function getDerivations(id: string, db: SegmentFlowDb = getDatabase()): Promise<DerivedFieldDefinition[]> {
  const doc = await requireReady(db, id)
  if (doc.kind !== 'customers') return []
  if (Array.isArray(doc.derivations)) return validDefinitions(db, doc, doc.derivations)
  const children = (await db.datasets.where('parentId').equals(id).toArray()).filter((c) => c.status === 'ready' && c.kind === 'events')
  return legacyDefinitions(doc.fields, children.map((c) => ({ id: c.id, fields: c.fields, customerIdField: c.customerIdField })))
}

/** One atomic change of a customer dataset's derived fields. */
export interface DerivedChange {
  /** The full new list of definitions. */
  definitions: DerivedFieldDefinition[]
  /** Fields to add or replace, with their columns. */
  columns: DerivedColumn[]
  /** Derived fields to drop. */
  remove: string[]
  /** A new as-of date (its event tables follow). */
  asOf?: number
  /** Event tables of this dataset to delete in the same transaction. */
  deleteEvents?: string[]
  /** Refuse (`conflict`) when the dataset is no longer at this version: the columns were computed from it. */
  expectVersion?: number
}

function nextFields(fields: FieldMeta[], added: FieldMeta[], remove: readonly string[]): FieldMeta[] {
  const byName = new Map(added.map((f) => [f.name, f]))
  const kept = fields.filter((f) => !remove.includes(f.name)).map((f) => byName.get(f.name) ?? f)
  const present = new Set(kept.map((f) => f.name))
  return [...kept, ...added.filter((f) => !present.has(f.name))]
}

async function writeColumns(db: SegmentFlowDb, doc: StoredDataset, change: DerivedChange): Promise<FieldMeta[]> {
  for (const { field, column } of change.columns) {
    const old = doc.fields.find((e) => e.name === field.name)
    if (old && !old.derived) throw new DbError('conflict', `Field "${field.name}" holds imported data; a derived field cannot replace it.`)
    checkColumn(field, column, doc.rowCount)
    await removeFieldRecords(db, doc.id, field.name)
    await db.chunks.bulkAdd(chunkRecords(doc.id, field.name, column, doc.chunkSize))
    await putDict(db, doc.id, field.name, column)
  }
  const remove = change.remove.filter((n) => doc.fields.some((f) => f.name === n && f.derived))
  for (const name of remove) await removeFieldRecords(db, doc.id, name)
  return nextFields(doc.fields, change.columns.map((c) => storedField({ ...c.field, derived: true }, c.column)), remove)
}

async function updateEvents(db: SegmentFlowDb, doc: StoredDataset, change: DerivedChange): Promise<void> {
  const children = await db.datasets.where('parentId').equals(doc.id).toArray()
  const doomed = change.deleteEvents ?? []
  const unknown = doomed.filter((id) => !children.some((c) => c.id === id))
  if (unknown.length > 0) throw new DbError('not_found', `Event table ${unknown[0]} does not belong to "${doc.name}".`)
  await removeDatasetRecords(db, doomed)
  if (change.asOf === undefined || change.asOf === doc.asOf) return
  // Event tables share their customers' reference date; a new version drops stale engines in the worker.
  for (const c of children) if (!doomed.includes(c.id)) await db.datasets.update(c.id, { asOf: change.asOf, version: c.version + 1 })
}

/**
 * Applies a derived-field change to customer dataset `id` in ONE transaction (or inside the caller's,
 * e.g. an import's final one): writes the columns, drops removed fields, stores the definitions, sets
 * the as-of date, deletes event tables, and bumps the version. A derived field never replaces an
 * imported one (`conflict`). Stored definitions that fail their schema are kept as they are. Returns
 * the new meta.
 */
export async function writeDerived(id: string, change: DerivedChange, db: SegmentFlowDb = getDatabase()): Promise<DatasetMeta> {
  try {
    return await db.transaction('rw', db.datasets, db.chunks, db.dicts, async () => {
      const doc = await requireReady(db, id)
      if (doc.kind !== 'customers') throw new DbError('invalid', `Dataset "${doc.name}" is not a customer table.`)
      if (change.expectVersion !== undefined && doc.version !== change.expectVersion) {
        throw new DbError('conflict', `Dataset "${doc.name}" changed while its fields were computed; try again.`)
      }
      const fields = await writeColumns(db, doc, change)
      await updateEvents(db, doc, change)
      const invalid = (doc.derivations ?? []).filter((d) => !derivationSchema.safeParse(d).success)
      const next: StoredDataset = {
        ...doc, fields, derivations: [...change.definitions, ...invalid], asOf: change.asOf ?? doc.asOf, version: doc.version + 1,
      }
      await db.datasets.put(next)
      return toMeta(next)
    })
  } catch (e) {
    throw toDbError(e)
  }
}
