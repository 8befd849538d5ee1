import { getDatabase, SCHEMA_VERSION } from './database'
import type { SegmentFlowDb } from './database'
import { toDbError } from './errors'

/** A stored setting (e.g. the UI language), or `fallback` when unset. */
export async function getSetting<T>(key: string, fallback: T, db: SegmentFlowDb = getDatabase()): Promise<T> {
  const doc = await db.settings.get(key)
  return doc === undefined ? fallback : (doc.value as T)
}

/** Stores a setting; the value must be structured-cloneable. */
export async function putSetting(key: string, value: unknown, db: SegmentFlowDb = getDatabase()): Promise<void> {
  try {
    await db.settings.put({ key, value, schemaVersion: SCHEMA_VERSION })
  } catch (e) {
    throw toDbError(e)
  }
}
