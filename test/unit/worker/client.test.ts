import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerCustomOperations } from '../../../src/core/logic/customOps'
import { createEngineClient, EngineError } from '../../../src/worker/client'
import type { WorkerLike } from '../../../src/worker/client'
import type { Progress } from '../../../src/worker/protocol'
import { createHarness } from './harness'
import type { Harness } from './harness'

type Listener = (e: { data?: unknown; message?: string }) => void

/** A Worker stand-in: messages cross by structured clone, asynchronously, to a real dispatcher. */
class FakeWorker {
  readonly sent: unknown[] = []
  private listeners: Record<string, Listener[]> = {}
  constructor(private readonly h: Harness) {
    h.onPost = (m) => setTimeout(() => this.emit('message', { data: m }))
  }
  postMessage(message: unknown): void {
    const copy = structuredClone(message) // throws DataCloneError on a Proxy, as browsers do
    this.sent.push(copy)
    setTimeout(() => void this.h.dispatcher.handle(copy))
  }
  addEventListener(type: string, fn: Listener): void {
    ;(this.listeners[type] ??= []).push(fn)
  }
  emit(type: string, e: { data?: unknown; message?: string }): void {
    for (const fn of this.listeners[type] ?? []) fn(e)
  }
}

let h: Harness
let worker: FakeWorker
beforeEach(() => {
  registerCustomOperations()
  h = createHarness()
  worker = new FakeWorker(h)
})
afterEach(async () => {
  await h.db.delete()
})

describe('engine client', () => {
  it('resolves typed results and reports progress', async () => {
    const client = createEngineClient(worker as unknown as WorkerLike)
    const progress: Progress[] = []
    const { datasetId } = await client.ensureDemo((p) => progress.push(p))
    expect(progress.length).toBeGreaterThan(0)
    const r = await client.count(datasetId, { '>=': [{ var: 'order_count' }, 1] }, 2)
    expect(r.total).toBeGreaterThan(r.count)
    expect(r.count).toBeGreaterThan(0)
    expect(r.sample).toHaveLength(2)
    const page = await client.rows(datasetId, 0, 3)
    expect(page.rows).toHaveLength(3)
  })

  it('rejects with the worker error code', async () => {
    const client = createEngineClient(worker as unknown as WorkerLike)
    const err = await client.count('missing', true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).code).toBe('not_found')
  })

  it('aborting rejects at once with AbortError and sends a cancel to the worker', async () => {
    const client = createEngineClient(worker as unknown as WorkerLike)
    const ac = new AbortController()
    const pending = client.ensureDemo({ signal: ac.signal })
    ac.abort()
    const err = await pending.catch((e: unknown) => e)
    expect((err as Error).name).toBe('AbortError')
    expect(worker.sent).toContainEqual({ type: 'cancel', seq: expect.any(Number) })
    await expect(client.ensureDemo({ signal: ac.signal })).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('sends a payload that cannot be structured-cloned (a reactive proxy) as its JSON copy', async () => {
    const client = createEngineClient(worker as unknown as WorkerLike)
    const { datasetId } = await client.ensureDemo()
    const logic = new Proxy({ '>=': [{ var: 'age' }, 30] }, {})
    const viaProxy = await client.count(datasetId, logic)
    const plain = await client.count(datasetId, { '>=': [{ var: 'age' }, 30] })
    expect(viaProxy.count).toBe(plain.count)
  })

  it('rejects pending requests when the worker crashes', async () => {
    const client = createEngineClient(worker as unknown as WorkerLike)
    const pending = client.ensureDemo()
    worker.emit('error', { message: 'boom' })
    await expect(pending).rejects.toMatchObject({ code: 'worker_crashed' })
  })
})
