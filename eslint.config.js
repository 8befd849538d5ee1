import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'

export default [
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.{ts,vue,js,mjs}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module', extraFileExtensions: ['.vue'] },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/attributes-order': 'off',
    },
  },
  {
    // DESIGN.md section 4: the pure domain knows nothing of the app around it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vue', message: 'src/core must not import Vue (DESIGN.md §4).' },
          { name: 'pinia', message: 'src/core must not import Pinia (DESIGN.md §4).' },
          { name: 'dexie', message: 'src/core must not import Dexie (DESIGN.md §4).' },
          { name: 'vue-i18n', message: 'src/core must not import vue-i18n (DESIGN.md §4).' },
        ],
        patterns: [
          { group: ['@vue-flow/*'], message: 'src/core must not import Vue Flow (DESIGN.md §4).' },
          { group: ['**/components/**', '**/stores/**', '**/db/**', '**/views/**', '**/worker/**', '@/components/*', '@/stores/*', '@/db/*', '@/views/*', '@/worker/*'], message: 'src/core must not import app folders (DESIGN.md §4).' },
        ],
      }],
    },
  },
]
