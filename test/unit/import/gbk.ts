/**
 * A GBK encoder for tests, built by inverting the platform's WHATWG `gbk` decoder over every two-byte
 * sequence (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F) — independent of the app's decoding code.
 * ASCII passes through; a character outside GBK's two-byte table throws.
 */
let table: Map<string, [number, number]> | null = null

function gbkTable(): Map<string, [number, number]> {
  if (table) return table
  const decoder = new TextDecoder('gbk')
  const map = new Map<string, [number, number]>()
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const ch = decoder.decode(Uint8Array.of(lead, trail))
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [lead, trail])
    }
  }
  table = map
  return map
}

/** The GBK bytes of `text`. */
export function encodeGbk(text: string): Uint8Array {
  const map = gbkTable()
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) {
      out.push(code)
      continue
    }
    const bytes = map.get(ch)
    if (!bytes) throw new Error(`"${ch}" has no two-byte GBK code`)
    out.push(...bytes)
  }
  return Uint8Array.from(out)
}
