import { describe, expect, it } from 'vitest'
import { createEngineClient, EngineError, type WorkerLike } from '../../../src/worker/client'
import type { Group } from '../../../src/core/logic/types'

// The client's convenience methods put the right request on the wire and hand back the answer.
// (The dispatcher side of these requests is tested in answers.test.ts.)

type Listener = (e: { data: unknown }) => void

/** Records each request and answers it with `answer(request)` on the next turn. */
function echoWorker(answer: (req: { seq: number; type: string; payload: Record<string, unknown> }) => unknown) {
  const sent: { seq: number; type: string; payload: Record<string, unknown> }[] = []
  let onMessage: Listener = () => undefined
  const worker = {
    postMessage(message: unknown) {
      const req = structuredClone(message) as (typeof sent)[number]
      sent.push(req)
      if (req.type !== 'cancel') setTimeout(() => onMessage({ data: { seq: req.seq, type: 'result', result: answer(req) } }))
    },
    addEventListener(type: string, fn: Listener) {
      if (type === 'message') onMessage = fn
    },
  }
  return { sent, client: createEngineClient(worker as unknown as WorkerLike) }
}

describe('engine client: answers', () => {
  it('count keeps its old call shape and sends a measure only when asked', async () => {
    const { sent, client } = echoWorker((req) => ({ count: 1, total: 2, sample: [], ...(req.payload.measure ? { measure: { field: req.payload.measure } } : {}) }))
    const controller = new AbortController()
    const plain = await client.count('ds', true, 3, { signal: controller.signal })
    expect(plain).toEqual({ count: 1, total: 2, sample: [] })
    const measured = await client.count('ds', true, 0, { measure: 'total_amount' })
    expect(measured.measure).toEqual({ field: 'total_amount' })
    expect(sent.map((m) => m.payload)).toEqual([
      { datasetId: 'ds', logic: true, sample: 3 },
      { datasetId: 'ds', logic: true, sample: 0, measure: 'total_amount' },
    ])
  })

  it('overlap, page and breakdown send their payloads', async () => {
    const { sent, client } = echoWorker((req) => req.type)
    const rule: Group = { kind: 'group', id: 'r', combinator: 'and', children: [] }
    expect(await client.overlap('ds', [{ id: 'a', logic: true }])).toBe('overlap')
    expect(await client.page('ds', false, { sortField: 'age', direction: 'desc', offset: 5, limit: 10 })).toBe('page')
    expect(await client.breakdown('ds', rule)).toBe('breakdown')
    expect(sent.map(({ type, payload }) => ({ type, payload }))).toEqual([
      { type: 'overlap', payload: { datasetId: 'ds', rules: [{ id: 'a', logic: true }] } },
      { type: 'page', payload: { datasetId: 'ds', logic: false, sortField: 'age', direction: 'desc', offset: 5, limit: 10 } },
      { type: 'breakdown', payload: { datasetId: 'ds', rule } },
    ])
  })

  it('a count with a measure can still be cancelled', async () => {
    const { sent, client } = echoWorker(() => ({ count: 0, total: 0, sample: [] }))
    const controller = new AbortController()
    const pending = client.count('ds', true, 0, { measure: 'age', signal: controller.signal })
    controller.abort()
    const err = await pending.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).code).toBe('cancelled')
    expect(sent.at(-1)).toEqual({ type: 'cancel', seq: sent[0].seq })
  })
})
