/*
 * Selecting cells of the grid (r·cols + c): a click toggles a cell, shift-click or a drag adds the
 * rectangle between two cells, a row or column header toggles the whole row or column. A toggle of
 * several cells selects them all unless all are already selected, in which case it clears them.
 */

/** The cells of the rectangle with corners `a` and `b` (cell indexes) in a grid of `cols` columns. */
export function rectangleCells(a: number, b: number, cols: number): number[] {
  const [r0, r1] = [Math.floor(a / cols), Math.floor(b / cols)].sort((x, y) => x - y)
  const [c0, c1] = [a % cols, b % cols].sort((x, y) => x - y)
  const out: number[] = []
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push(r * cols + c)
  return out
}

/** The cells of row `r`. */
export function rowCells(r: number, cols: number): number[] {
  return Array.from({ length: cols }, (_, c) => r * cols + c)
}

/** The cells of column `c` in a grid of `rows` × `cols`. */
export function colCells(c: number, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, r) => r * cols + c)
}

/** A new selection: `cells` removed when all of them are selected, else added. */
export function toggleCells(selected: ReadonlySet<number>, cells: readonly number[]): Set<number> {
  const out = new Set(selected)
  const all = cells.every((c) => out.has(c))
  for (const c of cells) {
    if (all) out.delete(c)
    else out.add(c)
  }
  return out
}

/** A new selection with `cells` added. */
export function addCells(selected: ReadonlySet<number>, cells: readonly number[]): Set<number> {
  return new Set([...selected, ...cells])
}

/** Number of customers in the selected cells. */
export function selectedCount(selected: ReadonlySet<number>, counts: readonly number[]): number {
  let n = 0
  for (const c of selected) n += counts[c] ?? 0
  return n
}
