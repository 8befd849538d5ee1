import type { ColumnarTable } from '../core/engine/columns'
import { Engine } from '../core/engine/evaluate'
import type { DatasetMeta } from '../core/io/types'
import { getDataset, loadDataset } from '../db/datasets'
import type { SegmentFlowDb } from '../db/database'
import { WorkerError } from './workerError'

/** A dataset held in the worker's memory, with the engine (and its bitset cache) over it. */
export interface LoadedDataset {
  meta: DatasetMeta
  table: ColumnarTable
  engine: Engine
}

interface Entry {
  version: number
  promise: Promise<LoadedDataset>
}

/**
 * Loaded datasets by id and version. Every lookup reads the dataset's meta (one small IndexedDB
 * read) so that a change made elsewhere — derived fields, a delete in the main thread — is seen
 * at once. Holds at most `capacity` tables: a million-row table takes hundreds of megabytes.
 */
export class DatasetCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly db: SegmentFlowDb, private readonly capacity = 2) {}

  /** The current meta of a ready dataset, or `not_found`. */
  async meta(id: string): Promise<DatasetMeta> {
    const meta = await getDataset(id, this.db)
    if (!meta) throw new WorkerError('not_found', `Dataset ${id} does not exist.`)
    return meta
  }

  /** The dataset in memory, loading it (once, even for concurrent callers) when absent or stale. */
  async get(id: string): Promise<LoadedDataset> {
    const meta = await this.meta(id)
    const hit = this.entries.get(id)
    if (hit && hit.version === meta.version) {
      this.touch(id, hit)
      return hit.promise
    }
    const promise = loadDataset(id, this.db).then((d) => this.make(d.meta, d.table))
    return this.remember(id, meta.version, promise)
  }

  /** The dataset if it is in memory at this version; never loads. */
  async peek(id: string, version: number): Promise<LoadedDataset | undefined> {
    const hit = this.entries.get(id)
    return hit && hit.version === version ? hit.promise.catch(() => undefined) : undefined
  }

  /** Puts a table that is already in memory (just imported or generated), saving a reload. */
  put(meta: DatasetMeta, table: ColumnarTable): void {
    void this.remember(meta.id, meta.version, Promise.resolve(this.make(meta, table)))
  }

  private make(meta: DatasetMeta, table: ColumnarTable): LoadedDataset {
    return { meta, table, engine: new Engine(table, { asOf: meta.asOf }) }
  }

  private remember(id: string, version: number, promise: Promise<LoadedDataset>): Promise<LoadedDataset> {
    this.entries.delete(id)
    this.entries.set(id, { version, promise })
    // A failed load is not cached: the next request tries again.
    promise.catch(() => {
      if (this.entries.get(id)?.promise === promise) this.entries.delete(id)
    })
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    return promise
  }

  private touch(id: string, entry: Entry): void {
    this.entries.delete(id)
    this.entries.set(id, entry)
  }
}
