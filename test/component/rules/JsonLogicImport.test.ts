// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import JsonLogicImport from '../../../src/components/rules/JsonLogicImport.vue'
import RuleSummary from '../../../src/components/rules/RuleSummary.vue'
import { appMessages } from '../../../src/i18n/app'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group } from '../../../src/core/logic/types'

const fields: FieldMeta[] = [{ name: 'age', type: 'number' }, { name: 'gender', type: 'category' }]
const i18n = (locale = 'zh-CN') => createI18n({ legacy: false, locale, messages: appMessages })

function mountImport() {
  const imported: Group[] = []
  const wrapper = mount(JsonLogicImport, {
    props: { fields, onImport: (g: Group) => imported.push(g) },
    global: { plugins: [i18n()] },
  })
  const textarea = wrapper.find('textarea')
  const label = wrapper.find('label')
  return { wrapper, imported, textarea, label, button: wrapper.find('button') }
}

describe('JsonLogicImport', () => {
  it('has a labelled textarea and imports foreign logic as conditions', async () => {
    const { wrapper, imported, textarea, label, button } = mountImport()
    expect(label.text()).toContain('粘贴 JSON-logic')
    expect(button.text()).toBe('导入为条件')
    await textarea.setValue(JSON.stringify({ and: [{ '==': [{ var: 'gender' }, '女'] }, { '<': [{ var: 'age' }, 30] }] }))
    await button.trigger('click')
    expect(imported).toHaveLength(1)
    const kids = imported[0].children
    expect(kids[0]).toMatchObject({ kind: 'condition', field: 'gender', op: 'any_of', value: ['女'] })
    expect(kids[1]).toMatchObject({ kind: 'group', combinator: 'or' }) // age < 30 OR age is empty
    expect(wrapper.find('[role="status"]').text()).toContain('3 个条件，0 个高级块')
  })

  it('shows validation problems with their JSON path and imports nothing', async () => {
    const { wrapper, imported, textarea, button } = mountImport()
    await textarea.setValue(JSON.stringify({ and: [{ '==': [{ var: 'salary' }, 1] }, { log: 1 }] }))
    await button.trigger('click')
    expect(imported).toHaveLength(0)
    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toContain('发现 2 个问题')
    expect(alert.findAll('code').map((c) => c.text())).toEqual(['$.and[0]["=="][0].var', '$.and[1].log'])
  })

  it('reports invalid JSON and empty input', async () => {
    const { wrapper, imported, textarea, button } = mountImport()
    await button.trigger('click')
    expect(wrapper.find('[role="alert"]').text()).toBe('请先粘贴 JSON-logic。')
    await textarea.setValue('{"and": [')
    await button.trigger('click')
    expect(wrapper.find('[role="alert"]').text()).toContain('不是有效的 JSON')
    expect(imported).toHaveLength(0)
  })
})

describe('RuleSummary', () => {
  it('renders the summary with the i18n field labels, as text', () => {
    const rule: Group = { kind: 'group', id: 'g', combinator: 'and', children: [
      { kind: 'condition', id: 'a', field: 'age', op: 'ge', value: 30 },
      { kind: 'condition', id: 'b', field: 'gender', op: 'any_of', value: ['<b>女</b>'] },
    ] }
    const wrapper = mount(RuleSummary, { props: { rule, fields }, global: { plugins: [i18n('en')] } })
    expect(wrapper.text()).toBe('In plain words: Age ≥ 30 and Gender is any of "<b>女</b>"')
    expect(wrapper.find('b').exists()).toBe(false)
  })
})
