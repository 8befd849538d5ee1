import { parseArgs } from 'node:util'
import { parseIsoDate } from '../core/engine/columns'
import { TEXT_ENCODINGS } from '../core/io/decodeText'
import type { TextEncodingName } from '../core/io/decodeText'
import { parseDialectName, SQL_DIALECTS } from '../core/io/sql/dialects'
import type { SqlDialectName } from '../core/io/sql/dialects'

export const USAGE = `Usage: npm run segment -- --rules <rules.json> --data <customers.csv> [options]

Counts the customers of each segment with the SegmentFlow engine, in Node.

  --rules <file>               a SegmentFlow rule set (.segmentflow.json), a bare JSON-logic
                               expression (one segment, named after the file), or an object
                               mapping segment names to JSON-logic expressions
  --data <file>                the customer table: CSV/TSV (UTF-8, UTF-16 with BOM, or GBK/GB18030),
                               JSON (an array of objects), NDJSON (one object per line) or Excel .xlsx
  --events <file>              an event table (orders): derives order_count, total_amount, avg_amount,
                               last_order_date and days_since_last_order onto the customers
  --out <dir>                  write the member ids of each segment to <dir>/<segment>.csv
  --json                       print the result as JSON
  --id <column>                the customers' id column (default: guessed, as the app does)
  --type <column>=<type>       override an inferred type (number, text, category, boolean, date, list);
                               repeatable
  --encoding <name>            read the text files as utf-8, gb18030 (GBK), utf-16le or utf-16be
                               instead of detecting it
  --as-of <YYYY-MM-DD>         reference date of "in the last N days" and days_since_last_order
                               (default: today, UTC)
  --events-customer-id <col>   the events' customer id column (default: guessed)
  --events-date <column>       the events' date column (default: the first date column)
  --events-amount <column>     the events' amount column (default: guessed)
  --sql <dialect>              print the SQL of every segment and flow instead of counting, for
                               duckdb, postgres, spark or bigquery (table "customers", the data's
                               columns; tag lists as arrays)
  -h, --help                   show this text

Exit status: 0 done (warnings are printed but do not fail), 2 bad input (the message names the
file, row or JSON path, field and reason), 64 wrong usage.`

/** What the command was asked to do. */
export interface CliOptions {
  rules: string
  data: string
  events?: string
  out?: string
  json: boolean
  id?: string
  /** `--type` pairs of column and type name, in order (checked against the data later). */
  types: [string, string][]
  /** Epoch ms UTC, when given. */
  asOf?: number
  eventsCustomerId?: string
  eventsDate?: string
  eventsAmount?: string
  /** The user's encoding of the data files (default: detected). */
  encoding?: TextEncodingName
  /** `--sql`: print SQL in this dialect instead of counting. */
  sql?: SqlDialectName
}

/** Wrong usage: exit 64 with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export type ParsedCommand = { help: true } | { help: false; options: CliOptions }

const OPTIONS = {
  rules: { type: 'string' }, data: { type: 'string' }, events: { type: 'string' }, out: { type: 'string' },
  json: { type: 'boolean' }, id: { type: 'string' }, type: { type: 'string', multiple: true }, 'as-of': { type: 'string' },
  encoding: { type: 'string' }, 'events-customer-id': { type: 'string' }, 'events-date': { type: 'string' }, 'events-amount': { type: 'string' },
  help: { type: 'boolean', short: 'h' }, sql: { type: 'string' },
} as const

function typePair(spec: string): [string, string] {
  const eq = spec.lastIndexOf('=')
  if (eq <= 0) throw new UsageError(`--type expects <column>=<type>, got "${spec}"`)
  return [spec.slice(0, eq).trim(), spec.slice(eq + 1).trim()]
}

function encodingName(text: string | undefined): TextEncodingName | undefined {
  if (text === undefined) return undefined
  const name = text.toLowerCase() === 'gbk' ? 'gb18030' : text.toLowerCase()
  const known = TEXT_ENCODINGS.find((e) => e === name)
  if (!known) throw new UsageError(`--encoding expects one of ${TEXT_ENCODINGS.join(', ')} (or gbk), got "${text}"`)
  return known
}

function asOfDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseIsoDate(text) : NaN
  if (Number.isNaN(ms)) throw new UsageError(`--as-of expects a date as YYYY-MM-DD, got "${text}"`)
  return ms
}

function dialectOf(text: string | undefined): SqlDialectName | undefined {
  if (text === undefined) return undefined
  const d = parseDialectName(text)
  if (!d) throw new UsageError(`--sql expects one of ${SQL_DIALECTS.join(', ')}, got "${text}"`)
  return d
}

/** Reads the command line; throws UsageError for unknown options, missing values and malformed ones. */
export function parseCommand(argv: readonly string[]): ParsedCommand {
  let values
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
  if (values.help) return { help: true }
  if (values.rules === undefined) throw new UsageError('--rules <file> is required')
  if (values.data === undefined) throw new UsageError('--data <file> is required')
  return {
    help: false,
    options: {
      rules: values.rules, data: values.data, events: values.events, out: values.out, json: values.json ?? false,
      id: values.id, types: (values.type ?? []).map(typePair), asOf: asOfDate(values['as-of']),
      eventsCustomerId: values['events-customer-id'], eventsDate: values['events-date'], eventsAmount: values['events-amount'],
      encoding: encodingName(values.encoding), sql: dialectOf(values.sql),
    },
  }
}
