import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { checkDefinitions } from '@/core/derive/checkDefinitions'
import type { DefinitionIssue } from '@/core/derive/checkDefinitions'
import type { AggregateDefinition, DerivedFieldDefinition, SegmentTag } from '@/core/derive/definition'
import { removeTag, upsertTag } from '@/core/derive/segmentTags'
import { guessStandardColumns, mergeDefinitions, standardDefinitions } from '@/core/derive/standardSet'
import { getDerivations } from '@/db/derivations'
import { getEngineClient } from '@/worker/client'
import type { DeriveFieldsPayload } from '@/worker/client'
import type { Progress } from './workspace'
import { useWorkspaceStore } from './workspace'
import { plain } from './plain'
import { useSnapshotsStore } from './snapshots'


/** What the one-click set could not find in an event table. */
export type StandardMissing = ('dateField' | 'amountField')[]

/**
 * Behaviour fields of the current customer dataset: its derived-field definitions, and the requests
 * that change them (or its as-of date), run one at a time in the worker with progress and cancel.
 */
export const useDeriveStore = defineStore('derive', () => {
  const workspace = useWorkspaceStore()
  const definitions = shallowRef<DerivedFieldDefinition[]>([])
  const running = ref(false)
  const progress = shallowRef<Progress | null>(null)
  const error = ref<string | null>(null)
  /** Fields computed by the last request that finished. */
  const lastComputed = ref<string[] | null>(null)
  let controller: AbortController | null = null

  const dataset = computed(() => workspace.dataset)
  const eventTables = computed(() => workspace.datasets.filter((d) => d.kind === 'events' && d.parentId === dataset.value?.id))

  async function load(): Promise<void> {
    const ds = dataset.value
    const defs = ds ? await getDerivations(ds.id) : []
    if (dataset.value?.id === ds?.id) definitions.value = defs
  }
  watch(() => [dataset.value?.id, dataset.value?.version], () => void load().catch((e: unknown) => (error.value = String(e))), { immediate: true })

  async function run(work: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<unknown>): Promise<boolean> {
    controller?.abort()
    const mine = (controller = new AbortController())
    running.value = true
    error.value = null
    lastComputed.value = null
    try {
      const r = await work(mine.signal, (p) => (progress.value = p))
      lastComputed.value = (r as { computed?: string[] } | undefined)?.computed ?? []
      await workspace.refreshDatasets()
      await load()
      // The data changed (new as-of date, re-derived fields): snapshot the segments on the new version.
      void useSnapshotsStore().autoSnapshot()
      return true
    } catch (e) {
      if (!mine.signal.aborted) error.value = e instanceof Error ? e.message : String(e)
      return false
    } finally {
      if (controller === mine) {
        running.value = false
        progress.value = null
        controller = null
      }
    }
  }

  /** Sends the full new list of definitions and/or a new as-of date for the current dataset. */
  function apply(change: Omit<DeriveFieldsPayload, 'datasetId'>): Promise<boolean> {
    const ds = dataset.value
    if (!ds) return Promise.resolve(false)
    return run((signal, onProgress) => getEngineClient().deriveFields(plain({ datasetId: ds.id, ...change }), { signal, onProgress }))
  }

  /** Problems of a candidate list of definitions on the current dataset (empty = computable). */
  function issuesOf(defs: DerivedFieldDefinition[]): DefinitionIssue[] {
    const eventFields = Object.fromEntries(eventTables.value.map((t) => [t.id, t.fields]))
    return checkDefinitions(defs, { customerFields: dataset.value?.fields ?? [], eventTables: eventFields })
  }

  /** Adds the built-in set over an event table; returns the columns it could not find instead (nothing is sent then). */
  async function addStandardSet(eventsId: string): Promise<StandardMissing> {
    const table = eventTables.value.find((t) => t.id === eventsId)
    if (!table) return []
    const own = definitions.value.filter((d): d is AggregateDefinition => d.kind === 'aggregate' && d.events === eventsId)
    const cols = guessStandardColumns(table.fields, table.customerIdField ?? table.idField, own)
    const { definitions: added, missing } = standardDefinitions(eventsId, cols)
    if (missing.length > 0) return missing
    await apply({ definitions: mergeDefinitions(definitions.value, added) })
    return []
  }

  /** Adds a definition, or replaces the one named `replacing` (in place). */
  function saveDefinition(def: DerivedFieldDefinition, replacing?: string): Promise<boolean> {
    const list = definitions.value
    const at = replacing === undefined ? -1 : list.findIndex((d) => d.name === replacing)
    return apply({ definitions: at < 0 ? [...list, def] : list.map((d, i) => (i === at ? def : d)) })
  }

  /** Saves a tag from a segment into list field `field` (core upsertTag); a frozen tag takes its members in the worker. */
  function saveTag(field: string, tag: SegmentTag): Promise<boolean> {
    return apply({ definitions: upsertTag(definitions.value, field, tag) })
  }

  function deleteTag(field: string, label: string): Promise<boolean> {
    return apply({ definitions: removeTag(definitions.value, field, label) })
  }

  function removeDefinition(name: string): Promise<boolean> {
    return apply({ definitions: definitions.value.filter((d) => d.name !== name) })
  }

  /** Sets the dataset's as-of date (`YYYY-MM-DD`, UTC); every behaviour field is recomputed against it. */
  function setAsOf(isoDay: string): Promise<boolean> {
    const ms = Date.parse(`${isoDay}T00:00:00Z`)
    return Number.isNaN(ms) ? Promise.resolve(false) : apply({ asOf: ms })
  }

  /** Deletes an event table; the behaviour fields that read it are recomputed in the same step. */
  function deleteEventTable(id: string): Promise<boolean> {
    return run((signal, onProgress) => getEngineClient().deleteEventTable(id, { signal, onProgress }))
  }

  function cancel(): void {
    controller?.abort()
  }

  return {
    definitions, running, progress, error, lastComputed, dataset, eventTables,
    load, apply, issuesOf, addStandardSet, saveDefinition, saveTag, deleteTag, removeDefinition, setAsOf, deleteEventTable, cancel,
  }
})
