import { formatDate } from '../core/engine/columns'
import type { ImportIssue } from '../core/io/types'
import type { Evaluation } from './evaluate'

/** One issue as a line: where (file, row, JSON path, field) and why. */
export function formatIssue(issue: ImportIssue): string {
  const named = issue.field !== undefined && issue.reason.includes(`"${issue.field}"`)
  const where = [
    issue.file,
    issue.row !== undefined ? `row ${issue.row}` : '',
    issue.path ?? '',
    issue.field !== undefined && !named ? `field "${issue.field}"` : '',
  ].filter((s) => s !== '')
  return `${where.join(', ')}: ${issue.reason}`
}

/** Terminal columns of a string: East Asian wide characters take two. */
function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const c = ch.codePointAt(0) as number
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd)
    w += wide ? 2 : 1
  }
  return w
}

const padEnd = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)))
const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - displayWidth(s))) + s
const grouped = (n: number): string => n.toLocaleString('en-US')
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`

/** Rows of name, count and % of all customers, the first column left-aligned and the others right-aligned. */
function table(title: string, rows: { name: string; count: number; share: number }[]): string[] {
  const cells = [[title, 'customers', '%'], ...rows.map((r) => [r.name, grouped(r.count), percent(r.share)])]
  const widths = [0, 1, 2].map((k) => Math.max(...cells.map((c) => displayWidth(c[k]))))
  return cells.map((c) => `${padEnd(c[0], widths[0])}  ${padStart(c[1], widths[1])}  ${padStart(c[2], widths[2])}`.trimEnd())
}

/** The human-readable result: customers, then segment, count and % per segment, then each flow's actions. */
export function formatResult(ev: Evaluation, dataName: string, asOf: number): string {
  const lines = [`${grouped(ev.customers)} customers in ${dataName}, as of ${formatDate(asOf)}`, '', ...table('segment', ev.segments)]
  for (const flow of ev.flows ?? []) {
    lines.push('', `flow "${flow.name}": ${grouped(flow.audience)} customers enter`, ...table('action', flow.actions))
  }
  return lines.join('\n') + '\n'
}

/** The result for scripts: `{customers, asOf, segments: [{name, count, share, file?}], flows?}`. */
export function resultJson(ev: Evaluation, asOf: number, files?: readonly string[]): string {
  const out = {
    customers: ev.customers,
    asOf: formatDate(asOf),
    segments: ev.segments.map((s, i) => ({ name: s.name, count: s.count, share: s.share, ...(files ? { file: files[i] } : {}) })),
    ...(ev.flows ? { flows: ev.flows } : {}),
  }
  return JSON.stringify(out, null, 2) + '\n'
}
