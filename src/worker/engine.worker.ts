// The evaluation worker (DESIGN.md §4): owns loaded datasets and answers typed requests. All logic
// lives in dispatcher.ts and core/, which tests run in Node; this file only wires the worker globals.
import { registerCustomOperations } from '../core/logic/customOps'
import { getDatabase } from '../db/database'
import { createDispatcher } from './dispatcher'
import { transferList } from './exportProtocol'
import type { FromWorker } from './protocol'

// json-logic-js keeps operations per thread: the worker registers its own.
registerCustomOperations()

const scope = self as unknown as DedicatedWorkerGlobalScope

const dispatcher = createDispatcher({
  db: getDatabase(),
  // An export's file bytes are transferred, not copied (exportProtocol.ts).
  post: (message: FromWorker) => scope.postMessage(message, transferList(message)),
})

scope.onmessage = (event: MessageEvent<unknown>) => {
  void dispatcher.handle(event.data)
}
