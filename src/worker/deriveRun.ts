import { checkDefinitions } from '../core/derive/checkDefinitions'
import type { DerivedFieldDefinition } from '../core/derive/definition'
import { Deriver, withColumns, withoutFields } from '../core/derive/deriveFields'
import type { DerivedColumn, EventTableInput } from '../core/derive/deriveFields'
import { planDerive } from '../core/derive/planDerive'
import { freezeTags } from '../core/derive/segmentTags'
import type { ColumnarTable } from '../core/engine/columns'
import type { FieldMeta } from '../core/fields/types'
import type { DatasetMeta } from '../core/io/types'
import { listDatasets } from '../db/datasets'
import type { DerivedChange } from '../db/derivations'
import type { WorkContext } from './context'
import type { LoadedDataset } from './datasetCache'
import { WorkerError } from './workerError'

/** What a derive run starts from. */
export interface DeriveRunArgs {
  /** The definitions stored now, and the new list. */
  before: DerivedFieldDefinition[]
  after: DerivedFieldDefinition[]
  asOf: number
  /** Event tables added or deleted by this change. */
  changedEvents?: ReadonlySet<string>
  /** Event tables deleted by this change (not read, deleted in the same transaction). */
  deleteEvents?: string[]
  /** An event table being imported: not stored yet, read from memory. */
  incoming?: { id: string; table: ColumnarTable; customerIdField: string }
}

/** A computed change, ready for writeDerived, and the customer table after it. */
export interface DeriveRunOutput {
  change: DerivedChange
  table: ColumnarTable
  computed: string[]
  unmatched: Record<string, number>
}

async function eventTablesOf(ctx: WorkContext, customers: DatasetMeta, args: DeriveRunArgs): Promise<Map<string, { fields: FieldMeta[]; customerIdField: string }>> {
  const out = new Map<string, { fields: FieldMeta[]; customerIdField: string }>()
  for (const d of await listDatasets(ctx.db)) {
    if (d.kind === 'events' && d.parentId === customers.id && !args.deleteEvents?.includes(d.id)) {
      out.set(d.id, { fields: d.fields, customerIdField: d.customerIdField ?? d.idField })
    }
  }
  if (args.incoming) out.set(args.incoming.id, { fields: args.incoming.table.fields, customerIdField: args.incoming.customerIdField })
  return out
}

/** Refuses definitions that cannot be computed; an unchanged one whose event table is gone is fine (it counts no events). */
function refuseInvalid(args: DeriveRunArgs, customerFields: FieldMeta[], tables: Map<string, { fields: FieldMeta[] }>): void {
  const eventTables = Object.fromEntries([...tables].map(([id, t]) => [id, t.fields]))
  const stored = new Map(args.before.map((d) => [d.name, JSON.stringify(d)]))
  const issues = checkDefinitions(args.after, { customerFields, eventTables })
    .filter((i) => !(i.code === 'unknown_events' && stored.get(i.name) === JSON.stringify(args.after[i.index])))
  if (issues.length === 0) return
  // A name held by imported data is a clash with what is stored (as replaceColumns reports it), not a malformed request.
  const code = issues.some((i) => i.code === 'name_taken') ? 'conflict' : 'invalid'
  throw new WorkerError(code, issues.slice(0, 5).map((i) => `${i.name}: ${i.reason}`).join('; '))
}

/**
 * Recomputes what a change of definitions, as-of date or event tables requires (planDerive), reading
 * only the event tables it needs; cancellable between definitions, with progress per definition.
 * Writes nothing: the caller stores `change` with writeDerived, alone or in a bigger transaction.
 */
export async function runDerive(ctx: WorkContext, customers: LoadedDataset, args: DeriveRunArgs): Promise<DeriveRunOutput> {
  const { meta, table } = customers
  const tables = await eventTablesOf(ctx, meta, args)
  refuseInvalid(args, table.fields, tables)
  // Tags asked to be frozen (their rules checked just above) take their members now, from the table as stored.
  const after = freezeTags(args.after, table, meta.idField, meta.asOf)
  const asOfChanged = args.asOf !== meta.asOf
  const plan = planDerive(args.before, after, { customerFields: table.fields, asOfChanged, changedEvents: args.changedEvents })
  const events: Record<string, EventTableInput> = {}
  for (const def of plan.compute) {
    const info = def.kind === 'aggregate' ? tables.get(def.events) : undefined
    if (def.kind !== 'aggregate' || !info || events[def.events]) continue
    ctx.progress({ phase: 'load', done: 0, total: 1 })
    const loaded = args.incoming?.id === def.events ? args.incoming.table : (await ctx.datasets.get(def.events)).table
    events[def.events] = { table: loaded, customerIdField: info.customerIdField }
    await ctx.checkpoint()
  }
  const deriver = new Deriver({ customers: table, idField: meta.idField, asOf: args.asOf, events })
  const columns: DerivedColumn[] = []
  let current = table
  for (const [k, def] of plan.compute.entries()) {
    ctx.progress({ phase: 'derive', done: k, total: plan.compute.length })
    await ctx.checkpoint()
    const one = deriver.compute(def, current, current.fields.find((f) => f.name === def.name))
    columns.push(one)
    current = withColumns(current, [one])
  }
  ctx.progress({ phase: 'derive', done: plan.compute.length, total: plan.compute.length })
  const change: DerivedChange = {
    definitions: after, columns, remove: plan.remove, expectVersion: meta.version,
    ...(asOfChanged ? { asOf: args.asOf } : {}), ...(args.deleteEvents ? { deleteEvents: args.deleteEvents } : {}),
  }
  const unmatched = Object.fromEntries(Object.keys(events).map((id) => [id, deriver.unmatched(id)]))
  return { change, table: withoutFields(current, plan.remove), computed: columns.map((c) => c.field.name), unmatched }
}
