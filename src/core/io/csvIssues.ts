import type { ImportIssue } from './types'

/** Default number of issues of one kind (per field) that are listed one by one. */
export const DEFAULT_MAX_ISSUES_PER_KIND = 100

/**
 * Collects import issues, listing at most `maxPerKind` of each kind and summarising the rest.
 *
 * A million-row file with one mistyped column would otherwise produce a million issue objects;
 * the user needs the first few examples and a count, not all of them.
 */
export class IssueCollector {
  private readonly listed: ImportIssue[] = []
  private readonly counts = new Map<string, { n: number; sample: ImportIssue }>()

  constructor(readonly file: string, readonly maxPerKind = DEFAULT_MAX_ISSUES_PER_KIND) {}

  /** Records an issue; `kind` groups issues for the cap (e.g. `not_a_number:age`). */
  add(kind: string, issue: Omit<ImportIssue, 'file'>): void {
    const entry = this.counts.get(kind)
    const full: ImportIssue = { file: this.file, ...issue }
    if (!entry) this.counts.set(kind, { n: 1, sample: full })
    else entry.n++
    if ((entry?.n ?? 1) <= this.maxPerKind) this.listed.push(full)
  }

  /** Total number of issues recorded, listed or not. */
  get total(): number {
    let n = 0
    for (const c of this.counts.values()) n += c.n
    return n
  }

  /** The listed issues followed by one summary issue per kind that went over the cap. */
  finish(): ImportIssue[] {
    const out = this.listed.slice()
    for (const { n, sample } of this.counts.values()) {
      if (n <= this.maxPerKind) continue
      const more = n - this.maxPerKind
      out.push({
        file: this.file,
        field: sample.field,
        code: 'more_issues',
        reason: `${more} more issue(s) like "${sample.reason}" not listed`,
        params: { count: more, code: sample.code ?? '' },
      })
    }
    return out
  }
}
