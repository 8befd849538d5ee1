import { createI18n } from 'vue-i18n'
import { appMessages } from './app'
import { flowsMessages } from './flows'
import { analysisMessages } from './analysis'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'segmentflow.locale'

/** The user's saved choice, else the browser's language (Chinese → zh-CN, anything else → en). */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (saved === 'zh-CN' || saved === 'en') return saved
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'zh-CN']
  return langs.some((l) => l.toLowerCase().startsWith('zh')) || langs.length === 0 ? 'zh-CN' : 'en'
}

export function saveLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
}

function merge(locale: Locale) {
  return { ...appMessages[locale], ...flowsMessages[locale], ...analysisMessages[locale] }
}

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { 'zh-CN': merge('zh-CN'), en: merge('en') },
  })
}
