import { z } from 'zod'
import { flowGraphSchema, jsonLogicSchema } from '../db/schemas'
import type { FlowGraph } from '../core/flows/types'
import type { ExportFormat } from '../core/io/exportTable'
import type { JsonLogic } from '../core/logic/types'

// The 'exportTable' request (registered in protocol.ts): the worker builds the whole file and sends
// back its bytes as a transferable ArrayBuffer, so customer rows never cross as objects.

/** What to export: a segment's members with chosen columns, or who gets which action of a flow. */
export type ExportSpec =
  | { kind: 'members'; logic: JsonLogic; fields: string[] }
  | {
    kind: 'assignments'; graph: FlowGraph; segmentLogic: Record<string, JsonLogic>
    /** Column headers and the "everyone else" label in the branch path, in the UI's language. */
    labels: { action: string; path: string; else: string }
  }

export interface ExportTablePayload {
  datasetId: string
  format: ExportFormat
  spec: ExportSpec
  /** The workbook's sheet name (xlsx). */
  sheetName?: string
}

export interface ExportTableResult {
  /** The file, ready to save (transferred, not copied). */
  bytes: ArrayBuffer
  /** Data rows written (header not counted). */
  rows: number
  /** Assignments: customers per action node id. */
  perAction?: Record<string, number>
}

const label = z.string().max(200)

/** zod schema of the payload (messages.ts). */
export const exportTablePayloadSchema = z.object({
  datasetId: z.string().min(1).max(200),
  format: z.enum(['csv', 'csv-gbk', 'xlsx']),
  sheetName: z.string().max(200).optional(),
  spec: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('members'), logic: jsonLogicSchema, fields: z.array(z.string().min(1).max(200)).max(500) }),
    z.object({
      kind: z.literal('assignments'), graph: flowGraphSchema, segmentLogic: z.record(z.string(), jsonLogicSchema),
      labels: z.object({ action: label, path: label, else: label }),
    }),
  ]),
})

/** Transfer list of a message the worker posts: an export's bytes move instead of being copied. */
export function transferList(message: unknown): Transferable[] {
  const result = (message as { result?: { bytes?: unknown } } | null)?.result
  return result?.bytes instanceof ArrayBuffer ? [result.bytes] : []
}
