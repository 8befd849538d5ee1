import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  plugins: [
    vue(),
    // Installable and offline: the service worker precaches every built file (all chunks, the engine worker,
    // CodeMirror, the analysis chunk, icons) and answers navigations with index.html. It caches nothing at run
    // time and sends nothing anywhere. Off in `npm start` (devOptions) so dev reloads stay plain.
    VitePWA({
      registerType: 'prompt',
      includeManifestIcons: false,
      injectRegister: false,
      manifest: {
        name: 'SegmentFlow 客户分群',
        short_name: 'SegmentFlow',
        description: '浏览器内的客户分群工具，数据只保存在本机。Browser-only customer segmentation; data stays on this device.',
        lang: 'zh-CN',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        theme_color: '#2f6fed',
        background_color: '#f5f7fb',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The manifest is added by the plugin itself; its icons come in through this pattern with the other files.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,woff,woff2}'],
        // The chart and engine chunks are large; precache them anyway so every screen works offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Control the first page at once, so it works offline without a reload; an update still waits for the user.
        clientsClaim: true,
      },
      devOptions: { enabled: false },
    }),
  ],
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
