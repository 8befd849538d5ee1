import type { FieldMeta } from '../core/fields/types'
import type { TextEncodingName } from '../core/io/decodeText'
import type { FilePreview } from '../core/io/importFile'
import type { BadRowPolicy, DataFormat, ImportReport } from '../core/io/importReport'
import type { CsvDelimiter } from '../core/io/parseCsv'

// Requests of the review-then-commit import (importPrepare.ts). The file travels as a File/Blob: it is
// structured-cloned to the worker without being read, and the worker streams it.

/** How to read the file; anything left out is detected. */
export interface ImportReadOptions {
  format?: DataFormat
  encoding?: TextEncodingName
  delimiter?: CsvDelimiter
}

export interface ImportPreviewPayload {
  file: Blob
  /** The file's name (a Blob has none; it names the file in every issue). */
  fileName: string
  options?: ImportReadOptions
}

export type ImportPreviewResult = FilePreview

export interface ImportPreparePayload {
  file: Blob
  fileName: string
  options?: ImportReadOptions
  /** Display name of the new dataset. */
  name: string
  kind: 'customers' | 'events'
  /** The header as previewed (the file must still have it). */
  header: string[]
  /** One entry per header column: the field it becomes, or null to leave it out. */
  fields: (FieldMeta | null)[]
  /** Customers: the id field. Events: the field linking each event to its customer. */
  idField: string
  /** List fields: the separator between items, by field name. */
  listSeparators?: Record<string, string>
  /** Events: the customer dataset, and the link, date and amount fields. */
  parentId?: string
  customerIdField?: string
  dateField?: string
  amountField?: string
  /** Customers: reference date for recency; defaults to today (UTC midnight). */
  asOf?: number
}

export interface ImportPrepareResult {
  /** Names the prepared table held in the worker until it is committed or discarded. */
  prepareId: string
  report: ImportReport
}

export interface ImportCommitPayload {
  prepareId: string
  /** 'skip': leave the bad rows out; 'keep': import them with the bad values empty. */
  badRows: BadRowPolicy
}

export interface ImportDiscardPayload {
  prepareId: string
}
