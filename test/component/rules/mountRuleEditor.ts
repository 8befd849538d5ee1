import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import RuleGroupEditor from '../../../src/components/rules/RuleGroupEditor.vue'
import { appMessages } from '../../../src/i18n/app'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group } from '../../../src/core/logic/types'

/** Mounts the editor (zh-CN) the way a view does: every update is fed back as the new model value. */
export function mountRuleEditor(initial: Group, fields: FieldMeta[]): VueWrapper & { model: () => Group } {
  let model = initial
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(RuleGroupEditor, {
    props: {
      modelValue: model, fields,
      'onUpdate:modelValue': async (g: Group) => {
        model = g
        await wrapper.setProps({ modelValue: g })
      },
    },
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: appMessages }), pinia] },
    attachTo: document.body,
  })
  return Object.assign(wrapper, { model: () => model })
}

/** The element with exactly this accessible name (aria-label). */
export const byLabel = (w: VueWrapper, label: string) => w.find(`[aria-label="${label}"]`)
