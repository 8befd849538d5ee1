import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { safeFileName } from '../../../src/core/io/safeFileName'
import { csvCell, toCsv } from '../../../src/core/io/toCsv'
import type { CsvCell } from '../../../src/core/io/toCsv'

/** Reads CSV text back with papaparse itself (not our parser), BOM removed. */
function readBack(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff)
  return Papa.parse<string[]>(text.slice(1), { delimiter: ',', newline: '\r\n' }).data
}

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends rows with CRLF by default; bom: false and \\n on request', () => {
    expect(toCsv(['id'], [['a'], ['b']])).toBe('\uFEFFid\r\na\r\nb')
    expect(toCsv(['id'], [['a']], { bom: false, newline: '\n' })).toBe('id\na')
  })

  it.each(['=', '+', '-', '@', '\t', '\r'])('neutralises a text cell starting with %j with a leading apostrophe', (start) => {
    const value = `${start}HYPERLINK("http://x","y")`
    const [, row] = readBack(toCsv(['v'], [[value]]))
    expect(row).toEqual([`'${value}`])
  })

  it('neutralises a multi-line formula cell too (papaparse\'s default pattern misses it)', () => {
    const value = '=1+1\nsecond line'
    expect(readBack(toCsv(['v'], [[value]]))[1]).toEqual([`'${value}`])
  })

  it('neutralises formula-like header cells', () => {
    expect(readBack(toCsv(['=cmd'], []))[0]).toEqual(["'=cmd"])
  })

  it('leaves numbers and booleans alone (-5 is a number, not a formula) and text in the middle', () => {
    const rows: CsvCell[][] = [[-5, true, 'a=b', '1-2', null, undefined]]
    expect(readBack(toCsv(['n', 'b', 't', 'u', 'x', 'y'], rows))[1]).toEqual(['-5', 'true', 'a=b', '1-2', '', ''])
  })

  it('quotes delimiters, quotes, newlines and edge spaces so that every cell reads back as written', () => {
    const cells = ['a,b', 'say "hi"', 'two\r\nlines', ' padded ', '上海；浦东', '']
    expect(readBack(toCsv(cells.map((_, i) => `c${i}`), [cells]))[1]).toEqual(cells)
  })

  it('csvCell joins tag lists with | (the import\'s list separator) and keeps other values', () => {
    expect(csvCell(['亲子', '运动'])).toBe('亲子|运动')
    expect(csvCell([])).toBe('')
    expect(csvCell(null)).toBeNull()
    expect(csvCell(3)).toBe(3)
    expect(csvCell('2026-01-02')).toBe('2026-01-02')
  })
})

describe('safeFileName', () => {
  it.each([
    ['高价值客户', '高价值客户'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..', 'segment'],
    ['  .hidden. ', 'hidden'],
    ['con', 'con_'],
    ['LPT1', 'LPT1_'],
    ['tab\there', 'tab_here'],
    ['', 'segment'],
  ])('%j → %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected)
  })

  it('never yields a path separator or a name starting with a dot', () => {
    for (const name of ['/', '\\', '.', '...', './x', 'a/../b', '\u0000x']) {
      const safe = safeFileName(name)
      expect(safe).not.toMatch(/[/\\]/)
      expect(safe.startsWith('.')).toBe(false)
      expect(safe.length).toBeGreaterThan(0)
    }
  })

  it('keeps at most 100 characters', () => {
    expect([...safeFileName('分'.repeat(300))]).toHaveLength(100)
  })

  it('makes names unique without regard to case when given the names taken', () => {
    const taken = new Set<string>()
    expect(['VIP', 'vip', 'V/IP', 'V_IP', 'VIP'].map((n) => safeFileName(n, taken))).toEqual(['VIP', 'vip_2', 'V_IP', 'V_IP_2', 'VIP_3'])
  })
})
