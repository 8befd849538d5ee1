import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { registerCustomOperations } from './core/logic/customOps'
import './styles.css'

// The main thread evaluates JSON-logic too (validation, previews): same custom operations as the worker.
registerCustomOperations()
createApp(App).use(createPinia()).use(createAppI18n()).mount('#app')
