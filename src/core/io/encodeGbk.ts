/**
 * Notes: GBK without a dependency. The Unicode → GBK table is the inverse of the platform's own
 * GBK decoder (TextDecoder('gbk'), which browsers and Node with ICU have): every double-byte code is
 * decoded once, on first use, and each character keeps the first code that decodes to it. So what
 * this encodes, Excel's and the browser's GBK decoders read back as the same text. Characters that
 * only GB18030's four-byte codes reach (emoji, rare CJK extensions) have no GBK code.
 */

let table: Map<number, number> | null = null

/** Code point → GBK bytes (one byte in the low 8 bits, or lead << 8 | trail) for every non-ASCII character GBK has. */
function gbkTable(): Map<number, number> {
  if (table) return table
  const decoder = new TextDecoder('gbk')
  const map = new Map<number, number>()
  const pair = new Uint8Array(2)
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      pair[0] = lead
      pair[1] = trail
      const s = decoder.decode(pair)
      // An unmapped pair decodes to U+FFFD (plus the trail byte when it is ASCII): not a GBK character.
      if (s.length !== 1 || s === '\uFFFD') continue
      const cp = s.charCodeAt(0)
      if (!map.has(cp)) map.set(cp, (lead << 8) | trail)
    }
  }
  // The GBK decoder reads the single byte 0x80 as the euro sign; keep the double-byte codes otherwise.
  if (!map.has(0x20ac)) map.set(0x20ac, 0x80)
  table = map
  return map
}

/** Index (in UTF-16 units) of the first character of `text` that GBK cannot encode, or -1. */
export function firstNonGbk(text: string): number {
  const map = gbkTable()
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80 && !map.has(c)) return i
  }
  return -1
}

/** Thrown by `encodeGbk` for a character GBK has no code for. */
export class GbkError extends Error {
  constructor(readonly index: number, readonly char: string) {
    super(`"${char}" (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) has no GBK code`)
    this.name = 'GbkError'
  }
}

/** The character at `i` in full (a surrogate pair is one character), for messages. */
export function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i) ?? 0xfffd)
}

/**
 * Encodes text as GBK bytes. A character GBK cannot encode throws a `GbkError` with its index,
 * unless `replacement` is given (e.g. '?'), which is then written instead.
 */
export function encodeGbk(text: string, replacement?: '?'): Uint8Array {
  const map = gbkTable()
  const out = new Uint8Array(text.length * 2)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const code = c < 0x80 ? c : map.get(c)
    if (code === undefined) {
      if (replacement === undefined) throw new GbkError(i, charAt(text, i))
      out[n++] = 0x3f
      // A surrogate pair is one character: one '?'.
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) i++
      continue
    }
    if (code > 0xff) out[n++] = code >> 8
    out[n++] = code & 0xff
  }
  return out.slice(0, n)
}
