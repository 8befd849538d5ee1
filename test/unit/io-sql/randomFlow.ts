import type { Flow } from '../../../src/core/flows/types'

const pos = { x: 0, y: 0 }

/**
 * A flow with an inline entry rule (age ≥ 30) and a 90 / 10 random split whose 10 % is the control
 * group: treatment → coupon, control → no message. Customers failing the entry reach no action.
 */
export function randomSplitFlow(idField: string, seed = 'spring-2026'): Flow {
  return {
    id: 'f1', ruleSetId: 'rs', name: '对照实验', createdAt: 1, updatedAt: 1,
    nodes: [
      {
        id: 'entry', type: 'entry', position: pos,
        data: { segmentId: null, rule: { kind: 'group', id: 'g1', combinator: 'and', children: [{ kind: 'condition', id: 'c1', field: 'age', op: 'ge', value: 30, fieldType: 'number' }] } },
      },
      {
        id: 'rand', type: 'random', position: pos,
        data: { seed, idField, branches: [{ id: 't', label: '实验组', basisPoints: 9000 }, { id: 'k', label: '对照组', basisPoints: 1000, control: true }] },
      },
      { id: 'aT', type: 'action', position: pos, data: { name: '优惠券', channel: 'coupon', offer: '满200减20' } },
      { id: 'aK', type: 'action', position: pos, data: { name: "不发送 (control, it's)", channel: 'sms', offer: '' } },
    ],
    // entry → split; treatment handle → coupon; control handle → no message.
    edges: [['entry', 'rand'], ['rand', 'aT', 't'], ['rand', 'aK', 'k']].map(([source, target, handle], i) => ({
      id: `e${i}`, source, target, ...(handle ? { sourceHandle: handle } : {}),
    })),
  }
}
