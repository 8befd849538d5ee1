import type { PageOptions } from '../core/engine/page'
import type { Group, JsonLogic } from '../core/logic/types'
import type { FlowGraph } from '../core/flows/types'
import type { DeriveFieldsPayload } from './deriveProtocol'
import type {
  EngineErrorCode, FromWorker, ImportTablePayload, Progress, RequestPayload, RequestResult, RequestType, RuleRef, ToWorker,
} from './protocol'

export type { CountResult, ImportTablePayload, ImportTableResult, OverlapResult, Progress, RuleRef } from './protocol'
export type { ProfilePayload, ProfileResult, VennResult } from './protocol'
export type { Breakdown } from '../core/engine/breakdown'
export type { ClustersResult } from '../core/analysis/kmeansRun'
export type { DeriveFieldsPayload, DeriveFieldsResult } from './deriveProtocol'
export type {
  ImportCommitPayload, ImportPreparePayload, ImportPrepareResult, ImportPreviewPayload, ImportPreviewResult, ImportReadOptions,
} from './importProtocol'
export type { MeasureStats } from '../core/engine/measure'
export type { GridResult } from '../core/analysis/gridTable'
export type { MemberPage, PageOptions, SortDirection } from '../core/engine/page'

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void
  terminate?(): void
}

export type ProgressFn = (p: Progress) => void

export interface RequestOptions {
  onProgress?: ProgressFn
  /** Aborting rejects at once (AbortError) and tells the worker to stop. */
  signal?: AbortSignal
}

export interface CountOptions extends RequestOptions {
  /** A number field to sum over the members: the answer then carries `measure`. */
  measure?: string
}

/** A failed request; `code` as in protocol.ts, `name` is 'AbortError' for a cancelled one. */
export class EngineError extends Error {
  constructor(message: string, readonly code?: EngineErrorCode) {
    super(message)
    this.name = code === 'cancelled' ? 'AbortError' : 'EngineError'
  }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress?: ProgressFn
}

function post(worker: WorkerLike, message: ToWorker): void {
  try {
    worker.postMessage(message)
  } catch (e) {
    // Vue's reactive proxies cannot be structured-cloned; their JSON copy can (payloads are JSON).
    if ((e as { name?: string }).name !== 'DataCloneError') throw e
    worker.postMessage(JSON.parse(JSON.stringify(message)))
  }
}

/** Sends typed requests to an evaluation worker and matches answers to them by `seq`. */
export function createEngineClient(worker: WorkerLike) {
  let seq = 0
  const pending = new Map<number, Pending>()

  worker.addEventListener('message', (event) => {
    const msg = event.data as FromWorker
    const p = pending.get(msg.seq)
    if (!p) return // answer to a cancelled request
    if (msg.type === 'progress') return p.onProgress?.(msg.progress)
    pending.delete(msg.seq)
    if (msg.type === 'result') p.resolve(msg.result)
    else p.reject(new EngineError(msg.error.message, msg.error.code))
  })
  worker.addEventListener('error', (event) => {
    const err = new EngineError(`The evaluation worker failed: ${event.message ?? 'unknown error'}`, 'worker_crashed')
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  })

  /** Sends one request; resolves with its result, rejects with an `EngineError`. */
  function request<K extends RequestType>(type: K, payload: RequestPayload<K>, options: RequestOptions = {}): Promise<RequestResult<K>> {
    const { signal, onProgress } = options
    if (signal?.aborted) return Promise.reject(new EngineError('cancelled', 'cancelled'))
    const id = ++seq
    return new Promise<RequestResult<K>>((resolve, reject) => {
      const onAbort = (): void => {
        if (!pending.delete(id)) return
        post(worker, { type: 'cancel', seq: id })
        reject(new EngineError('cancelled', 'cancelled'))
      }
      const settle = <T>(fn: (v: T) => void) => (v: T): void => {
        signal?.removeEventListener('abort', onAbort)
        fn(v)
      }
      pending.set(id, { resolve: settle(resolve as (v: unknown) => void), reject: settle(reject), onProgress })
      signal?.addEventListener('abort', onAbort, { once: true })
      try {
        post(worker, { seq: id, type, payload } as ToWorker)
      } catch (e) {
        pending.delete(id)
        settle(reject)(e as Error)
      }
    })
  }

  return {
    request,
    ensureDemo: (options?: RequestOptions | ProgressFn) =>
      request('ensureDemo', {}, typeof options === 'function' ? { onProgress: options } : options),
    /** Stores the hotel demo unless it is there; resolves with its guests' dataset id. */
    loadHotelDemo: (options?: RequestOptions) => request('loadHotelDemo', {}, options),
    open: (datasetId: string, options?: RequestOptions) => request('open', { datasetId }, options),
    count: (datasetId: string, logic: JsonLogic, sample = 0, options: CountOptions = {}) => {
      const { measure, ...rest } = options
      return request('count', measure === undefined ? { datasetId, logic, sample } : { datasetId, logic, sample, measure }, rest)
    },
    counts: (datasetId: string, rules: { id: string; logic: JsonLogic }[], options?: RequestOptions) =>
      request('counts', { datasetId, rules }, options),
    flowCounts: (datasetId: string, graph: FlowGraph, segmentLogic: Record<string, JsonLogic>, options?: RequestOptions & { measure?: string }) => {
      const { measure, ...rest } = options ?? {}
      return request('flowCounts', measure === undefined ? { datasetId, graph, segmentLogic } : { datasetId, graph, segmentLogic, measure }, rest)
    },
    /** Overlap and size of every rule split's branches (validation shown on the nodes). */
    flowChecks: (datasetId: string, graph: FlowGraph, segmentLogic: Record<string, JsonLogic>, options?: RequestOptions) =>
      request('flowChecks', { datasetId, graph, segmentLogic }, options),
    importTable: (payload: ImportTablePayload, options?: RequestOptions) => request('importTable', payload, options),
    /** The head of a data file, its format and encoding, and the proposed field types. */
    importPreview: (payload: RequestPayload<'importPreview'>, options?: RequestOptions) => request('importPreview', payload, options),
    /** Reads and checks a whole file in the worker (progress: bytes and rows); stores nothing. */
    importPrepare: (payload: RequestPayload<'importPrepare'>, options?: RequestOptions) => request('importPrepare', payload, options),
    /** Stores a prepared file, skipping or keeping its bad rows. */
    importCommit: (payload: RequestPayload<'importCommit'>, options?: RequestOptions) => request('importCommit', payload, options),
    /** Drops a prepared file from the worker's memory. */
    importDiscard: (prepareId: string, options?: RequestOptions) => request('importDiscard', { prepareId }, options),
    rows: (datasetId: string, offset: number, limit: number, options?: RequestOptions) =>
      request('rows', { datasetId, offset, limit }, options),
    members: (datasetId: string, logic: JsonLogic, options?: RequestOptions) => request('members', { datasetId, logic }, options),
    fieldValues: (datasetId: string, fields: string[], limit = 200, options?: RequestOptions) =>
      request('fieldValues', { datasetId, fields, limit }, options),
    /** Min, max, missing count and a histogram of `bins` (1…50) bins of each named number/date field. */
    fieldStats: (datasetId: string, fields: string[], bins = 20, options?: RequestOptions) =>
      request('fieldStats', { datasetId, fields, bins }, options),
    /** Pairwise overlap of 1…20 segments. */
    overlap: (datasetId: string, rules: RuleRef[], options?: RequestOptions) => request('overlap', { datasetId, rules }, options),
    /** Exact Venn region sizes of 2–3 segments. */
    venn: (datasetId: string, rules: RuleRef[], options?: RequestOptions) => request('venn', { datasetId, rules }, options),
    /** A segment's field distributions beside the whole table or another segment (progress per field). */
    profile: (payload: RequestPayload<'profile'>, options?: RequestOptions) => request('profile', payload, options),
    /** One page (≤ 500 rows) of a rule's members, sorted by a field or in row order. */
    page: (datasetId: string, logic: JsonLogic, page: PageOptions, options?: RequestOptions) =>
      request('page', { datasetId, logic, ...page }, options),
    /** The grid model's cross-tab (counts and measure per cell) over all customers or a segment's logic. */
    grid: (payload: RequestPayload<'grid'>, options?: RequestOptions) => request('grid', payload, options),
    /** Members of each node of a builder rule alone, and the funnel of its AND groups. */
    breakdown: (datasetId: string, rule: Group, options?: RequestOptions) => request('breakdown', { datasetId, rule }, options),
    /** k-means of 2–8 number fields into k (2–12) clusters, each with a rule and its precision/recall; progress and cancel. */
    clusters: (datasetId: string, fields: string[], k: number, options?: RequestOptions) => request('clusters', { datasetId, fields, k }, options),
    /** RFM classes, cells and the R × F grid over the given fields (aggregates only). */
    rfmAnalysis: (payload: RequestPayload<'rfmAnalysis'>, options?: RequestOptions) => request('rfmAnalysis', payload, options),
    /** Snapshots the given segments on the dataset and stores it (worker side); answers the summary. */
    takeSnapshot: (payload: RequestPayload<'takeSnapshot'>, options?: RequestOptions) => request('takeSnapshot', payload, options),
    /** Compares two stored snapshots (migration, top 20 %, customer value). */
    compareSnapshots: (payload: RequestPayload<'compareSnapshots'>, options?: RequestOptions) => request('compareSnapshots', payload, options),
    /** Builds an export file in the worker; its bytes come back transferred (progress per batch, cancel). */
    exportTable: (payload: RequestPayload<'exportTable'>, options?: RequestOptions) => request('exportTable', payload, options),
    /** The Pareto curve of a number field and the share of customers holding `threshold` of its total. */
    paretoAnalysis: (payload: RequestPayload<'paretoAnalysis'>, options?: RequestOptions) => request('paretoAnalysis', payload, options),
    /** F × M quadrants and their binned heat map. */
    quadrantAnalysis: (payload: RequestPayload<'quadrantAnalysis'>, options?: RequestOptions) => request('quadrantAnalysis', payload, options),
    /** Sets a customer dataset's derived-field definitions and/or as-of date and recomputes what changed. */
    deriveFields: (payload: DeriveFieldsPayload, options?: RequestOptions) => request('deriveFields', payload, options),
    /** Deletes an event table; its customers' derived fields are recomputed in the same transaction. */
    deleteEventTable: (datasetId: string, options?: RequestOptions) => request('deleteEventTable', { datasetId }, options),
    /** Stops the worker and rejects what is still pending. */
    terminate: (): void => {
      worker.terminate?.()
      for (const p of pending.values()) p.reject(new EngineError('The evaluation worker was stopped.', 'worker_crashed'))
      pending.clear()
    },
  }
}

export type EngineClient = ReturnType<typeof createEngineClient>

let client: EngineClient | null = null

/** The app's engine client; the worker starts on first use. */
export function getEngineClient(): EngineClient {
  client ??= createEngineClient(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }))
  return client
}
