import type { Cell } from '../fields/parseValue'

/** One record of a JSON or NDJSON file: its parsed value, or why it could not be parsed. */
export type JsonRecord = { ok: true; value: unknown } | { ok: false; reason: string }

function parseRecord(text: string): JsonRecord {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    return { ok: false, reason: (e as Error).message }
  }
}

/** Splits NDJSON (one JSON value per line) that arrives in pieces; blank lines are skipped. */
export class NdjsonSplitter {
  private pending = ''

  push(text: string, last = false): JsonRecord[] {
    const input = this.pending + text
    const lines = input.split('\n')
    this.pending = last ? '' : (lines.pop() ?? '')
    const out: JsonRecord[] = []
    for (const line of lines) {
      const t = line.trim()
      if (t !== '') out.push(parseRecord(t))
    }
    return out
  }
}

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c

/**
 * Splits a JSON array (`[ {...}, {...} ]`) that arrives in pieces into its elements, each parsed on
 * its own: only the element being read is held as text, never the whole file. The scanner follows
 * strings (with escapes) and nesting; anything malformed inside an element is that element's error.
 * Text before the `[` other than white space, or after the `]`, is an error of the file (`fileError`).
 */
export class JsonArraySplitter {
  private buf = ''
  private pos = 0
  private start = -1
  private depth = 0
  private inString = false
  private escaped = false
  private state: 'before' | 'inside' | 'after' = 'before'
  fileError: string | null = null

  push(text: string, last = false): JsonRecord[] {
    this.buf += text
    const out: JsonRecord[] = []
    while (this.pos < this.buf.length && this.fileError === null) this.step(out)
    // Keep only the element being read; positions move with the cut.
    const keep = this.start >= 0 ? this.start : this.pos
    this.buf = this.buf.slice(keep)
    this.pos -= keep
    if (this.start >= 0) this.start = 0
    if (last && this.fileError === null && this.state !== 'after') {
      this.fileError = this.state === 'before' ? 'the file is not a JSON array (it must start with "[")' : 'the JSON array is not closed with "]"'
    }
    return out
  }

  private step(out: JsonRecord[]): void {
    const c = this.buf.charCodeAt(this.pos++)
    if (this.state === 'inside') this.inside(c, out)
    else if (isBlank(c)) return
    else if (this.state === 'before' && c === OPEN_BRACKET) this.state = 'inside'
    else this.fileError = this.state === 'before' ? 'the file is not a JSON array (it must start with "[")' : 'text after the closing "]"'
  }

  private inside(c: number, out: JsonRecord[]): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false
      else if (c === BACKSLASH) this.escaped = true
      else if (c === QUOTE) this.inString = false
      return
    }
    if (this.depth === 0) {
      if (c === COMMA || c === CLOSE_BRACKET) {
        this.endElement(out)
        if (c === CLOSE_BRACKET) this.state = 'after'
        return
      }
      if (isBlank(c)) return
    }
    if (this.start < 0) this.start = this.pos - 1
    if (c === QUOTE) this.inString = true
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && this.depth > 0) this.depth--
  }

  /** The element that started at `start` ends just before the separator at `pos - 1`. */
  private endElement(out: JsonRecord[]): void {
    if (this.start >= 0) out.push(parseRecord(this.buf.slice(this.start, this.pos - 1)))
    this.start = -1
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

const isScalar = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

/**
 * One JSON value as a cell: strings as they are, numbers and booleans as their JSON text, `null` as
 * empty (missing), an array of scalars as a list (nulls dropped), any other array or object as JSON text.
 */
export function jsonCell(v: unknown): Cell {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v) && v.every(isScalar)) return v.flatMap((x) => (x === null ? [] : [String(x)]))
  return JSON.stringify(v)
}

/** True for a JSON object (a record), not an array or a scalar. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Adds the keys of `record` not seen yet to `keys`, in order of first appearance. */
export function collectKeys(record: Record<string, unknown>, keys: string[], seen: Set<string>): void {
  for (const k of Object.keys(record)) {
    if (seen.has(k)) continue
    seen.add(k)
    keys.push(k)
  }
}

/** The cells of a record for the given columns (own properties only; absent keys are empty). */
export function recordCells(record: Record<string, unknown>, header: readonly string[]): Cell[] {
  return header.map((k) => (Object.hasOwn(record, k) ? jsonCell(record[k]) : ''))
}
