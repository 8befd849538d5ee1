import type { ParetoAnalysis } from './paretoCurve'
import type { QuadrantAnalysis, QuadrantSplitMethod } from './quadrants'
import type { RfmAnalysis } from './rfmClasses'
import type { ValueFields } from './rfmFields'

/** Bounds of the Pareto threshold (share of revenue). */
export const PARETO_MIN = 0.5
export const PARETO_MAX = 0.95
/** Points of the Pareto curve sent to the main thread. */
export const PARETO_POINTS = 1000
/** Bins per axis of the F × M heat map. */
export const QUADRANT_BINS = 20

/** The worker requests of the customer value views (registered in worker/protocol.ts). */
export interface ValueAnalysisRequests {
  /** The 8 value classes, the no-purchase group, the 125 RFM cells and the R × F grid. */
  rfmAnalysis: { payload: { datasetId: string; fields: ValueFields }; result: RfmAnalysis }
  /** The Pareto curve of a number field (≤ PARETO_POINTS points) and the share holding `threshold` of its total. */
  paretoAnalysis: { payload: { datasetId: string; field: string; threshold: number }; result: ParetoAnalysis }
  /** F × M quadrants split at the buyers' mean or median, or at `custom` values. */
  quadrantAnalysis: {
    payload: {
      datasetId: string; frequency: string; monetary: string; method: QuadrantSplitMethod
      custom?: { frequency: number; monetary: number }
    }
    result: QuadrantAnalysis
  }
}
