import { ref } from 'vue'
import type { Group, Segment } from '@/core/logic/types'
import { useSegmentsStore } from '@/stores/segments'

/**
 * "Create segment" from any analysis view: saves an ordinary, editable segment with the rule the
 * view built, then (unless `stay`) opens it in the segment editor. `created` names the last one,
 * for a status message; `error` says why it failed.
 */
export function useCreateSegment() {
  const segments = useSegmentsStore()
  const created = ref<Segment | null>(null)
  const error = ref<string | null>(null)

  async function create(name: string, rule: Group, extra: Parameters<typeof segments.createWithRule>[2] = {}, stay = false): Promise<Segment | null> {
    error.value = null
    try {
      created.value = await segments.createWithRule(name, rule, extra)
      if (!stay) location.hash = '/segments'
      return created.value
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return null
    }
  }

  return { create, created, error }
}
