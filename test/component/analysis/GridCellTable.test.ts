// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import GridCellTable from '../../../src/components/analysis/GridCellTable.vue'
import { analysisMessages } from '../../../src/i18n/analysis'

// The grid's keyboard/mouse selection table: a 2 × 3 grid (cells 0…5); each interaction emits the new
// selection, which the test feeds back as the parent does.
function mountTable() {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': analysisMessages['zh-CN'] } })
  const w = mount(GridCellTable, {
    global: { plugins: [i18n] },
    props: {
      caption: '网格', corner: '性别 \\ 年龄', rowLabels: ['女', '男'], colLabels: ['< 30', '[30, 40)', '≥ 40'],
      cells: ['1', '2', '3', '4', '5', '6'], rowTotals: ['6', '15'], colTotals: ['5', '7', '9'], total: '21', totalLabel: '合计',
      selected: new Set<number>(),
    },
  })
  const last = async (): Promise<number[]> => {
    const events = w.emitted('select') ?? []
    const sel = events[events.length - 1][0] as Set<number>
    await w.setProps({ selected: sel })
    return [...sel].sort((a, b) => a - b)
  }
  const cell = (k: number) => w.findAll('button[aria-pressed]')[k]
  return { w, last, cell }
}

describe('GridCellTable', () => {
  it('click toggles a cell; shift-click adds the rectangle from the last cell', async () => {
    const { last, cell } = mountTable()
    await cell(0).trigger('click')
    expect(await last()).toEqual([0])
    expect(cell(0).attributes('aria-pressed')).toBe('true')
    await cell(5).trigger('click', { shiftKey: true })
    expect(await last()).toEqual([0, 1, 2, 3, 4, 5])
    await cell(4).trigger('click')
    expect(await last()).toEqual([0, 1, 2, 3, 5])
  })
  it('row and column headers toggle the whole row or column', async () => {
    const { w, last } = mountTable()
    await w.get('button[aria-label="选择整行 男"]').trigger('click')
    expect(await last()).toEqual([3, 4, 5])
    await w.get('button[aria-label="选择整列 ≥ 40"]').trigger('click')
    expect(await last()).toEqual([2, 3, 4, 5])
    await w.get('button[aria-label="选择整列 ≥ 40"]').trigger('click')
    expect(await last()).toEqual([3, 4])
  })
  it('dragging from one cell to another adds the rectangle; cells are named row · column：value', async () => {
    const { last, cell } = mountTable()
    await cell(1).trigger('mousedown', { button: 0 })
    await cell(5).trigger('mouseenter')
    await cell(5).trigger('mouseup')
    expect(await last()).toEqual([1, 2, 4, 5])
    expect(cell(4).attributes('aria-label')).toBe('男 · [30, 40)：5')
  })
})
