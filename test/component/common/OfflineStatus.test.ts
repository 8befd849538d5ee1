// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ref } from 'vue'
import type { Ref } from 'vue'
import { createI18n } from 'vue-i18n'
import { offlineMessages } from '../../../src/i18n/offline'

// The plugin's registration module is replaced by refs the test drives: the component's job is only to show
// the state and to hand "reload" to the plugin.
interface Flags { offlineReady: Ref<boolean>; needRefresh: Ref<boolean> }
const sw = vi.hoisted(() => ({ flags: {} as Flags, update: vi.fn(async (_reload?: boolean) => {}) }))
vi.mock('virtual:pwa-register/vue', () => ({ useRegisterSW: () => ({ ...sw.flags, updateServiceWorker: sw.update }) }))
const { default: OfflineStatus } = await import('../../../src/components/common/OfflineStatus.vue')

function mountIn(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: offlineMessages })
  return mount(OfflineStatus, { global: { plugins: [i18n] } })
}

describe('OfflineStatus', () => {
  beforeEach(() => {
    sw.flags = { offlineReady: ref(false), needRefresh: ref(false) }
    sw.update.mockClear()
  })

  it('always states that data stays in the browser, in both languages', () => {
    expect(mountIn('zh-CN').find('footer').text()).toContain('数据只保存在本机浏览器中，不会上传。')
    expect(mountIn('en').find('footer').text()).toContain('Your data stays in this browser; nothing is uploaded.')
  })

  it('says "ready offline" once the service worker has precached the app', async () => {
    const w = mountIn('zh-CN')
    expect(w.get('[role="status"]').text()).not.toContain('可离线使用')
    sw.flags.offlineReady.value = true
    await w.vm.$nextTick()
    expect(w.get('[role="status"]').text()).toBe('可离线使用')
    expect(w.find('button').exists()).toBe(false)
  })

  it('offers a named reload button when an update waits, and the button activates it', async () => {
    const w = mountIn('en')
    sw.flags.needRefresh.value = true
    await w.vm.$nextTick()
    expect(w.get('[role="status"]').text()).toBe('Update available')
    const button = w.get('button')
    expect(button.text()).toBe('Reload')
    expect(button.attributes('aria-label')).toBe('Reload to use the new version')
    await button.trigger('click')
    expect(sw.update).toHaveBeenCalledWith(true)
  })
})
