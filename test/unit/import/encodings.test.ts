import { describe, expect, it } from 'vitest'
import { toCsv } from '../../../src/core/io/toCsv'
import { encodeGbk } from './gbk'
import { importBytes, rowsOf, utf16, utf8 } from './helpers'

// Every encoding the importer reads, through the streaming reader, with Chinese headers and values.
const TEXT = '会员编号,城市,备注\nA1,上海,"满 300 减 50"\nA2,北京,会员日\n'
const ROWS = [{ 会员编号: 'A1', 城市: '上海', 备注: '满 300 减 50' }, { 会员编号: 'A2', 城市: '北京', 备注: '会员日' }]

describe('encodings', () => {
  it.each([
    ['UTF-8', utf8(TEXT), 'utf-8', 'detected'],
    ['UTF-8 with BOM', utf8(`\uFEFF${TEXT}`), 'utf-8', 'bom'],
    ['UTF-16 LE with BOM', utf16(TEXT, true), 'utf-16le', 'bom'],
    ['UTF-16 BE with BOM', utf16(TEXT, false), 'utf-16be', 'bom'],
    ['GBK', encodeGbk(TEXT), 'gb18030', 'detected'],
  ] as const)('reads %s, in pieces of any size', async (_label, bytes, encoding, how) => {
    for (const chunk of [1, 3, 7, 1 << 20]) {
      const { preview, prepared } = await importBytes('c.csv', bytes, {}, chunk)
      expect(preview.header).toEqual(['会员编号', '城市', '备注'])
      expect(prepared.report).toMatchObject({ encoding, encodingSource: how, rowCount: 2, badRowCount: 0 })
      expect(rowsOf(prepared.table)).toEqual(ROWS)
    }
  })

  it('notices GBK bytes after a plain-ASCII head and reads the file again as GB18030', async () => {
    const head = Array.from({ length: 5000 }, (_, i) => `c${i},plain ascii line ${i}`).join('\n')
    const bytes = encodeGbk(`id,note\n${head}\nlast,上海会员\n`)
    // The first piece (64 KB) is ASCII only: it looks like UTF-8 until the last line.
    const { prepared } = await importBytes('late.csv', bytes, {}, 64 * 1024)
    expect(prepared.report).toMatchObject({ encoding: 'gb18030', encodingSource: 'detected', rowCount: 5001 })
    expect(rowsOf(prepared.table).at(-1)).toEqual({ id: 'last', note: '上海会员' })
  })

  it('lets the user override the encoding', async () => {
    const bytes = encodeGbk(TEXT)
    const { prepared } = await importBytes('c.csv', bytes, { encoding: 'gb18030' })
    expect(prepared.report).toMatchObject({ encoding: 'gb18030', encodingSource: 'chosen' })
    expect(rowsOf(prepared.table)).toEqual(ROWS)
    // Forced to UTF-8, GBK bytes cannot come out as the same text.
    const wrong = await importBytes('c.csv', bytes, { encoding: 'utf-8' })
    expect(wrong.preview.header).not.toEqual(['会员编号', '城市', '备注'])
  })

  it('keeps Chinese headers and values through an export and a second import', async () => {
    const first = await importBytes('c.csv', encodeGbk(TEXT))
    const table = first.prepared.table
    const exported = toCsv(table.fields.map((f) => f.name), rowsOf(table).map((r) => table.fields.map((f) => String(r[f.name] ?? ''))))
    const again = await importBytes('again.csv', utf8(exported))
    expect(again.preview.header).toEqual(['会员编号', '城市', '备注'])
    expect(rowsOf(again.prepared.table)).toEqual(ROWS)
  })
})
