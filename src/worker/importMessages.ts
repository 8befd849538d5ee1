import { z } from 'zod'
import { TEXT_ENCODINGS } from '../core/io/decodeText'
import { CSV_DELIMITERS } from '../core/io/parseCsv'
import { fieldMetaSchema } from '../db/schemas'

// zod schemas of the import requests (importProtocol.ts), used by messages.ts.

const MAX_COLUMNS = 5000
const name = z.string().min(1).max(500)
const blob = z.custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, { message: 'expected a File or Blob' })

const readOptions = z.object({
  format: z.enum(['csv', 'json', 'ndjson', 'xlsx']).optional(),
  encoding: z.enum(TEXT_ENCODINGS as [string, ...string[]]).optional(),
  delimiter: z.enum(CSV_DELIMITERS as [string, ...string[]]).optional(),
}).optional()

export const importPreviewSchema = z.object({ file: blob, fileName: name, options: readOptions })

export const importPrepareSchema = z.object({
  file: blob,
  fileName: name,
  options: readOptions,
  name,
  kind: z.enum(['customers', 'events']),
  header: z.array(z.string().max(1000)).min(1).max(MAX_COLUMNS),
  fields: z.array(fieldMetaSchema.nullable()).min(1).max(MAX_COLUMNS),
  idField: z.string(),
  listSeparators: z.record(z.string(), z.string().min(1).max(5)).optional(),
  parentId: z.string().optional(),
  customerIdField: z.string().optional(),
  dateField: z.string().optional(),
  amountField: z.string().optional(),
  asOf: z.number().optional(),
}).refine((p) => p.fields.length === p.header.length, { message: 'fields must have one entry per header column' }).refine(
  (p) => p.kind === 'customers' || (p.parentId && p.customerIdField && p.dateField && p.amountField),
  { message: 'an events import needs parentId, customerIdField, dateField and amountField' },
)

const prepareId = z.string().min(1).max(200)
export const importCommitSchema = z.object({ prepareId, badRows: z.enum(['skip', 'keep']) })
export const importDiscardSchema = z.object({ prepareId })
