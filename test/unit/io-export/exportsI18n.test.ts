import { describe, expect, it } from 'vitest'
import { createAppI18n } from '../../../src/i18n'
import { exportsMessages } from '../../../src/i18n/exports'

describe('export dialog messages', () => {
  it('compile in both languages with the same keys, and show @ and | literally', () => {
    expect(Object.keys(exportsMessages.en.exports).sort()).toEqual(Object.keys(exportsMessages['zh-CN'].exports).sort())
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t } = createAppI18n(locale).global
      for (const key of Object.keys(exportsMessages[locale].exports)) expect(t(`exports.${key}`, { name: 'x', field: 'f', rows: 1, file: 'a', count: 2, message: 'm' })).not.toBe(`exports.${key}`)
      expect(t('exports.safety')).toContain('@')
      expect(t('exports.membersNote')).toContain('|')
    }
  })
})

describe('describeExportError', () => {
  it('turns the worker\'s GBK message into the UI language and leaves other messages alone', async () => {
    const { describeExportError } = await import('../../../src/components/common/ExportDialog')
    const { ExportCellError } = await import('../../../src/core/io/exportTable')
    const { t } = createAppI18n('zh-CN').global
    const tr = (k: string, p: Record<string, string>) => t(k, p)
    expect(describeExportError(new ExportCellError(12, '动作', '😀').message, tr)).toBe('第 12 行的“动作”含有 GBK 无法表示的字符“😀”（U+1F600）。请改用 UTF-8 CSV 或 Excel 格式导出。')
    expect(describeExportError('Unknown field "x"', tr)).toBe('Unknown field "x"')
  })
})
