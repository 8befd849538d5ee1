import { describe, expect, it } from 'vitest'
import { encodeGbk, firstNonGbk, GbkError } from '../../../src/core/io/encodeGbk'

const gbk = new TextDecoder('gbk')

describe('encodeGbk', () => {
  it('writes known GBK codes by hand', () => {
    // 你 = C4 E3, 好 = BA C3 (GB2312 rows), ASCII unchanged, the euro sign is the single byte 0x80.
    expect([...encodeGbk('A你好1')]).toEqual([0x41, 0xc4, 0xe3, 0xba, 0xc3, 0x31])
    expect([...encodeGbk('€')]).toEqual([0x80])
  })

  it('round-trips Chinese marketing text through the platform GBK decoder', () => {
    const text = '重要价值客户,“住宿凭证/发票”；《会员》—— 鍾 堃 ×÷ ①② ＡＢＣ\r\n商务旅客 > 对照组'
    expect(gbk.decode(encodeGbk(text))).toBe(text)
  })

  it('round-trips every BMP character the decoder produces from a double-byte code', () => {
    const chars: string[] = []
    for (let lead = 0x81; lead <= 0xfe; lead += 7) {
      for (let trail = 0x40; trail <= 0xfe; trail += 3) {
        if (trail === 0x7f) continue
        const s = gbk.decode(Uint8Array.of(lead, trail))
        if (s.length === 1 && s !== '\uFFFD') chars.push(s)
      }
    }
    expect(chars.length).toBeGreaterThan(500)
    const text = chars.join('')
    expect(gbk.decode(encodeGbk(text))).toBe(text)
  })

  it('refuses a character outside GBK with its index, or writes ? on request', () => {
    expect(firstNonGbk('客户😀')).toBe(2)
    expect(firstNonGbk('客户')).toBe(-1)
    expect(() => encodeGbk('ab😀')).toThrow(GbkError)
    try {
      encodeGbk('ab😀')
    } catch (e) {
      expect((e as GbkError).index).toBe(2)
      expect((e as GbkError).message).toContain('U+1F600')
    }
    expect(gbk.decode(encodeGbk('a😀b', '?'))).toBe('a?b')
  })
})
