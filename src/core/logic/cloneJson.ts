import type { JsonLogic } from './types'

/**
 * A deep copy of JSON-logic made by reading it, so it also works on Vue reactive proxies (which
 * structuredClone and postMessage refuse) and never aliases the caller's objects.
 */
export function cloneJson(x: JsonLogic): JsonLogic {
  if (Array.isArray(x)) return x.map(cloneJson)
  if (typeof x !== 'object' || x === null) return x
  const out: { [k: string]: JsonLogic } = {}
  // defineProperty rather than assignment: a "__proto__" key stays an own key, as JSON.parse makes it.
  for (const k of Object.keys(x)) Object.defineProperty(out, k, { value: cloneJson(x[k]), enumerable: true, writable: true, configurable: true })
  return out
}
