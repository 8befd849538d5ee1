import type { InjectionKey, Ref } from 'vue'
import type { Breakdown } from '@/core/engine/breakdown'

/**
 * Per-node counts of the rule being edited (members of each node alone, and the funnel of AND groups),
 * provided by the segment screen to every condition row below it. Absent elsewhere (flow branches).
 */
export const BREAKDOWN_KEY: InjectionKey<Ref<Breakdown | null>> = Symbol('breakdown')
