import type { InjectionKey, Ref } from 'vue'

/** A segment a rule may refer to ("is in segment …"). */
export interface SegmentOption {
  id: string
  name: string
}

/**
 * What the segment screen tells the rule editor about other segments: the ones the edited segment
 * may refer to without a cycle, and every segment's name (a reference may outlive its option, e.g.
 * after an undo). Absent elsewhere (flow branches, derived-field filters): no "segment" conditions there.
 */
export interface SegmentRefContext {
  options: Ref<SegmentOption[]>
  nameOf: (id: string) => string | undefined
}

export const SEGMENT_REFS_KEY: InjectionKey<SegmentRefContext> = Symbol('segmentRefs')
