import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { getSetting } from '../../../src/db/settings'
import { useAnalysisValueStore } from '../../../src/stores/analysisValue'
import { useWorkspaceStore } from '../../../src/stores/workspace'

describe('RFM strategy texts', () => {
  it('keeps edited texts per rule set in the settings table; empty text and reset go back to the defaults', async () => {
    setActivePinia(createPinia())
    const ws = useWorkspaceStore()
    ws.ruleSetId = 'rs1'
    const store = useAnalysisValueStore()
    await store.setStrategy('c0', '专属客服')
    await store.setStrategy('c7', '短信唤醒')
    expect(await getSetting('analysis.rfmStrategies.rs1', {})).toEqual({ c0: '专属客服', c7: '短信唤醒' })
    await store.setStrategy('c7', '  ')
    expect(await getSetting('analysis.rfmStrategies.rs1', {})).toEqual({ c0: '专属客服' })

    ws.ruleSetId = 'rs2'
    await nextTick()
    await store.load()
    expect(store.edits).toEqual({})
    ws.ruleSetId = 'rs1'
    await store.load()
    expect(store.edits).toEqual({ c0: '专属客服' })
    await store.reset()
    expect(await getSetting('analysis.rfmStrategies.rs1', { x: 1 })).toEqual({})
  })
})
