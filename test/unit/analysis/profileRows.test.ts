import { describe, expect, it } from 'vitest'
import { binLabel } from '../../../src/components/analysis/profileRows'
import type { ProfileBin } from '../../../src/core/analysis/profile'

const words = { other: '其他', missing: '缺失', yes: '是', no: '否' }
const bin = (b: Partial<ProfileBin>): ProfileBin => ({ kind: 'value', segment: 0, base: 0, lift: null, ...b })

describe('binLabel', () => {
  it('names values, other, missing and booleans in the UI language', () => {
    expect(binLabel(bin({ value: '上海' }), 'category', words, 'zh-CN')).toBe('上海')
    expect(binLabel(bin({ kind: 'other' }), 'category', words, 'zh-CN')).toBe('其他')
    expect(binLabel(bin({ kind: 'missing' }), 'number', words, 'zh-CN')).toBe('缺失')
    expect(binLabel(bin({ value: 'true' }), 'boolean', words, 'zh-CN')).toBe('是')
    expect(binLabel(bin({ value: 'false' }), 'boolean', words, 'zh-CN')).toBe('否')
  })
  it('formats ranges with the locale, one value when the bin holds one, dates as ISO days', () => {
    expect(binLabel(bin({ kind: 'range', from: 1000, to: 2500.5 }), 'number', words, 'en')).toBe('1,000 – 2,500.5')
    expect(binLabel(bin({ kind: 'range', from: 7, to: 7, inclusive: true }), 'number', words, 'en')).toBe('7')
    const day = Date.parse('2025-03-01T00:00:00Z')
    expect(binLabel(bin({ kind: 'range', from: day, to: day + 2 * 86_400_000, inclusive: true }), 'date', words, 'en')).toBe('2025-03-01 – 2025-03-03')
  })
})
