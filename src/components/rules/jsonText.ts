import { pathKey } from '@/core/logic/validateLogic'

// Positions in JSON text, which JSON.parse does not give: V8 often says only "Unexpected token ']'"
// with no position, and never where a parsed value came from. Pure and DOM-free.

export interface TextRange { from: number; to: number }

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

const WS = ' \t\n\r'
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y

class SyntaxAt { constructor(readonly offset: number) {} }

type OnValue = (path: string, range: TextRange) => void

/** A strict JSON reader: throws SyntaxAt where the text stops being JSON; reports each value's place. */
function readJson(text: string, onValue: OnValue): void {
  let i = 0
  const fail = (): never => { throw new SyntaxAt(i) }
  const ws = (): void => { while (i < text.length && WS.includes(text[i])) i++ }
  const string = (): string => {
    const start = i
    if (text[i] !== '"') fail()
    for (i++; text[i] !== '"'; ) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail()
      if (text[i] !== '\\') { i++; continue }
      ESCAPE.lastIndex = i
      if (!ESCAPE.test(text)) fail()
      i = ESCAPE.lastIndex
    }
    return text.slice(start, ++i)
  }
  const items = (close: string, item: (k: number) => void): void => {
    i++
    ws()
    if (text[i] === close) { i++; return }
    for (let k = 0; ; k++) {
      item(k)
      ws()
      if (text[i] === close) { i++; return }
      if (text[i] !== ',') fail()
      i++
    }
  }
  const member = (path: string): void => {
    ws()
    const key = JSON.parse(string()) as string
    ws()
    if (text[i] !== ':') fail()
    i++
    value(path + pathKey(key))
  }
  const value = (path: string): void => {
    ws()
    const from = i
    const c = text[i]
    if (c === '{') items('}', () => member(path))
    else if (c === '[') items(']', (k) => value(`${path}[${k}]`))
    else if (c === '"') string()
    else if (['true', 'false', 'null'].some((w) => text.startsWith(w, i))) i += c === 'f' ? 5 : 4
    else {
      NUMBER.lastIndex = i
      if (!NUMBER.test(text)) fail()
      i = NUMBER.lastIndex
    }
    onValue(path, { from, to: i })
  }
  value('$')
  ws()
  if (i < text.length) fail()
}

/** Offset of the first syntax error in `text`, or null when it is JSON (or too deep to read here). */
export function findSyntaxError(text: string): number | null {
  try {
    readJson(text, () => {})
    return null
  } catch (e) {
    if (e instanceof SyntaxAt) return Math.min(e.offset, text.length)
    return null
  }
}

/**
 * Where each value of JSON text is, by JSON path in validateLogic's syntax (`$.and[0]["=="]`).
 * Throws on text that is not JSON, and a RangeError on nesting too deep to walk.
 */
export function locatePaths(text: string): Map<string, TextRange> {
  const spots = new Map<string, TextRange>()
  readJson(text, (path, range) => spots.set(path, range))
  return spots
}
