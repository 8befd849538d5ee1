import type { FieldMeta } from '../fields/types'

/** A dataset as listed in the app (customer table or event table). */
export interface DatasetMeta {
  id: string
  name: string
  kind: 'customers' | 'events'
  /** For event tables: the customer dataset they belong to. */
  parentId?: string
  /** For event tables: the column holding the customer id. */
  customerIdField?: string
  /** Customer tables: the id column. */
  idField: string
  rowCount: number
  fields: FieldMeta[]
  /** Reference date for recency ("days since", "in the last N days"), epoch ms UTC. */
  asOf: number
  /** Bumped on every change of the data; part of every cache key. */
  version: number
  createdAt: number
  /** 'staging' while an import is being written; only 'ready' datasets are visible. */
  status: 'staging' | 'ready'
  /** Source of the data: 'demo' or the imported file's name. */
  source: string
}

/** A problem found in an imported file: names the file, the place, the field and the reason. */
export interface ImportIssue {
  file: string
  /** 1-based data row (header excluded) or a JSON path such as `$.segments[0].rule`. */
  row?: number
  path?: string
  field?: string
  reason: string
  /** Machine-readable kind of problem (e.g. `not_a_number`, `ragged_row`), so the UI can translate `reason`. */
  code?: string
  /** Parameters for the translated message (expected/found counts, the offending value, …). */
  params?: Record<string, string | number>
  /** 1-based line and column in the file's text, for syntax errors (e.g. bad JSON). */
  line?: number
  column?: number
}
