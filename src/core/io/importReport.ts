import type { FieldMeta } from '../fields/types'
import { IssueCollector } from './csvIssues'
import type { TextEncodingName } from './decodeText'
import type { ImportIssue } from './types'

export type { TextEncodingName }

/** Data formats the importer reads. */
export type DataFormat = 'csv' | 'json' | 'ndjson' | 'xlsx'

/** What to do with rows that have a problem, once the user has seen the report. */
export type BadRowPolicy = 'skip' | 'keep'

/** How many issues of one kind (reason) were found, per field where the issue is about a field. */
export interface IssueCount {
  code: string
  field?: string
  count: number
}

/**
 * Everything the user is shown before an import is committed. `issues` lists the first problems of
 * each kind (row, field, value, reason); `counts` has the totals, listed or not.
 */
export interface ImportReport {
  fileName: string
  format: DataFormat
  encoding?: TextEncodingName
  /** 'bom': a byte-order mark said so; 'detected': guessed from the bytes; 'chosen': the user's choice. */
  encodingSource?: 'bom' | 'detected' | 'chosen'
  /** CSV/TSV: the delimiter used. */
  delimiter?: string
  bytes: number
  /** Data rows read (blank lines and undecodable JSON records excluded). */
  rowCount: number
  /** Rows that "skip the bad rows" leaves out: a value that does not parse, a ragged row, an empty or repeated id. */
  badRowCount: number
  /** Rows left out whatever the choice (JSON records that are not objects or not JSON at all). */
  droppedRowCount: number
  counts: IssueCount[]
  issues: ImportIssue[]
  /** The imported fields, in column order. */
  fields: FieldMeta[]
  /** Customers: the id field, and how many ids were empty or repeated (each repeat after the first). */
  idField?: string
  emptyIds: number
  duplicateIds: number
}

/**
 * Issue collector that also counts by reason and field: a report needs the first examples of each kind
 * (IssueCollector caps them) and exact totals.
 */
export class IssueTally {
  private readonly collector: IssueCollector
  private readonly byKind = new Map<string, IssueCount>()

  constructor(readonly file: string, maxPerKind?: number) {
    this.collector = new IssueCollector(file, maxPerKind)
  }

  /** Records an issue; `kind` groups issues for the listing cap (e.g. `not_a_number:age`). */
  add(kind: string, issue: Omit<ImportIssue, 'file'>): void {
    this.collector.add(kind, issue)
    const key = `${issue.code ?? kind}\u0000${issue.field ?? ''}`
    const entry = this.byKind.get(key)
    if (entry) entry.count++
    else this.byKind.set(key, { code: issue.code ?? kind, ...(issue.field !== undefined ? { field: issue.field } : {}), count: 1 })
  }

  /** Count of issues with this code (all fields). */
  countOf(code: string): number {
    let n = 0
    for (const c of this.byKind.values()) if (c.code === code) n += c.count
    return n
  }

  counts(): IssueCount[] {
    return [...this.byKind.values()].map((c) => ({ ...c }))
  }

  /** The listed issues, then one summary per kind over the cap (see IssueCollector.finish). */
  finish(): ImportIssue[] {
    return this.collector.finish()
  }
}
