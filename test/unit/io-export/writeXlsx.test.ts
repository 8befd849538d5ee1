import { describe, expect, it } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import { readSheet } from 'read-excel-file/universal'
import { columnName, escapeXml, safeSheetName, writeXlsx, XlsxWriter } from '../../../src/core/io/writeXlsx'

async function readBack(bytes: Uint8Array): Promise<unknown[][]> {
  return readSheet(bytes.slice().buffer, { trim: false }) as Promise<unknown[][]>
}

describe('writeXlsx', () => {
  it('is a workbook read-excel-file reads back: text, numbers, booleans, missing cells', async () => {
    const bytes = writeXlsx(['id', '姓名', 'amount', 'vip'], [
      ['C1', '张三', 12.5, true],
      ['C2', null, -3, false],
      ['C3', '<b>&"x"</b>', 0, undefined],
    ])
    expect(await readBack(bytes)).toEqual([
      ['id', '姓名', 'amount', 'vip'],
      ['C1', '张三', 12.5, true],
      ['C2', null, -3, false],
      ['C3', '<b>&"x"</b>', 0, null],
    ])
  })

  it('writes formula-looking text as a string cell with a leading apostrophe, never a formula', async () => {
    const evil = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\ry']
    const bytes = writeXlsx(['v'], evil.map((v) => [v]))
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'])
    expect(sheet).not.toContain('<f>')
    expect(sheet.match(/t="inlineStr"/g)).toHaveLength(evil.length + 1)
    const rows = await readBack(bytes)
    expect(rows.slice(1).map((r) => r[0])).toEqual(evil.map((v) => `'${v}`))
  })

  it('has the parts of a minimal OOXML package', () => {
    const files = unzipSync(writeXlsx(['a'], [], 'x'))
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml',
    ])
  })

  it('names columns past Z and drops characters XML cannot hold', async () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
    expect(escapeXml('a\u0001b\u0008c\td')).toBe('abc\td')
    const header = Array.from({ length: 30 }, (_, i) => `f${i}`)
    const rows = await readBack(writeXlsx(header, [header.map((_, i) => i)]))
    expect(rows[1]).toEqual(header.map((_, i) => i))
    expect(safeSheetName('a/b:c[d]*?e\\f')).toBe('a_b_c_d___e_f')
  })

  it('writes batches added one after another in order', async () => {
    const w = new XlsxWriter(['n'])
    w.addRows([[1], [2]])
    w.addRows([[3]])
    expect((await readBack(w.finish())).map((r) => r[0])).toEqual(['n', 1, 2, 3])
  })
})
