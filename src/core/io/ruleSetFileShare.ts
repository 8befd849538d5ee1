import LZString from 'lz-string'
import { MAX_RULESET_FILE_CHARS } from './ruleSetFile'

// Share links (issue 8 item 6): a rule-set file compressed into the URL fragment, `#/share/<data>`,
// with lz-string's compressToEncodedURIComponent. The fragment never reaches a server. Reading a
// link is bounded twice: the fragment's length, and the decompressed length, which is computed
// first without building the text (a 10,000-character link can otherwise expand to 10 MB+).

/** The fragment prefix of a share link. */
export const SHARE_PREFIX = '#/share/'
/** Longer links are refused by some browsers and chat apps: past this, offer the file instead. */
export const SHARE_LINK_MAX_CHARS = 32_000
/** Longest fragment read at all (links longer than any we write are not ours). */
export const SHARE_FRAGMENT_MAX_CHARS = 2 * SHARE_LINK_MAX_CHARS

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]))

/** A share link for a rule-set file's text; `tooLong` past SHARE_LINK_MAX_CHARS. */
export function makeShareLink(baseUrl: string, fileText: string): { url: string; length: number; tooLong: boolean } {
  const url = baseUrl.replace(/#.*$/, '') + SHARE_PREFIX + LZString.compressToEncodedURIComponent(fileText)
  return { url, length: url.length, tooLong: url.length > SHARE_LINK_MAX_CHARS }
}

/** Reads lz-string's bit stream (6 bits per character, most significant first). */
function bitReader(data: string): { read: (n: number) => number | null } {
  let index = 0
  let value = 0
  let position = 0
  const read = (n: number): number | null => {
    let bits = 0
    for (let power = 1; power !== 1 << n; power <<= 1) {
      if (position === 0) {
        if (index >= data.length) return null
        const v = VALUE.get(data[index++])
        if (v === undefined) return null
        value = v
        position = 32
      }
      if (value & position) bits |= power
      position >>= 1
    }
    return bits
  }
  return { read }
}

/**
 * The length of lz-string's decompression of `data` (compressToEncodedURIComponent output),
 * computed over entry lengths only: null when the data is not valid, Infinity past `max`.
 */
export function decompressedLength(data: string, max: number): number | null {
  const r = bitReader(data)
  const first = r.read(2)
  if (first === null || first === 2) return first === 2 ? 0 : null
  if (r.read(first === 0 ? 8 : 16) === null) return null
  const dict: number[] = [0, 0, 0, 1]
  let w = 1
  let total = 1
  let numBits = 3
  let enlargeIn = 4
  const grow = (): void => {
    if (--enlargeIn === 0) enlargeIn = 2 ** numBits++
  }
  for (;;) {
    let c = r.read(numBits)
    if (c === null) return null
    if (c === 2) return total
    if (c < 2) {
      if (r.read(c === 0 ? 8 : 16) === null) return null
      dict.push(1)
      c = dict.length - 1
      enlargeIn--
      if (enlargeIn === 0) enlargeIn = 2 ** numBits++
    }
    const entry = c < dict.length ? dict[c] : c === dict.length ? w + 1 : null
    if (entry === null) return null
    total += entry
    if (total > max) return Infinity
    dict.push(w + 1)
    grow()
    w = entry
  }
}

export type ShareFragment =
  | { ok: true; text: string }
  | { ok: false; code: 'too_long' | 'bad_link' | 'too_large'; reason: string }

/** The rule-set file text of a `#/share/…` fragment (at most `maxChars`); null when `hash` is not a share link. */
export function readShareFragment(hash: string, maxChars: number = MAX_RULESET_FILE_CHARS): ShareFragment | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null
  const data = hash.slice(SHARE_PREFIX.length).replace(/ /g, '+')
  if (data.length > SHARE_FRAGMENT_MAX_CHARS) {
    return { ok: false, code: 'too_long', reason: `the link is longer than ${SHARE_FRAGMENT_MAX_CHARS} characters` }
  }
  const length = decompressedLength(data, maxChars)
  if (length === Infinity) return { ok: false, code: 'too_large', reason: `the rule set in the link is larger than ${(maxChars / 1024 / 1024).toLocaleString('en')} MB` }
  const text = length === null || length === 0 ? null : LZString.decompressFromEncodedURIComponent(data)
  if (!text) return { ok: false, code: 'bad_link', reason: 'the link is damaged or incomplete (copy the whole link)' }
  return { ok: true, text }
}
