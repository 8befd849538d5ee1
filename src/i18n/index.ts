import { createI18n } from 'vue-i18n'
import { appMessages } from './app'
import { flowsMessages } from './flows'
import { flowNodesMessages } from './flowNodes'
import { analysisMessages } from './analysis'
import { offlineMessages } from './offline'
import { exportsMessages } from './exports'
import { sqlMessages } from './sql'
import { shareMessages } from './share'

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
  return { ...appMessages[locale], ...flowsMessages[locale], ...flowNodesMessages[locale], ...analysisMessages[locale], ...offlineMessages[locale], ...exportsMessages[locale], ...sqlMessages[locale], ...shareMessages[locale] }
}

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { 'zh-CN': merge('zh-CN'), en: merge('en') },
  })
}
