// Timing and memory helpers. Chromium coarsens performance.now() to 0.1 ms, so an operation that
// takes less than a few milliseconds is timed over enough repetitions to fill ~50 ms.

const TARGET_WINDOW_MS = 50

/** Best time of one call of `fn`, ms, over `tries` windows of repeated calls. */
export function bestMs(fn: () => void, tries = 10): number {
  const t0 = performance.now()
  fn()
  const first = performance.now() - t0
  const reps = first < TARGET_WINDOW_MS / 10 ? Math.ceil(TARGET_WINDOW_MS / Math.max(first, 0.05)) : 1
  let best = reps === 1 ? first : Infinity
  for (let t = 0; t < tries; t++) {
    const start = performance.now()
    for (let r = 0; r < reps; r++) fn()
    best = Math.min(best, (performance.now() - start) / reps)
  }
  return best
}

/** Time of a single call, ms (for the slow row-by-row baselines, run once). */
export function onceMs(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

interface ChromiumMemory { usedJSHeapSize: number }
type GcWindow = { gc?: () => void }

/**
 * Bytes of JavaScript heap in use after a full collection, or NaN when the browser does not say
 * (run.mjs starts Chromium with --enable-precise-memory-info and --expose-gc).
 */
export function heapBytes(): number {
  ;(globalThis as GcWindow).gc?.()
  const memory = (performance as unknown as { memory?: ChromiumMemory }).memory
  return memory ? memory.usedJSHeapSize : NaN
}
