import LZString from 'lz-string'
import { describe, expect, it } from 'vitest'
import { buildRuleSetFile, parseRuleSetFile } from '../../../src/core/io/ruleSetFile'
import {
  decompressedLength, makeShareLink, readShareFragment, SHARE_FRAGMENT_MAX_CHARS, SHARE_LINK_MAX_CHARS, SHARE_PREFIX,
} from '../../../src/core/io/ruleSetFileShare'
import type { Group, Segment } from '../../../src/core/logic/types'
import { FIELDS, FLOWS, SEGMENTS } from './fixtures'

const text = JSON.stringify(buildRuleSetFile('酒店 Hotel', SEGMENTS, FLOWS, FIELDS, Date.UTC(2026, 0, 1)), null, 2)

describe('share links', () => {
  it('round trip: link → fragment → the same file, which imports', () => {
    const link = makeShareLink('https://app.example/segmentflow/#/segments', text)
    expect(link.url.startsWith(`https://app.example/segmentflow/${SHARE_PREFIX}`)).toBe(true)
    expect(link.tooLong).toBe(false)
    expect(link.length).toBe(link.url.length)
    const frag = readShareFragment(new URL(link.url).hash)
    expect(frag).toEqual({ ok: true, text })
    const r = parseRuleSetFile(frag?.ok ? frag.text : '', 'share link')
    expect(r.ok && r.file.segments.map((s) => s.name)).toEqual(SEGMENTS.map((s) => s.name))
  })

  it('warns past the length browsers reject', () => {
    // Many segments with incompressible names.
    let seed = 7
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed.toString(36))
    const many: Segment[] = Array.from({ length: 500 }, (_, i) => ({
      id: `s${i}`, ruleSetId: 'rs', name: Array.from({ length: 8 }, rnd).join(''), color: '#000000', createdAt: i, updatedAt: i,
      rule: { kind: 'group', id: `g${i}`, combinator: 'and', children: [] } as Group,
    }))
    const big = makeShareLink('https://a.example/', JSON.stringify(buildRuleSetFile('big', many, [], [], 0)))
    expect(big.length).toBeGreaterThan(SHARE_LINK_MAX_CHARS)
    expect(big.tooLong).toBe(true)
  })

  it('is not a share link: null; damaged or too long: a clear refusal', () => {
    expect(readShareFragment('#/segments')).toBeNull()
    expect(readShareFragment(`${SHARE_PREFIX}%%%notlz`)).toMatchObject({ ok: false, code: 'bad_link' })
    expect(readShareFragment(SHARE_PREFIX)).toMatchObject({ ok: false, code: 'bad_link' })
    const cut = makeShareLink('https://a.example/', text).url
    expect(readShareFragment(new URL(cut.slice(0, cut.length - 40)).hash)).toMatchObject({ ok: false })
    expect(readShareFragment(SHARE_PREFIX + 'A'.repeat(SHARE_FRAGMENT_MAX_CHARS + 1))).toMatchObject({ ok: false, code: 'too_long' })
  })

  it('a decompression bomb is refused without building the text', () => {
    // 200,000 characters from a ~900-character link: the same growth makes a 32,000-character link
    // expand to hundreds of MB. The limit is lowered for the test (compressing 5 MB is slow).
    const bomb = LZString.compressToEncodedURIComponent('a'.repeat(200_000))
    expect(bomb.length).toBeLessThan(1000)
    expect(decompressedLength(bomb, 100_000)).toBe(Infinity)
    expect(readShareFragment(SHARE_PREFIX + bomb, 100_000)).toMatchObject({ ok: false, code: 'too_large' })
    expect(readShareFragment(SHARE_PREFIX + bomb, 300_000)).toMatchObject({ ok: true })
  })

  it('decompressedLength equals the length lz-string decompresses to', () => {
    for (const s of ['a', 'ab', '中文 ünïcode 😀'.repeat(40), 'abcabcabd'.repeat(999), text]) {
      const c = LZString.compressToEncodedURIComponent(s)
      expect(decompressedLength(c, Infinity)).toBe(s.length)
    }
  })
})
