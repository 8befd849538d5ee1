import { generateDemo } from '../../../src/core/demo/generateDemo'
import type { DemoDataset } from '../../../src/core/demo/generateDemo'
import { openDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createDispatcher } from '../../../src/worker/dispatcher'
import type { Dispatcher } from '../../../src/worker/dispatcher'
import type { FromWorker, Progress, RequestType } from '../../../src/worker/protocol'

/** A small demo (the real one has 20,000 customers): same generator, fewer rows. */
export const SMALL_DEMO_CUSTOMERS = 1500
/** Seed of the small demo the worker tests generate. */
export const SMALL_DEMO_SEED = 7
export const smallDemo = (): DemoDataset => generateDemo(SMALL_DEMO_SEED, SMALL_DEMO_CUSTOMERS)

export interface Harness {
  db: SegmentFlowDb
  dispatcher: Dispatcher
  /** Every message the dispatcher posted, in order. */
  posted: FromWorker[]
  /** Called for every posted message (tests hook cancels onto progress). */
  onPost: (m: FromWorker) => void
  /** Sends a request and resolves with its final (result or error) message. */
  send(type: RequestType | string, payload: unknown, seq?: number): Promise<FromWorker>
  /** Sends and expects a result; returns it. */
  call<T = unknown>(type: RequestType, payload: unknown): Promise<T>
  progressOf(seq: number): Progress[]
}

let dbCounter = 0
let seqCounter = 1000

/** A dispatcher on a fresh fake-indexeddb database, with every message it posts recorded. */
export function createHarness(opts: { chunkSize?: number } = {}): Harness {
  const db = openDatabase(`worker-test-${process.pid}-${++dbCounter}-${Math.random().toString(36).slice(2)}`)
  const posted: FromWorker[] = []
  const h: Harness = {
    db, posted, onPost: () => undefined,
    dispatcher: createDispatcher({
      db, chunkSize: opts.chunkSize ?? 512, generateDemo: smallDemo,
      // Messages cross threads by structured clone: do the same so nothing relies on sharing objects.
      post: (m) => {
        const copy = structuredClone(m)
        posted.push(copy)
        h.onPost(copy)
      },
    }),
    async send(type, payload, seq = ++seqCounter) {
      await h.dispatcher.handle(structuredClone({ seq, type, payload }))
      const final = posted.filter((m) => m.seq === seq && m.type !== 'progress')
      if (final.length !== 1) throw new Error(`expected one answer to ${seq}, got ${final.length}`)
      return final[0]
    },
    async call<T>(type: RequestType, payload: unknown): Promise<T> {
      const m = await h.send(type, payload)
      if (m.type !== 'result') throw new Error(`${type} failed: ${JSON.stringify(m)}`)
      return m.result as T
    },
    progressOf: (seq) => posted.flatMap((m) => (m.seq === seq && m.type === 'progress' ? [m.progress] : [])),
  }
  return h
}
