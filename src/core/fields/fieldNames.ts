/** Names that must never be a field name: json-logic-js `var` would walk the prototype chain. */
export const FORBIDDEN_FIELD_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Turns one header cell into a field name usable as a JSON-logic `var` path: trimmed, with `.` replaced
 * by `_` (json-logic-js splits `var` paths on dots, so `price.usd` would never be found), prototype
 * keys suffixed with `_`, and an empty name replaced by `column_<n>` (1-based column number).
 */
export function toFieldName(header: string, index: number): string {
  const name = header.trim().replace(/\./g, '_')
  if (name === '') return `column_${index + 1}`
  return FORBIDDEN_FIELD_NAMES.has(name) ? `${name}_` : name
}

/**
 * Field names for a whole header: `toFieldName` of each cell, made unique by suffixing `_2`, `_3`, …
 * to later duplicates. The result is positional: name `i` belongs to column `i`.
 */
export function fieldNamesFromHeader(header: readonly string[]): string[] {
  const base = header.map(toFieldName)
  const used = new Set<string>()
  // Reserve every distinct base name first so that a renamed duplicate never takes a later column's name.
  for (const n of base) used.add(n)
  const taken = new Set<string>()
  return base.map((name) => {
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
    let k = 2
    while (used.has(`${name}_${k}`)) k++
    const unique = `${name}_${k}`
    used.add(unique)
    taken.add(unique)
    return unique
  })
}
