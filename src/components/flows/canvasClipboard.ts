import { shallowRef } from 'vue'
import type { FlowClip } from '@/core/flows/clipboard'

/** The copied nodes, shared by every flow canvas of the tab: copy in one flow, paste in another. */
export const flowClipboard = shallowRef<FlowClip | null>(null)
