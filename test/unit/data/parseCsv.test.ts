import { describe, expect, it } from 'vitest'
import { decodeBytes, decodeBytesDetailed, detectEncoding, parseCsvText } from '../../../src/core/io/parseCsv'

const file = 'customers.csv'

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = [littleEndian ? 0xff : 0xfe, littleEndian ? 0xfe : 0xff]
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    out.push(...(littleEndian ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]))
  }
  return new Uint8Array(out)
}

describe('parseCsvText', () => {
  it('strips a UTF-8 BOM and keeps Chinese headers', () => {
    const res = parseCsvText('\uFEFF客户编号,性别,年龄\nC1,男,30\nC2,女,41\n', { fileName: file })
    expect(res.header).toEqual(['客户编号', '性别', '年龄'])
    expect(res.rows).toEqual([['C1', '男', '30'], ['C2', '女', '41']])
    expect(res.delimiter).toBe(',')
    expect(res.issues).toEqual([])
  })

  it.each([
    ['comma', ',', 'a,b,c\n1,2,3\n4,5,6'],
    ['tab', '\t', 'a\tb\tc\n1\t2\t3\n4\t5\t6'],
    ['semicolon', ';', 'a;b;c\n1;2,5;3\n4;5;6'],
  ])('detects the %s delimiter', (_name, delimiter, text) => {
    const res = parseCsvText(text, { fileName: file })
    expect(res.delimiter).toBe(delimiter)
    expect(res.header).toEqual(['a', 'b', 'c'])
    expect(res.rows).toHaveLength(2)
  })

  it('treats a one-column file as valid', () => {
    const res = parseCsvText('name\nbob\nal\n', { fileName: file })
    expect(res.rows).toEqual([['bob'], ['al']])
    expect(res.issues).toEqual([])
  })

  it('keeps newlines, delimiters and doubled quotes inside quoted fields', () => {
    const res = parseCsvText('id,note\r\n1,"line one\r\nline two"\r\n2,"a, ""b"""\r\n', { fileName: file })
    expect(res.rows).toEqual([['1', 'line one\r\nline two'], ['2', 'a, "b"']])
    expect(res.issues).toEqual([])
  })

  it('reports ragged rows with their row number, pads short rows and cuts long ones', () => {
    const res = parseCsvText('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,,\n', { fileName: file })
    expect(res.rows).toEqual([['1', '2', '3'], ['4', '5', ''], ['6', '7', '8'], ['10', '11', '12']])
    expect(res.issues).toHaveLength(2)
    expect(res.issues[0]).toMatchObject({ file, row: 2, code: 'ragged_row', params: { expected: 3, found: 2 } })
    expect(res.issues[1]).toMatchObject({ file, row: 3, code: 'ragged_row', params: { expected: 3, found: 4 } })
  })

  it('reports duplicate and empty header names', () => {
    const res = parseCsvText('id, name ,name,\n1,a,b,c\n', { fileName: file })
    expect(res.header).toEqual(['id', 'name', 'name', ''])
    const codes = res.issues.map((i) => i.code).sort()
    expect(codes).toEqual(['duplicate_header', 'empty_header'])
    expect(res.issues.find((i) => i.code === 'duplicate_header')).toMatchObject({ field: 'name', params: { first: 2, column: 3 } })
    expect(res.issues.find((i) => i.code === 'empty_header')).toMatchObject({ params: { column: 4 } })
  })

  it('reports an unterminated quote', () => {
    const res = parseCsvText('a,b\n1,"2\n3,4\n', { fileName: file })
    expect(res.issues.some((i) => i.code === 'csv_syntax' && i.file === file)).toBe(true)
  })

  it('reports an empty file', () => {
    const res = parseCsvText('', { fileName: file })
    expect(res.header).toEqual([])
    expect(res.issues[0]).toMatchObject({ code: 'empty_file', file })
  })

  it('parses only the header and `preview` data rows', () => {
    const res = parseCsvText('a,b\n1,2\n3,4\n5,6\n', { fileName: file, preview: 2 })
    expect(res.rows).toEqual([['1', '2'], ['3', '4']])
  })

  it('lists at most maxIssuesPerKind issues of a kind and summarises the rest', () => {
    const text = 'a,b\n' + Array.from({ length: 10 }, (_, k) => `${k}`).join('\n')
    const res = parseCsvText(text, { fileName: file, maxIssuesPerKind: 3 })
    expect(res.issues.filter((i) => i.code === 'ragged_row').map((i) => i.row)).toEqual([1, 2, 3])
    expect(res.issues.at(-1)).toMatchObject({ code: 'more_issues', params: { count: 7 } })
  })
})

describe('decodeBytes', () => {
  const text = '客户编号,性别\nC1,男\n'

  it('decodes UTF-8 with and without a BOM', () => {
    const plain = new TextEncoder().encode(text)
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain])
    expect(decodeBytes(plain)).toBe(text)
    expect(decodeBytes(withBom)).toBe(text)
    expect(detectEncoding(withBom)).toBe('utf-8')
  })

  it('decodes UTF-16 LE and BE with a BOM', () => {
    expect(decodeBytesDetailed(utf16(text, true))).toEqual({ text, encoding: 'utf-16le' })
    expect(decodeBytesDetailed(utf16(text, false))).toEqual({ text, encoding: 'utf-16be' })
  })

  it('falls back to GB18030 when the bytes are not valid UTF-8', () => {
    // "你好,1\n" as GBK/GB18030 bytes (你 = C4 E3, 好 = BA C3).
    const gbk = new Uint8Array([0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0x31, 0x0a])
    expect(detectEncoding(gbk)).toBe('gb18030')
    expect(decodeBytes(gbk)).toBe('你好,1\n')
    expect(parseCsvText(decodeBytes(gbk), { fileName: file }).header).toEqual(['你好', '1'])
  })

  it('honours an explicit encoding', () => {
    const plain = new TextEncoder().encode('abc')
    expect(decodeBytesDetailed(plain, 'gb18030')).toEqual({ text: 'abc', encoding: 'gb18030' })
  })
})
