import { hasBit } from './snapshot'

/*
 * Migration between two snapshots, customers matched by id. Rows are the groups at the EARLIER
 * snapshot, columns the groups at the LATER one, plus two extra labels on each side:
 *   row `none` / column `none`  — present in that snapshot but in none of its groups;
 *   row `new`                   — absent from the earlier snapshot (new customers), by later group;
 *   column `gone`               — absent from the later snapshot (customers gone), by earlier group.
 * Groups may overlap (segments): a customer in X and X′ earlier and in Y later counts in (X, Y) and
 * (X′, Y). Exclusive groups (RFM classes) give each customer exactly one cell.
 */

/** The groups of one snapshot: how many there are and which ones position k belongs to. */
export interface Grouping {
  ids: readonly string[]
  size: number
  groupsOf: (k: number) => number[]
}

/** `cells[r][c]`: rows = earlier groups, then none, then new; columns = later groups, then none, then gone. */
export interface MigrationMatrix {
  rows: number
  cols: number
  cells: number[][]
}

/** A grouping by bitsets (segments, possibly overlapping). */
export function bitsetGrouping(ids: readonly string[], groups: readonly Uint32Array[]): Grouping {
  return {
    ids, size: groups.length,
    groupsOf: (k) => {
      const out: number[] = []
      for (let g = 0; g < groups.length; g++) if (hasBit(groups[g], k)) out.push(g)
      return out
    },
  }
}

/** A grouping by one code per position (RFM classes): code c → group c; a negative code → no group. */
export function codeGrouping(ids: readonly string[], codes: ArrayLike<number>, size: number): Grouping {
  return { ids, size, groupsOf: (k) => (codes[k] >= 0 && codes[k] < size ? [codes[k]] : []) }
}

/** Adds 1 to every (row, col) pair of the two label lists; an empty list stands for `none`. */
function addPairs(cells: number[][], from: number[], to: number[], noneRow: number, noneCol: number): void {
  const rs = from.length > 0 ? from : [noneRow]
  const cs = to.length > 0 ? to : [noneCol]
  for (const r of rs) for (const c of cs) cells[r][c]++
}

/**
 * For each earlier position, the later position of the same id (-1 when gone). Snapshots of one
 * dataset usually list the same ids in the same order: then no hashing is needed.
 */
export function matchPositions(earlier: readonly string[], later: readonly string[]): Int32Array {
  const out = new Int32Array(earlier.length)
  let same = earlier.length === later.length
  for (let k = 0; same && k < earlier.length; k++) same = earlier[k] === later[k]
  if (same) return out.map((_, k) => k)
  const at = new Map<string, number>()
  later.forEach((id, j) => at.set(id, j))
  for (let k = 0; k < earlier.length; k++) out[k] = at.get(earlier[k]) ?? -1
  return out
}

/** The migration matrix from `earlier` to `later` (see the module comment for the extra rows/columns). */
export function migrationMatrix(earlier: Grouping, later: Grouping): MigrationMatrix {
  const rows = earlier.size + 2, cols = later.size + 2
  const cells = Array.from({ length: rows }, () => new Array<number>(cols).fill(0))
  const match = matchPositions(earlier.ids, later.ids)
  const matched = new Uint8Array(later.ids.length)
  for (let k = 0; k < earlier.ids.length; k++) {
    const j = match[k]
    const from = earlier.groupsOf(k)
    if (j < 0) {
      addPairs(cells, from, [cols - 1], earlier.size, cols - 1)
      continue
    }
    matched[j] = 1
    addPairs(cells, from, later.groupsOf(j), earlier.size, later.size)
  }
  for (let j = 0; j < later.ids.length; j++) if (!matched[j]) addPairs(cells, [rows - 1], later.groupsOf(j), rows - 1, later.size)
  return { rows, cols, cells }
}
