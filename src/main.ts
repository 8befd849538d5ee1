/// <reference types="vite-plugin-pwa/vue" />
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { registerCustomOperations } from './core/logic/customOps'
import './styles.css'

// The main thread evaluates JSON-logic too (validation, previews): same custom operations as the worker.
registerCustomOperations()
// The service worker (installable, offline) is registered by the footer's OfflineStatus component, which shows
// its state; vite-plugin-pwa builds it (vite.config.ts). Nothing it does sends data anywhere.
createApp(App).use(createPinia()).use(createAppI18n()).mount('#app')
