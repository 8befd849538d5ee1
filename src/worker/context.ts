import type { SegmentFlowDb } from '../db/database'
import type { DatasetCache } from './datasetCache'
import type { Progress } from './protocol'

/** What a request handler gets from the dispatcher. */
export interface WorkContext {
  db: SegmentFlowDb
  datasets: DatasetCache
  signal: AbortSignal
  progress: (p: Progress) => void
  /**
   * Call between steps of long work: yields to the event loop from time to time (so that a
   * 'cancel' message can be received) and throws 'cancelled' once the request is cancelled.
   */
  checkpoint: () => Promise<void>
  /** Rows per stored chunk for new datasets (tests use small values). */
  chunkSize?: number
}
