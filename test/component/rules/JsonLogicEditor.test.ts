// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { EditorView } from '@codemirror/view'
import { undo } from '@codemirror/commands'
import JsonLogicEditor from '../../../src/components/rules/JsonLogicEditor.vue'
import { appMessages } from '../../../src/i18n/app'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group } from '../../../src/core/logic/types'

// The editor mounted as the segment screen mounts it, with the real CodeMirror view: the text is
// changed through CodeMirror's own transactions, as typing would.

const fields: FieldMeta[] = [{ name: 'age', type: 'number' }, { name: 'gender', type: 'category' }]
const start: Group = { kind: 'group', id: 'g', combinator: 'and', children: [
  { kind: 'condition', id: 'a', field: 'age', op: 'ge', value: 30 },
] }
let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

async function mountEditor(rule: Group = start) {
  const applied: Group[] = []
  const w = mount(JsonLogicEditor, {
    props: { rule, fields, onApply: async (g: Group) => { applied.push(g); await w.setProps({ rule: g }) } },
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: appMessages })] },
    attachTo: document.body,
  })
  wrapper = w
  await vi.waitFor(() => expect(w.find('[aria-label="JSON-logic 编辑器"]').exists()).toBe(true))
  const content = w.find('[aria-label="JSON-logic 编辑器"]')
  const view = EditorView.findFromDOM(content.element as HTMLElement)
  if (!view) throw new Error('no CodeMirror view')
  const type = async (text: string) => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
    await flushPromises()
  }
  const button = (name: string) => w.findAll('button').find((b) => b.text() === name)!
  const problems = () => w.find('.json-problems[role="status"]')
  return { w, view, type, applied, button, problems, content }
}

describe('JsonLogicEditor', () => {
  it('shows the rule\'s canonical JSON-logic in a labelled editor', async () => {
    const { view, content, button } = await mountEditor()
    expect(JSON.parse(view.state.doc.toString())).toEqual(toJsonLogic(start))
    expect(content.attributes('aria-describedby')).toBeTruthy()
    expect(button('应用').attributes('disabled')).toBeDefined() // nothing to apply yet
  })

  it('applies valid foreign JSON-logic as conditions', async () => {
    const { type, applied, button, problems } = await mountEditor()
    await type(JSON.stringify({ and: [{ '==': [{ var: 'gender' }, '女'] }, { '>=': [{ var: 'age' }, 10] }] }))
    await vi.waitFor(() => expect(problems().text()).toContain('应用后：2 个条件，0 个高级块'))
    await button('应用').trigger('click')
    expect(applied).toHaveLength(1)
    expect(applied[0].children[0]).toMatchObject({ kind: 'condition', field: 'gender', op: 'any_of', value: ['女'] })
    expect(problems().text()).toContain('已替换当前规则')
  })

  it('shows a broken JSON\'s line and column, and keeps Apply disabled with the reason', async () => {
    const { type, applied, button, problems, w } = await mountEditor()
    await type('{\n  "and": [\n    {"==": [{"var": "age"}, 1]},\n  ]\n}')
    await vi.waitFor(() => expect(problems().text()).toContain('第 4 行第 3 列'))
    const apply = button('应用')
    expect(apply.attributes('disabled')).toBeDefined()
    const reason = w.find(`[id="${apply.attributes('aria-describedby')}"]`)
    expect(reason.text()).toBe('无法应用：JSON 有语法错误。')
    await apply.trigger('click')
    expect(applied).toHaveLength(0)
  })

  it('lists an unknown operation and an unknown field with their JSON paths', async () => {
    const { type, button, problems, w } = await mountEditor()
    await type('{"and": [{"frobnicate": [1]}, {"==": [{"var": "salary"}, 1]}]}')
    await vi.waitFor(() => expect(problems().text()).toContain('发现 2 个问题'))
    expect(problems().findAll('code').map((c) => c.text())).toEqual(['$.and[0].frobnicate', '$.and[1]["=="][0].var'])
    expect(button('应用').attributes('disabled')).toBeDefined()
    // The problems also show as lint markers in the text.
    await vi.waitFor(() => expect(w.findAll('.cm-lintRange-error').length).toBeGreaterThan(0))
  })

  it('reverts edits, formats, and follows the rule while there are no unsaved edits', async () => {
    const { w, view, type, button } = await mountEditor()
    await type('{"and":[{">=":[{"var":"age"},40]}]}')
    await button('格式化').trigger('click')
    expect(view.state.doc.toString()).toBe(JSON.stringify({ and: [{ '>=': [{ var: 'age' }, 40] }] }, null, 2))
    undo(view) // Format is the user's own edit: Ctrl+Z in the editor takes it back
    expect(view.state.doc.toString()).toBe('{"and":[{">=":[{"var":"age"},40]}]}')
    await button('还原').trigger('click')
    expect(JSON.parse(view.state.doc.toString())).toEqual(toJsonLogic(start))
    const next: Group = { ...start, children: [{ kind: 'condition', id: 'b', field: 'gender', op: 'any_of', value: ['男'] }] }
    await w.setProps({ rule: next })
    expect(JSON.parse(view.state.doc.toString())).toEqual(toJsonLogic(next))
    const followed = view.state.doc.toString()
    undo(view) // following the rule is not an edit: nothing to take back past it
    expect(view.state.doc.toString()).toBe(followed)
    await type('{"!": {"var": "age"}}')
    await w.setProps({ rule: start }) // changed elsewhere while edited: the edits stay, with a note
    expect(view.state.doc.toString()).toBe('{"!": {"var": "age"}}')
    expect(w.text()).toContain('规则已在别处更改')
  })
})
