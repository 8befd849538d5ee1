import { ref } from 'vue'

/**
 * Debounced saving of documents by id: edits come in bursts (typing, dragging), so each document is
 * written once per pause; `flush()` writes what is pending at once (before export, on page hide).
 * `saving` is true from an edit until it is written; `error` holds the last failed write's message.
 */
export function useAutosave(save: (id: string) => Promise<void>, delayMs: number) {
  const pending = new Map<string, ReturnType<typeof setTimeout>>()
  const saving = ref(false)
  const error = ref<string | null>(null)

  function schedule(id: string): void {
    clearTimeout(pending.get(id))
    pending.set(id, setTimeout(() => void flush(id), delayMs))
    saving.value = true
  }

  async function flush(id?: string): Promise<void> {
    for (const k of id ? [id] : [...pending.keys()]) {
      clearTimeout(pending.get(k))
      pending.delete(k)
      try {
        await save(k)
        error.value = null
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e)
      }
    }
    saving.value = pending.size > 0
  }

  /** Drops a pending write (the document is being deleted). */
  function cancel(id: string): void {
    clearTimeout(pending.get(id))
    pending.delete(id)
    saving.value = pending.size > 0
  }

  return { saving, error, schedule, flush, cancel }
}
