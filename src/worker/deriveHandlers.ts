import { mergeDefinitions } from '../core/derive/standardSet'
import { orderFieldDefinitions } from '../core/derive/deriveOrderFields'
import { rebindOrphans } from '../core/derive/planDerive'
import type { ColumnarTable } from '../core/engine/columns'
import type { DatasetMeta } from '../core/io/types'
import { listDatasets } from '../db/datasets'
import { getDerivations, writeDerived } from '../db/derivations'
import type { WorkContext } from './context'
import type { LoadedDataset } from './datasetCache'
import type { DeleteEventTablePayload, DeriveFieldsPayload, DeriveFieldsResult } from './deriveProtocol'
import { runDerive } from './deriveRun'
import type { DeriveRunOutput } from './deriveRun'
import { WorkerError } from './workerError'

async function customerDataset(ctx: WorkContext, id: string): Promise<LoadedDataset> {
  const d = await ctx.datasets.get(id)
  if (d.meta.kind !== 'customers') throw new WorkerError('invalid', `Dataset "${d.meta.name}" is not a customer table: derived fields belong to customers.`)
  await ctx.checkpoint()
  return d
}

async function store(ctx: WorkContext, customers: LoadedDataset, out: DeriveRunOutput): Promise<DeriveFieldsResult> {
  ctx.progress({ phase: 'save', done: 0, total: 1 })
  await ctx.checkpoint()
  const meta = await writeDerived(customers.meta.id, out.change, ctx.db)
  // The new table is in memory already: the next count need not reload it.
  ctx.datasets.put(meta, out.table)
  return { meta, computed: out.computed, removed: out.change.remove, unmatched: out.unmatched }
}

/**
 * 'deriveFields': sets a customer dataset's derived-field definitions and/or its as-of date, computes
 * what changed (all of it when the as-of date moves) and stores columns, definitions and date in one
 * transaction. Definitions that cannot be computed are refused ('invalid') before any work.
 */
export async function handleDeriveFields(ctx: WorkContext, p: DeriveFieldsPayload): Promise<DeriveFieldsResult> {
  const customers = await customerDataset(ctx, p.datasetId)
  const before = await getDerivations(customers.meta.id, ctx.db)
  const out = await runDerive(ctx, customers, { before, after: p.definitions ?? before, asOf: p.asOf ?? customers.meta.asOf })
  return store(ctx, customers, out)
}

/**
 * 'deleteEventTable': deletes an event table and, in the same transaction, recomputes the derived
 * fields that read it (over no events now: counts and sums 0, the rest missing) and those that read
 * them. The definitions stay, so importing a replacement table brings the values back (rebindOrphans).
 */
export async function handleDeleteEventTable(ctx: WorkContext, p: DeleteEventTablePayload): Promise<DeriveFieldsResult> {
  const meta = await ctx.datasets.meta(p.datasetId)
  if (meta.kind !== 'events' || !meta.parentId) throw new WorkerError('invalid', `Dataset "${meta.name}" is not an event table.`)
  const customers = await customerDataset(ctx, meta.parentId)
  const before = await getDerivations(customers.meta.id, ctx.db)
  const out = await runDerive(ctx, customers, {
    before, after: before, asOf: customers.meta.asOf, changedEvents: new Set([meta.id]), deleteEvents: [meta.id],
  })
  return store(ctx, customers, out)
}

/** An event table being imported, as the import hands it over. */
export interface IncomingEvents {
  /** The id the new event dataset will have. */
  id: string
  table: ColumnarTable
  customerIdField: string
  dateField: string
  amountField: string
  /** Put before the order-field names (a second event table). */
  prefix?: string
}

/** The derived-field part of an event import: computed up front, written inside the import's final transaction. */
export interface ImportDerive {
  /** Event rows whose customer id is empty or unknown. */
  unmatched: number
  /** Writes the change (call inside the transaction that publishes the event table). */
  finalize(): Promise<void>
  /** After the import committed: keeps the new customer table in memory. */
  committed(): void
}

/**
 * Prepares what importing an event table does to its customer dataset: the order fields become
 * definitions over the new table (replacing same-named ones), definitions whose table was deleted are
 * re-bound to it when its fields fit, and everything reading the new table is computed.
 */
export async function prepareImportDerive(ctx: WorkContext, parent: LoadedDataset, incoming: IncomingEvents): Promise<ImportDerive> {
  const before = await getDerivations(parent.meta.id, ctx.db)
  const existing = new Set((await listDatasets(ctx.db)).filter((d) => d.parentId === parent.meta.id).map((d) => d.id))
  const orders = orderFieldDefinitions(incoming.id, incoming)
  const after = mergeDefinitions(rebindOrphans(before, existing, { id: incoming.id, fields: incoming.table.fields }), orders)
  const out = await runDerive(ctx, parent, {
    before, after, asOf: parent.meta.asOf, changedEvents: new Set([incoming.id]),
    incoming: { id: incoming.id, table: incoming.table, customerIdField: incoming.customerIdField },
  })
  let meta: DatasetMeta | undefined
  return {
    unmatched: out.unmatched[incoming.id] ?? 0,
    finalize: async () => {
      meta = await writeDerived(parent.meta.id, out.change, ctx.db)
    },
    committed: () => {
      if (meta) ctx.datasets.put(meta, out.table)
    },
  }
}
