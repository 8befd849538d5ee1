import { ref, shallowRef } from 'vue'
import type { Ref, ShallowRef } from 'vue'

export interface LatestRequest<R> {
  /** The answer to the newest request that completed (kept while a newer one runs). */
  result: ShallowRef<R | null>
  /** True from a schedule() until its answer (or error) arrives. */
  busy: Ref<boolean>
  error: Ref<string | null>
  /** Runs `fn` after the debounce, superseding (and aborting) whatever was scheduled or running before. */
  schedule(fn: (signal: AbortSignal) => Promise<R>): void
  /** Forgets the pending request and the last answer (e.g. nothing to ask about any more). */
  clear(): void
}

/**
 * Debounced "only the newest answer counts" requests, for live counts while the user edits: each call
 * supersedes the previous one, which is aborted so the worker can skip stale work, and an answer that
 * arrives after a newer request was made is dropped.
 */
export function useLatestRequest<R>(debounceMs: number): LatestRequest<R> {
  const result = shallowRef<R | null>(null)
  const busy = ref(false)
  const error = ref<string | null>(null)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | null = null

  function supersede(): number {
    clearTimeout(timer)
    inFlight?.abort()
    inFlight = null
    return ++seq
  }

  function schedule(fn: (signal: AbortSignal) => Promise<R>): void {
    const mine = supersede()
    busy.value = true
    timer = setTimeout(async () => {
      const controller = (inFlight = new AbortController())
      try {
        const answer = await fn(controller.signal)
        if (mine !== seq) return
        result.value = answer
        error.value = null
      } catch (e) {
        if (mine === seq && !controller.signal.aborted) error.value = e instanceof Error ? e.message : String(e)
      } finally {
        if (mine === seq) busy.value = false
      }
    }, debounceMs)
  }

  function clear(): void {
    supersede()
    busy.value = false
    result.value = null
  }

  return { result, busy, error, schedule, clear }
}
