import type { Breakdown } from '../core/engine/breakdown'
import type { ClustersResult } from '../core/analysis/kmeansRun'
import type { SnapshotComparison } from '../core/analysis/snapshotCompare'
import type { SnapshotSummary } from '../db/snapshots'
import type { ValueAnalysisRequests } from '../core/analysis/rfmProtocol'
import type { MeasureStats } from '../core/engine/measure'
import type { OverlapMatrix } from '../core/engine/overlap'
import type { FieldProfile } from '../core/analysis/profile'
import type { MemberPage, PageOptions } from '../core/engine/page'
import type { FieldStats, ValueCount } from '../core/engine/query'
import type { Row, RowValue } from '../core/engine/columns'
import type { FieldMeta } from '../core/fields/types'
import type { GridResult, GridSpec } from '../core/analysis/gridTable'
import type { FlowCounts, FlowGraph } from '../core/flows/types'
import type { FlowBranchChecks } from '../core/flows/flowChecks'
import type { DatasetMeta, ImportIssue } from '../core/io/types'
import type { Group, JsonLogic } from '../core/logic/types'
import type { DeleteEventTablePayload, DeriveFieldsPayload, DeriveFieldsResult } from './deriveProtocol'
import type { ExportTablePayload, ExportTableResult } from './exportProtocol'
import type {
  ImportCommitPayload, ImportDiscardPayload, ImportPreparePayload, ImportPrepareResult, ImportPreviewPayload, ImportPreviewResult,
} from './importProtocol'

// The typed messages between the main thread (client.ts) and the evaluation worker (dispatcher.ts).
// Requests carry a `seq` chosen by the client; every answer repeats it. Any number of `progress`
// messages may precede exactly one `result` or `error`.

/** Long work reports its phase ('parse', 'build', 'derive', 'save', 'demo', 'load') and progress. */
export interface Progress {
  phase: string
  done: number
  total: number
  /** Rows read so far (phase 'read' of an import: `done`/`total` count bytes). */
  rows?: number
}

export interface CountResult {
  count: number
  total: number
  /** The first `sample` members, in row order. */
  sample: Row[]
  /** The requested measure over the members (missing values skipped; see core/engine/measure.ts). */
  measure?: MeasureStats
}

export interface CountPayload {
  datasetId: string
  logic: JsonLogic
  sample?: number
  /** A number field to sum over the members (e.g. revenue); another type is a 'bad_request'. */
  measure?: string
}

/** One segment of an overlap request. */
export interface RuleRef { id: string; logic: JsonLogic }

/** The overlap of up to MAX_OVERLAP_RULES segments, in the order asked; `matrix[i][j]` = |Sᵢ ∩ Sⱼ|. */
export interface OverlapResult extends OverlapMatrix {
  ids: string[]
}

/** Exact Venn regions of 2–3 segments: `regions[mask]` = rows in exactly the segments of mask (bit k = rules[k]); [0] = in none. */
export interface VennResult { ids: string[]; regions: number[] }

/** A segment profiled against the whole table (no `baseLogic`) or another segment, fields ranked by TVD. */
export interface ProfilePayload {
  datasetId: string
  logic: JsonLogic
  baseLogic?: JsonLogic
  /** Fields to profile; default every field the profile covers except the id field. */
  fields?: string[]
  /** Number/date bins (default 10); category values with their own bar (default 12). */
  bins?: number
  top?: number
}

export interface ProfileResult { segmentSize: number; baseSize: number; fields: FieldProfile[] }

/** At most this many segments in one overlap request. */
export const MAX_OVERLAP_RULES = 20
/** At most this many rows in one page of members. */
export const MAX_PAGE_ROWS = 500

export interface ImportTablePayload {
  /** Display name of the new dataset. */
  name: string
  kind: 'customers' | 'events'
  /** The file's name, used in issues and as the dataset's source; defaults to `name`. */
  fileName?: string
  /** The file's decoded text (CSV/TSV). */
  text: string
  /**
   * Field types chosen by the user. Positional when as long as the file's header (`null` skips a
   * column); otherwise matched to header columns by name (unmatched columns are skipped).
   */
  fields: (FieldMeta | null)[]
  /** Customers: the id column. Events: a column identifying an event (informative only). */
  idField: string
  /** Events: the customer dataset they belong to. */
  parentId?: string
  /** Events: the column holding the customer id. */
  customerIdField?: string
  /** Events: the event's date and amount columns, to derive order fields onto the customers. */
  dateField?: string
  amountField?: string
  /** Customers: reference date for recency; defaults to today (UTC midnight). */
  asOf?: number
  /** Events: put before every derived field name (for a second event table). */
  derivePrefix?: string
}

export interface ImportTableResult {
  datasetId: string
  rowCount: number
  issues: ImportIssue[]
}

/** A grid request: the spec and, to restrict the grid to a segment, that segment's logic. */
export interface GridPayload extends GridSpec { datasetId: string; scope?: JsonLogic }

/** Every request type with its payload and result. */
export interface RequestMap {
  ensureDemo: { payload: Record<string, never>; result: { datasetId: string } }
  /** Stores the hotel-chain demo (guests with stay fields, and their stays) unless it is there; answers the guests' id. */
  loadHotelDemo: { payload: Record<string, never>; result: { datasetId: string } }
  open: { payload: { datasetId: string }; result: DatasetMeta }
  count: { payload: CountPayload; result: CountResult }
  counts: { payload: { datasetId: string; rules: { id: string; logic: JsonLogic }[] }; result: Record<string, number> }
  /** With `measure` (a number field), each node's measure too (revenue share on actions). */
  flowCounts: { payload: { datasetId: string; graph: FlowGraph; segmentLogic: Record<string, JsonLogic>; measure?: string }; result: FlowCounts }
  /** Per rule split: customers per branch and customers an earlier branch took from it (core/flows/flowChecks.ts). */
  flowChecks: { payload: { datasetId: string; graph: FlowGraph; segmentLogic: Record<string, JsonLogic> }; result: FlowBranchChecks }
  importTable: { payload: ImportTablePayload; result: ImportTableResult }
  rows: { payload: { datasetId: string; offset: number; limit: number }; result: { rows: Row[]; total: number } }
  /** The id-field values of the members, in row order (null where a member's id is missing). */
  members: { payload: { datasetId: string; logic: JsonLogic }; result: RowValue[] }
  /** Top values with counts of each named category/text/list field (for value pickers). */
  fieldValues: { payload: { datasetId: string; fields: string[]; limit: number }; result: Record<string, ValueCount[]> }
  /** Min, max, missing count and a histogram (≤ 50 bins) of each named number/date field; other fields are left out. */
  fieldStats: { payload: { datasetId: string; fields: string[]; bins: number }; result: Record<string, FieldStats> }
  /** Pairwise overlap of 1…20 segments (sizes on the diagonal). */
  overlap: { payload: { datasetId: string; rules: RuleRef[] }; result: OverlapResult }
  /** Exact Venn region sizes of 2–3 segments. */
  venn: { payload: { datasetId: string; rules: RuleRef[] }; result: VennResult }
  /** Per-field distributions of a segment beside a base, with lift, ranked by total variation distance. */
  profile: { payload: ProfilePayload; result: ProfileResult }
  /**
   * A page of members (rows, id field first) sorted by a field, missing values last, ties in row
   * order; in row order without `sortField`. `total` is the number of members.
   */
  page: { payload: { datasetId: string; logic: JsonLogic } & PageOptions; result: MemberPage }
  /** The grid model's cross-tab of two binned fields (optionally a sub-split and a measure) over a scope (core/analysis/gridTable.ts). */
  grid: { payload: GridPayload; result: GridResult }
  /** Members of each node of a builder rule alone, and the funnel of each AND group. */
  breakdown: { payload: { datasetId: string; rule: Group }; result: Breakdown }
  /** k-means on 2–8 number fields (k 2–12), the k hint, and a rule per cluster with its precision/recall (core/analysis/kmeansRun.ts). */
  clusters: { payload: { datasetId: string; fields: string[]; k: number }; result: ClustersResult }
  /** Sets a customer dataset's derived-field definitions and/or as-of date; recomputes what changed (deriveHandlers.ts). */
  deriveFields: { payload: DeriveFieldsPayload; result: DeriveFieldsResult }
  /** Deletes an event table and recomputes its customers' derived fields, in one transaction. */
  deleteEventTable: { payload: DeleteEventTablePayload; result: DeriveFieldsResult }
  /** The head of a data file (File/Blob), its format and encoding, and proposed field types (importPrepare.ts). */
  importPreview: { payload: ImportPreviewPayload; result: ImportPreviewResult }
  /** Streams a whole file into typed columns held in the worker, nothing stored; answers the report to decide on. */
  importPrepare: { payload: ImportPreparePayload; result: ImportPrepareResult }
  /** Stores a prepared file (bad rows skipped or kept) atomically, as importTable does. */
  importCommit: { payload: ImportCommitPayload; result: ImportTableResult }
  /** Forgets a prepared file. */
  importDiscard: { payload: ImportDiscardPayload; result: { discarded: boolean } }
  /** Customer value views (RFM classes, Pareto, F × M quadrants): aggregates only (core/analysis/rfmProtocol.ts). */
  rfmAnalysis: ValueAnalysisRequests['rfmAnalysis']
  paretoAnalysis: ValueAnalysisRequests['paretoAnalysis']
  quadrantAnalysis: ValueAnalysisRequests['quadrantAnalysis']
  /** Snapshots every given segment (size, revenue, compact membership) and stores it under (rule set, dataset, as-of); answers the summary. */
  takeSnapshot: {
    payload: { datasetId: string; ruleSetId: string; segments: { id: string; name: string; logic: JsonLogic }[] }
    result: SnapshotSummary
  }
  /** Migration matrices, top-20 % growth and customer value between two stored snapshots (aggregates only). */
  compareSnapshots: { payload: { earlierId: string; laterId: string; churn?: number }; result: SnapshotComparison }
  /** Builds a CSV/GBK/xlsx file of a segment's members or a flow's assignments (exportProtocol.ts); progress and cancel. */
  exportTable: { payload: ExportTablePayload; result: ExportTableResult }
}

export type RequestType = keyof RequestMap
export type RequestPayload<K extends RequestType> = RequestMap[K]['payload']
export type RequestResult<K extends RequestType> = RequestMap[K]['result']

export type EngineRequest = { [K in RequestType]: { seq: number; type: K; payload: RequestPayload<K> } }[RequestType]

/** Asks the worker to stop request `seq`; it then answers with an error of code 'cancelled'. */
export interface CancelMessage { type: 'cancel'; seq: number }

export type ToWorker = EngineRequest | CancelMessage

/**
 * Why a request failed. 'bad_request': the message did not match this protocol; 'cancelled': a cancel
 * arrived; 'not_found', 'quota', 'conflict', 'invalid': from storage (db/errors.ts); 'invalid_logic':
 * a rule the engine refuses; 'failed': anything else (the message says what).
 */
export type EngineErrorCode = 'bad_request' | 'cancelled' | 'not_found' | 'quota' | 'conflict' | 'invalid' | 'invalid_logic' | 'failed' | 'worker_crashed'

export type FromWorker =
  | { seq: number; type: 'result'; result: unknown }
  | { seq: number; type: 'error'; error: { message: string; code?: EngineErrorCode } }
  | { seq: number; type: 'progress'; progress: Progress }
