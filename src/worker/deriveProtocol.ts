import type { DerivedFieldDefinition } from '../core/derive/definition'
import type { DatasetMeta } from '../core/io/types'

// Requests about derived fields (behaviour fields from event tables), registered in protocol.ts.

export interface DeriveFieldsPayload {
  /** The customer dataset. */
  datasetId: string
  /** The full new list of definitions; omitted = the stored ones. */
  definitions?: DerivedFieldDefinition[]
  /** A new as-of date (epoch ms UTC, a midnight): every definition is recomputed against it. */
  asOf?: number
}

export interface DeriveFieldsResult {
  /** The customer dataset after the change (new version). */
  meta: DatasetMeta
  /** Fields computed by this request, in the order computed. */
  computed: string[]
  /** Derived fields dropped because their definition was removed. */
  removed: string[]
  /** Per event table read: rows whose customer id is empty or not among the customers. */
  unmatched: Record<string, number>
}

export interface DeleteEventTablePayload {
  /** The event table to delete; its customer dataset's derived fields are recomputed without it. */
  datasetId: string
}
