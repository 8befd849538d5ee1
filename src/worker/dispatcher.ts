import type { DemoDataset } from '../core/demo/generateDemo'
import type { HotelDemo } from '../core/demo/generateHotelDemo'
import type { SegmentFlowDb } from '../db/database'
import type { WorkContext } from './context'
import { DatasetCache } from './datasetCache'
import { handleEnsureDemo, handleLoadHotelDemo } from './ensureDemo'
import {
  handleBreakdown, handleCount, handleCounts, handleFieldStats, handleFieldValues, handleFlowChecks, handleFlowCounts, handleGrid, handleMembers, handleOpen, handleOverlap,
  handlePage, handleRows,
} from './handlers'
import { handleDeleteEventTable, handleDeriveFields } from './deriveHandlers'
import { handleClusters } from './clusterHandler'
import { handleExportTable } from './exportHandler'
import { handleCompareSnapshots, handleTakeSnapshot } from './historyHandlers'
import { handleProfile, handleVenn } from './compareHandlers'
import { handleImportTable } from './importTable'
import { handleImportCommit, handleImportDiscard, handleImportPrepare, handleImportPreview } from './importPrepare'
import { parseIncoming } from './messages'
import { handleParetoAnalysis, handleQuadrantAnalysis, handleRfmAnalysis } from './handlers'
import type { EngineRequest, FromWorker, Progress } from './protocol'
import { cancelled, toErrorPayload } from './workerError'

export interface DispatcherDeps {
  db: SegmentFlowDb
  post: (message: FromWorker) => void
  /** Rows per stored chunk for new datasets (tests use small values). */
  chunkSize?: number
  /** Replaces the demo generator (tests use a small demo). */
  generateDemo?: () => DemoDataset
  /** Replaces the hotel demo generator (tests use a small one). */
  generateHotelDemo?: () => HotelDemo
  /** How many tables to keep in memory. */
  cacheCapacity?: number
}

export interface Dispatcher {
  /** Handles one message from the main thread; resolves when its answer has been posted. */
  handle(message: unknown): Promise<void>
}

// Long synchronous work cannot see a cancel until it gives the event loop a turn; yielding on every
// checkpoint would slow loops down (timers are clamped to ~4 ms), so yield at most this often.
const YIELD_EVERY_MS = 16

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

function run(ctx: WorkContext, req: EngineRequest, deps: DispatcherDeps): Promise<unknown> {
  switch (req.type) {
    case 'ensureDemo': return handleEnsureDemo(ctx, deps.generateDemo)
    case 'loadHotelDemo': return handleLoadHotelDemo(ctx, deps.generateHotelDemo)
    case 'open': return handleOpen(ctx, req.payload)
    case 'count': return handleCount(ctx, req.payload)
    case 'counts': return handleCounts(ctx, req.payload)
    case 'flowCounts': return handleFlowCounts(ctx, req.payload)
    case 'flowChecks': return handleFlowChecks(ctx, req.payload)
    case 'importTable': return handleImportTable(ctx, req.payload)
    case 'importPreview': return handleImportPreview(ctx, req.payload)
    case 'importPrepare': return handleImportPrepare(ctx, req.payload)
    case 'importCommit': return handleImportCommit(ctx, req.payload)
    case 'importDiscard': return handleImportDiscard(ctx, req.payload)
    case 'rows': return handleRows(ctx, req.payload)
    case 'members': return handleMembers(ctx, req.payload)
    case 'fieldValues': return handleFieldValues(ctx, req.payload)
    case 'fieldStats': return handleFieldStats(ctx, req.payload)
    case 'overlap': return handleOverlap(ctx, req.payload)
    case 'venn': return handleVenn(ctx, req.payload)
    case 'profile': return handleProfile(ctx, req.payload)
    case 'page': return handlePage(ctx, req.payload)
    case 'breakdown': return handleBreakdown(ctx, req.payload)
    case 'clusters': return handleClusters(ctx, req.payload)
    case 'rfmAnalysis': return handleRfmAnalysis(ctx, req.payload)
    case 'paretoAnalysis': return handleParetoAnalysis(ctx, req.payload)
    case 'quadrantAnalysis': return handleQuadrantAnalysis(ctx, req.payload)
    case 'grid': return handleGrid(ctx, req.payload)
    case 'deriveFields': return handleDeriveFields(ctx, req.payload)
    case 'deleteEventTable': return handleDeleteEventTable(ctx, req.payload)
    case 'takeSnapshot': return handleTakeSnapshot(ctx, req.payload)
    case 'compareSnapshots': return handleCompareSnapshots(ctx, req.payload)
    case 'exportTable': return handleExportTable(ctx, req.payload)
  }
}

/**
 * The worker's message handler, free of worker globals so that tests run it in Node: validates each
 * request, runs it with a cancel signal and progress reporting, and posts exactly one result or
 * error per request. Loaded tables and their engines are kept by dataset id and version.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const datasets = new DatasetCache(deps.db, deps.cacheCapacity)
  const running = new Map<number, AbortController>()
  // Demo requests in flight, by type: two callers at once (two views mounting, a double click) must not
  // create two demos; the second waits for the first one's answer.
  const demoRuns = new Map<'ensureDemo' | 'loadHotelDemo', Promise<unknown>>()

  function context(seq: number, signal: AbortSignal): WorkContext {
    let lastYield = Date.now()
    return {
      db: deps.db, datasets, signal, chunkSize: deps.chunkSize,
      progress: (progress: Progress) => {
        if (!signal.aborted) deps.post({ seq, type: 'progress', progress })
      },
      checkpoint: async () => {
        if (Date.now() - lastYield >= YIELD_EVERY_MS) {
          await nextTurn()
          lastYield = Date.now()
        }
        if (signal.aborted) throw cancelled()
      },
    }
  }

  async function execute(req: EngineRequest): Promise<void> {
    const controller = new AbortController()
    running.set(req.seq, controller)
    const ctx = context(req.seq, controller.signal)
    try {
      // One turn first: a cancel already queued behind this request (a stale edit) lands before work starts.
      await nextTurn()
      if (controller.signal.aborted) throw cancelled()
      let result: unknown
      if (req.type === 'ensureDemo' || req.type === 'loadHotelDemo') {
        const type = req.type
        if (!demoRuns.has(type)) demoRuns.set(type, run(ctx, req, deps).finally(() => demoRuns.delete(type)))
        result = await demoRuns.get(type)
      } else result = await run(ctx, req, deps)
      deps.post({ seq: req.seq, type: 'result', result })
    } catch (e) {
      const error = controller.signal.aborted ? toErrorPayload(cancelled()) : toErrorPayload(e)
      deps.post({ seq: req.seq, type: 'error', error })
    } finally {
      running.delete(req.seq)
    }
  }

  return {
    async handle(message: unknown): Promise<void> {
      const msg = parseIncoming(message)
      if (msg.kind === 'cancel') {
        running.get(msg.seq)?.abort()
        return
      }
      if (msg.kind === 'invalid') {
        // Without a seq nobody is waiting for the answer.
        if (msg.seq !== null) deps.post({ seq: msg.seq, type: 'error', error: { message: msg.message, code: 'bad_request' } })
        return
      }
      await execute(msg.request)
    },
  }
}
