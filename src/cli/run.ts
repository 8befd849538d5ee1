import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkEvents } from '../core/io/linkEvents'
import { decodeBytes } from '../core/io/parseCsv'
import { readDataFile } from '../core/io/readDataFile'
import type { DataFile, DataFileOptions } from '../core/io/readDataFile'
import { checkRuleFields, readRules } from '../core/io/readRules'
import type { RulesFile } from '../core/io/readRules'
import { safeFileName } from '../core/io/safeFileName'
import { csvCell, toCsv } from '../core/io/toCsv'
import type { ImportIssue } from '../core/io/types'
import { parseCommand, USAGE, UsageError } from './args'
import type { CliOptions } from './args'
import { evaluateRules } from './evaluate'
import type { SegmentResult } from './evaluate'
import { formatIssue, formatResult, resultJson } from './report'
import { writeSql } from './sql'

/** Where the command writes text. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
}

/** Bad input: every issue is printed and the exit status is 2. */
class InputError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map(formatIssue).join('\n'))
    this.name = 'InputError'
  }
}

export const EXIT = { ok: 0, input: 2, usage: 64 } as const

/** Warnings printed one by one; the rest are counted (a mistyped column of a big file gives thousands). */
const MAX_WARNINGS = 30

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (e as Error).message
    throw new InputError([{ file, code: 'unreadable', reason: `cannot read the file: ${why}` }])
  }
}

function loadRules(file: string): RulesFile {
  const r = readRules(decodeBytes(readBytes(file)), file)
  if (!r.ok) throw new InputError(r.errors)
  return r.rules
}

async function loadData(file: string, opts: DataFileOptions): Promise<DataFile> {
  const r = await readDataFile(readBytes(file), file, opts)
  if (!r.ok) throw new InputError(r.errors)
  return r.data
}

/** The customers, with the order fields derived from `--events` when given, and every warning. */
async function loadCustomers(o: CliOptions, warn: (issues: ImportIssue[]) => void, note: (s: string) => void): Promise<DataFile> {
  const customers = await loadData(o.data, { kind: 'customers', idField: o.id, types: o.types, asOf: o.asOf, encoding: o.encoding })
  warn(customers.issues)
  note(`${o.data}: ${customers.table.rowCount} rows, id "${customers.idField}"; ${customers.table.fields.map((f) => `${f.name} ${f.type}`).join(', ')}`)
  if (o.events === undefined) return customers
  const events = await loadData(o.events, {
    kind: 'events', asOf: customers.asOf, encoding: o.encoding,
    events: { customerIdField: o.eventsCustomerId, dateField: o.eventsDate, amountField: o.eventsAmount, parentIdField: customers.idField },
  })
  warn(events.issues)
  const links = events.events as NonNullable<DataFile['events']>
  note(`${o.events}: ${events.table.rowCount} rows; customer id "${links.customerIdField}", date "${links.dateField}", amount "${links.amountField}"`)
  let linked
  try {
    linked = linkEvents({ table: customers.table, idField: customers.idField, asOf: customers.asOf, name: o.data }, { table: events.table, fileName: o.events, events: links })
  } catch (e) {
    throw new InputError([{ file: o.events, code: 'link_failed', reason: `cannot link the events to ${o.data}: ${(e as Error).message}` }])
  }
  warn(linked.issues)
  return { ...customers, table: linked.table }
}

function writeMembers(dir: string, segments: SegmentResult[], idField: string): string[] {
  const taken = new Set<string>()
  try {
    mkdirSync(dir, { recursive: true })
    return segments.map((s) => {
      const file = join(dir, `${safeFileName(s.name, taken)}.csv`)
      writeFileSync(file, toCsv([idField], (s.members ?? []).map((id) => [csvCell(id)])), 'utf8')
      return file
    })
  } catch (e) {
    throw new InputError([{ file: dir, code: 'unwritable', reason: `cannot write the member files: ${(e as Error).message}` }])
  }
}

async function segment(o: CliOptions, io: CliIo): Promise<number> {
  let shown = 0
  let hidden = 0
  const warn = (issues: ImportIssue[]): void => {
    for (const issue of issues) {
      if (shown < MAX_WARNINGS) io.stderr(`warning: ${formatIssue(issue)}\n`)
      else hidden++
      shown++
    }
  }
  const note = (s: string): void => io.stderr(`note: ${s}\n`)
  const rules = loadRules(o.rules)
  const customers = await loadCustomers(o, warn, note)
  const checked = checkRuleFields(rules, customers.table.fields, o.data)
  if (checked.errors.length > 0) throw new InputError(checked.errors)
  warn(checked.warnings)
  if (o.sql !== undefined) return writeSql(o.sql, rules, customers, io)
  const ev = evaluateRules(customers.table, rules, { asOf: customers.asOf, idField: customers.idField, members: o.out !== undefined })
  warn(ev.warnings)
  if (hidden > 0) io.stderr(`warning: … and ${hidden} more warnings\n`)
  const files = o.out === undefined ? undefined : writeMembers(o.out, ev.segments, customers.idField)
  io.stdout(o.json ? resultJson(ev, customers.asOf, files) : formatResult(ev, o.data, customers.asOf))
  if (files && !o.json) io.stderr(`note: wrote ${files.length} member file(s) to ${o.out}\n`)
  return EXIT.ok
}

/**
 * `npm run segment`: reads the rules and the data, evaluates every segment and prints the counts.
 * Returns the exit status: 0 done, 2 bad input (every problem printed on stderr), 64 wrong usage.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command
  try {
    command = parseCommand(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.stderr(`error: ${e.message}\n\n${USAGE}\n`)
    return EXIT.usage
  }
  if (command.help) {
    io.stdout(`${USAGE}\n`)
    return EXIT.ok
  }
  try {
    return await segment(command.options, io)
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    for (const issue of e.issues) io.stderr(`error: ${formatIssue(issue)}\n`)
    return EXIT.input
  }
}
