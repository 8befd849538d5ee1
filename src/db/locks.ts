// Another tab starting up runs cleanupStaging() while this tab may be importing. An import holds a
// Web Lock for its dataset so the cleanup can tell a live import from a crashed one. Where Web Locks
// do not exist (Node tests), imports run unlocked and cleanup treats every staging dataset as stale.

const PREFIX = 'segmentflow:import:'

function locks(): LockManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.locks : undefined
}

/** Runs `fn` while holding the import lock of dataset `id`. */
export async function withImportLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const lm = locks()
  if (!lm) return fn()
  return lm.request(PREFIX + id, () => fn()) as Promise<T>
}

/** Ids of datasets whose import is running in some tab or worker right now. */
export async function importsInProgress(): Promise<Set<string>> {
  const lm = locks()
  if (!lm) return new Set()
  const state = await lm.query()
  const names = [...(state.held ?? []), ...(state.pending ?? [])].map((l) => l.name ?? '')
  return new Set(names.filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)))
}
