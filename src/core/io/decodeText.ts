/** Text encodings the importer decodes (GB18030 is a superset of GBK and GB2312). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be']

/** The encoding a byte-order mark announces, or null. */
export function bomEncoding(bytes: Uint8Array): TextEncodingName | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return null
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/**
 * Decodes a file's bytes and says which encoding was used: a BOM decides (UTF-8, UTF-16LE/BE);
 * otherwise valid UTF-8 is UTF-8, and anything else is taken as GB18030 (a superset of GBK/GB2312,
 * what Chinese Excel writes). Pass `encoding` to override detection (e.g. when the user picks one).
 * The BOM, if any, is removed.
 */
export function decodeBytesDetailed(
  bytes: Uint8Array,
  encoding?: TextEncodingName,
): { text: string; encoding: TextEncodingName } {
  let enc = encoding ?? bomEncoding(bytes)
  let text: string
  if (enc) text = new TextDecoder(enc).decode(bytes)
  else {
    try {
      // One fatal pass both validates and decodes, so a UTF-8 file is read only once.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      enc = 'utf-8'
    } catch {
      enc = 'gb18030'
      text = new TextDecoder(enc).decode(bytes)
    }
  }
  // TextDecoder drops a BOM matching its encoding; strip explicitly in case detection was overridden.
  return { text: stripBom(text), encoding: enc }
}

/** Decodes a file's bytes to text (UTF-8, UTF-16 with BOM, else GB18030); see `decodeBytesDetailed`. */
export function decodeBytes(bytes: Uint8Array, encoding?: TextEncodingName): string {
  return decodeBytesDetailed(bytes, encoding).text
}

/** The encoding `decodeBytes` would use for these bytes (decodes once to validate UTF-8). */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  return decodeBytesDetailed(bytes).encoding
}

/** The encoding of a stream, judged from its first bytes, and why. */
export interface SniffedEncoding {
  encoding: TextEncodingName
  source: 'bom' | 'detected' | 'chosen'
}

/**
 * Guesses the encoding from the head of a file: a BOM decides; else the head is UTF-8 if it decodes
 * as UTF-8 (a multi-byte character cut at the end of the head is allowed), GB18030 if not.
 * A head that is plain ASCII is judged UTF-8: StreamDecoder then notices later bytes that are not,
 * and the reader starts again as GB18030 (EncodingMismatch).
 */
export function sniffEncoding(head: Uint8Array, chosen?: TextEncodingName): SniffedEncoding {
  if (chosen) return { encoding: chosen, source: 'chosen' }
  const bom = bomEncoding(head)
  if (bom) return { encoding: bom, source: 'bom' }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return { encoding: 'utf-8', source: 'detected' }
  } catch {
    return { encoding: 'gb18030', source: 'detected' }
  }
}

/** A file guessed to be UTF-8 holds bytes that are not: read it again as GB18030. */
export class EncodingMismatch extends Error {
  constructor(readonly byteOffset: number) {
    super(`the file is not UTF-8 after byte ${byteOffset}`)
    this.name = 'EncodingMismatch'
  }
}

/**
 * Decodes a byte stream chunk by chunk (a character split across chunks is joined), dropping a leading
 * BOM. A detected UTF-8 is decoded strictly, so that a GBK file with an ASCII head is caught
 * (EncodingMismatch) instead of being read with replacement characters.
 */
export class StreamDecoder {
  private readonly decoder: TextDecoder
  private first = true
  private offset = 0

  constructor(readonly sniffed: SniffedEncoding) {
    const strict = sniffed.encoding === 'utf-8' && sniffed.source === 'detected'
    this.decoder = new TextDecoder(sniffed.encoding, { fatal: strict })
  }

  /** Text of the next chunk; `last` flushes a final incomplete character. */
  decode(bytes: Uint8Array, last = false): string {
    let text: string
    try {
      text = this.decoder.decode(bytes, { stream: !last })
    } catch {
      throw new EncodingMismatch(this.offset)
    }
    this.offset += bytes.length
    if (this.first && text.length > 0) {
      this.first = false
      text = stripBom(text)
    }
    return text
  }
}
