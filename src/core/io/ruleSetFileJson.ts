// JSON-level helpers for reading untrusted files: BOM, syntax-error position, prototype keys and
// nesting depth. Engines word JSON.parse errors differently and some omit the position ("Unexpected
// end of JSON input"), so on failure a small scanner finds the place itself, the same everywhere.

/** Where and why a text is not JSON. Line and column are 1-based. */
export interface JsonSyntaxError {
  offset: number
  line: number
  column: number
  reason: string
}

/** Removes a leading byte-order mark (UTF-8 or UTF-16 decode to the same U+FEFF). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'done'
type Found = { offset: number; reason: string } | null

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERALS = ['true', 'false', 'null']

/** Scans one JSON string starting at the quote; returns the end offset or an error. */
function scanString(text: string, start: number): number | Found {
  let i = start + 1
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 34) return i + 1
    if (c < 0x20) return { offset: i, reason: 'control character inside a string (escape it)' }
    if (c === 92) {
      const e = text[i + 1]
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6
      else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
      else return { offset: i, reason: 'invalid escape sequence in a string' }
    } else i++
  }
  return { offset: start, reason: 'unterminated string' }
}

/** Scans one scalar (string, number, literal) at `i`; returns its end or an error. */
function scanScalar(text: string, i: number): number | Found {
  const ch = text[i]
  if (ch === '"') return scanString(text, i)
  const lit = LITERALS.find((w) => text.startsWith(w, i))
  if (lit) return i + lit.length
  NUMBER.lastIndex = i
  if (NUMBER.test(text)) return NUMBER.lastIndex
  return { offset: i, reason: `unexpected character ${JSON.stringify(ch)}` }
}

/** The first syntax error of `text` as JSON, or null when it is valid JSON. */
export function findJsonError(text: string): { offset: number; reason: string } | null {
  const stack: string[] = []
  let expect: Expect = 'value'
  let i = 0
  const after = (): Expect => (stack.length > 0 ? 'commaOrEnd' : 'done')
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
    if (i >= text.length) return expect === 'done' ? null : { offset: i, reason: 'unexpected end of file' }
    const ch = text[i]
    const top = stack[stack.length - 1]
    if (expect === 'done') return { offset: i, reason: `unexpected ${JSON.stringify(ch)} after the end of the JSON value` }
    if (expect === 'colon') {
      if (ch !== ':') return { offset: i, reason: 'expected ":" after a property name' }
      i++
      expect = 'value'
    } else if (expect === 'commaOrEnd') {
      if (ch === ',') expect = top === '{' ? 'key' : 'value'
      else if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) {
        stack.pop()
        expect = after()
      } else return { offset: i, reason: top === '{' ? 'expected "," or "}" after a property value' : 'expected "," or "]" after an array element' }
      i++
    } else if ((ch === '}' && expect === 'keyOrEnd') || (ch === ']' && expect === 'valueOrEnd')) {
      stack.pop()
      i++
      expect = after()
    } else if (expect === 'key' || expect === 'keyOrEnd') {
      if (ch !== '"') return { offset: i, reason: 'expected a double-quoted property name' }
      const end = scanString(text, i)
      if (typeof end !== 'number') return end
      i = end
      expect = 'colon'
    } else if (ch === '{' || ch === '[') {
      stack.push(ch)
      i++
      expect = ch === '{' ? 'keyOrEnd' : 'valueOrEnd'
    } else {
      const end = scanScalar(text, i)
      if (typeof end !== 'number') return end
      i = end
      expect = after()
    }
  }
}

/**
 * Parses JSON text, or says where it is broken. The scanner runs only on failure, and if it finds
 * nothing (an engine limit rather than a syntax error) the engine's own message is kept.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    const found = findJsonError(text) ?? { offset: 0, reason: e instanceof Error ? e.message : String(e) }
    return { ok: false, error: { ...found, ...lineColumn(text, found.offset) } }
  }
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** A structural problem found by scanJsonTree. */
export interface JsonTreeIssue {
  path: (string | number)[]
  kind: 'too_deep' | 'prototype_key'
}

/**
 * Finds object keys named __proto__/constructor/prototype anywhere, and containers nested
 * deeper than `maxDepth` (reported once, not descended). At most `maxIssues` are returned.
 */
export function scanJsonTree(value: unknown, maxDepth: number, maxIssues = 100): JsonTreeIssue[] {
  const issues: JsonTreeIssue[] = []
  const visit = (x: unknown, path: (string | number)[]): void => {
    if (typeof x !== 'object' || x === null || issues.length >= maxIssues) return
    if (path.length >= maxDepth) {
      issues.push({ path, kind: 'too_deep' })
      return
    }
    if (Array.isArray(x)) {
      x.forEach((el, i) => visit(el, [...path, i]))
      return
    }
    for (const key of Object.keys(x)) {
      if (PROTOTYPE_KEYS.has(key)) issues.push({ path: [...path, key], kind: 'prototype_key' })
      else visit((x as Record<string, unknown>)[key], [...path, key])
    }
  }
  visit(value, [])
  return issues
}
