import type { FieldMeta } from '../../../src/core/fields/types'
import type { Flow } from '../../../src/core/flows/types'
import type { Group, Segment } from '../../../src/core/logic/types'

export const FIELDS: FieldMeta[] = [
  { name: 'orders', type: 'number', derived: true },
  { name: 'city', type: 'text' },
  { name: 'tier', type: 'category' },
  { name: 'invoice', type: 'boolean' },
  { name: 'lastStay', type: 'date', dateFormat: 'date' },
  { name: 'tags', type: 'list' },
  { name: 'unused', type: 'number' },
]

const frequent: Group = {
  kind: 'group', id: 'g1', combinator: 'and',
  children: [
    { kind: 'condition', id: 'c1', field: 'orders', op: 'ge', value: 3, fieldType: 'number' },
    { kind: 'condition', id: 'c2', field: 'lastStay', op: 'in_last_days', value: 90, fieldType: 'date' },
    {
      kind: 'group', id: 'g2', combinator: 'or', not: true,
      children: [
        { kind: 'condition', id: 'c3', field: 'tags', op: 'any_of', value: ['blocked'], fieldType: 'list' },
        { kind: 'condition', id: 'c4', field: 'tier', op: 'none_of', value: ['gold', 'silver'] },
      ],
    },
  ],
}

const shanghai: Group = {
  kind: 'group', id: 'g3', combinator: 'and',
  children: [
    { kind: 'condition', id: 'c5', field: 'city', op: 'contains', value: '上海' },
    { kind: 'advanced', id: 'a1', logic: { '>': [{ '+': [{ var: 'orders' }, 1] }, 2] } },
  ],
}

export const SEGMENTS: Segment[] = [
  { id: 's1', ruleSetId: 'rs', name: '常住客', color: '#2f6fed', rule: frequent, createdAt: 1, updatedAt: 2 },
  { id: 's2', ruleSetId: 'rs', name: 'Shanghai', color: '#e8590c', rule: shanghai, createdAt: 3, updatedAt: 4 },
  { id: 's3', ruleSetId: 'rs', name: 'Everyone', color: '#2b8a3e', rule: { kind: 'group', id: 'g4', combinator: 'and', children: [] }, createdAt: 5, updatedAt: 6 },
]

export const FLOWS: Flow[] = [{
  id: 'f1', ruleSetId: 'rs', name: 'Hotel follow-up', createdAt: 1, updatedAt: 1,
  nodes: [
    { id: 'e', type: 'entry', position: { x: 0, y: 0 }, data: { segmentId: 's1' } },
    {
      id: 'sp', type: 'split', position: { x: 200, y: 0 },
      data: {
        branches: [{
          id: 'b1', label: 'Business',
          rule: { kind: 'group', id: 'g5', combinator: 'and', children: [{ kind: 'condition', id: 'c6', field: 'invoice', op: 'is_true', fieldType: 'boolean' }] },
        }],
      },
    },
    { id: 'a1', type: 'action', position: { x: 400, y: -50 }, data: { name: 'Points', channel: 'email', offer: 'stay 3 nights, get 1 free' } },
    { id: 'a2', type: 'action', position: { x: 400, y: 50 }, data: { name: 'Discount', channel: 'sms', offer: '20% off' } },
  ],
  edges: [
    { id: 'x1', source: 'e', target: 'sp' },
    { id: 'x2', source: 'sp', sourceHandle: 'b1', target: 'a1' },
    { id: 'x3', source: 'sp', sourceHandle: 'else', target: 'a2' },
  ],
}]
