// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import SegmentList from '../../../src/components/rules/SegmentList.vue'
import SegmentDetails from '../../../src/components/rules/SegmentDetails.vue'
import { appMessages } from '../../../src/i18n/app'
import type { Segment } from '../../../src/core/logic/types'

const seg = (id: string, name: string, extra: Partial<Segment> = {}): Segment => ({
  id, ruleSetId: 'rs', name, color: '#2f6fed', rule: { kind: 'group', id: `g-${id}`, combinator: 'and', children: [] },
  createdAt: 0, updatedAt: 0, ...extra,
})
const SEGMENTS = [
  seg('a', '高价值客户', { description: '近一年消费超过一万\n上海优先', tags: ['VIP', '年度'] }),
  seg('b', 'Lapsed buyers', { description: 'No order in 180 days', tags: ['winback'] }),
  seg('c', '新客', { tags: ['年度'] }),
]

function mountList(locale: 'zh-CN' | 'en' = 'zh-CN', counts: Record<string, number> = { a: 250, b: 1000 }): VueWrapper {
  return mount(SegmentList, {
    props: { segments: SEGMENTS, selectedId: 'a', counts, total: 4000 },
    global: { plugins: [createI18n({ legacy: false, locale, messages: appMessages })] },
  })
}
/** Names of the listed segments, read from their select buttons' accessible names. */
const listed = (w: VueWrapper) => w.findAll('button.segment-item').map((b) => b.attributes('aria-label'))
const search = (w: VueWrapper) => w.find('input[type="search"]')

describe('SegmentList (segment library)', () => {
  it('shows each segment\'s size and share of the base, and follows new counts', async () => {
    const w = mountList()
    const sizes = w.findAll('[data-testid="segment-size"]').map((s) => s.text())
    expect(sizes).toEqual(['250 人，占 6.3%', '1,000 人，占 25%', '…'])
    await w.setProps({ counts: { a: 4000, b: 0, c: 40 } })
    expect(w.findAll('[data-testid="segment-size"]').map((s) => s.text())).toEqual(['4,000 人，占 100%', '0 人，占 0%', '40 人，占 1%'])
  })

  it('searches name, description and tags, case-insensitively, in Chinese and English', async () => {
    const w = mountList()
    expect(listed(w)).toHaveLength(3)
    await search(w).setValue('vip')
    expect(listed(w)).toEqual(['选择分群 高价值客户'])
    await search(w).setValue('上海')
    expect(listed(w)).toEqual(['选择分群 高价值客户'])
    await search(w).setValue('ORDER 180')
    expect(listed(w)).toEqual(['选择分群 Lapsed buyers'])
    await search(w).setValue('年度')
    expect(listed(w)).toEqual(['选择分群 高价值客户', '选择分群 新客'])
    await search(w).setValue('ＶＩＰ') // full-width, as a Chinese IME may type it
    expect(listed(w)).toEqual(['选择分群 高价值客户'])
    await search(w).setValue('nothing like this')
    expect(listed(w)).toEqual([])
    expect(w.find('[role="status"]').text()).toContain('没有符合条件的分群')
  })

  it('filters by tag chip, shows which chip is pressed, and "All" clears it', async () => {
    const w = mountList('en')
    const group = w.find('[role="group"]')
    expect(group.attributes('aria-label')).toBe('Filter by tag')
    const chips = () => group.findAll('button')
    expect(chips().map((c) => c.text())).toEqual(['All', 'VIP', 'winback', '年度'])
    await chips()[3].trigger('click')
    expect(listed(w)).toEqual(['Select segment 高价值客户', 'Select segment 新客'])
    expect(chips().map((c) => c.attributes('aria-pressed'))).toEqual(['false', 'false', 'false', 'true'])
    await search(w).setValue('新')
    expect(listed(w)).toEqual(['Select segment 新客'])
    await search(w).setValue('')
    await chips()[0].trigger('click')
    expect(listed(w)).toHaveLength(3)
    expect(chips()[0].attributes('aria-pressed')).toBe('true')
  })

  it('emits select and duplicate with the segment id; each duplicate button is named after its segment', async () => {
    const w = mountList('en')
    const dup = w.findAll('button.seg-duplicate')
    expect(dup.map((b) => b.attributes('aria-label'))).toEqual([
      'Duplicate segment 高价值客户', 'Duplicate segment Lapsed buyers', 'Duplicate segment 新客',
    ])
    await dup[1].trigger('click')
    await w.findAll('button.segment-item')[2].trigger('click')
    expect(w.emitted('duplicate')).toEqual([['b']])
    expect(w.emitted('select')).toEqual([['c']])
    expect(w.find('button.segment-item').attributes('aria-current')).toBe('true')
  })

  it('shows the description with its line breaks as text, never as HTML', () => {
    const w = mount(SegmentList, {
      props: { segments: [seg('x', '<b>bold</b>', { description: '<img src=x onerror=alert(1)>\nline 2' })], selectedId: null, counts: {}, total: 0 },
      global: { plugins: [createI18n({ legacy: false, locale: 'en', messages: appMessages })] },
    })
    expect(w.find('img').exists()).toBe(false)
    expect(w.find('.seg-name').text()).toBe('<b>bold</b>')
    expect(w.find('.seg-description').element.textContent).toBe('<img src=x onerror=alert(1)>\nline 2')
  })
})

describe('SegmentDetails', () => {
  it('edits a multi-line description and splits tags on ASCII and Chinese commas', async () => {
    const w = mount(SegmentDetails, {
      props: { segment: SEGMENTS[1] },
      global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: appMessages })] },
    })
    const labels = w.findAll('label').map((l) => l.text())
    expect(labels).toEqual(['描述', '标签（用逗号分隔）'])
    expect((w.find('textarea').element as HTMLTextAreaElement).value).toBe('No order in 180 days')
    await w.find('textarea').setValue('一\n二')
    await w.find('input').setValue(' VIP，上海 ,, VIP、年度 ')
    expect(w.emitted('update')).toEqual([[{ description: '一\n二' }], [{ tags: ['VIP', '上海', '年度'] }]])
  })
})
