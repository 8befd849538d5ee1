import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/component/**/*.test.ts', 'test/cli/**/*.test.ts', 'bench/data/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
})
