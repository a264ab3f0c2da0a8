import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspMetaTag, isolationHeaders, securityHeadersPreview } from './scripts/security-headers';
import { watPlugin } from './scripts/vite-plugin-wat';

// Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer); the same headers are set in
// dev and preview so tests run what users get.
export default defineConfig({
  plugins: [
    watPlugin(), // the search kernel, src/search/kernel/scan.wat, compiled from its text at build time
    react(),
    cspMetaTag(),
    securityHeadersPreview(),
    // Workbox (via vite-plugin-pwa) rather than a hand-written service worker: revisioned precache of the hashed
    // build, cleanup of old versions and the waiting/skip-waiting update flow are solved problems there.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // src/pwa/register.ts registers it, with the update prompt
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        name: 'Shoebox',
        short_name: 'Shoebox',
        description: 'A private photo gallery that understands your pictures, on your device.',
        theme_color: '#1d2a35',
        background_color: '#14191f',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell and the self-hosted ONNX Runtime (its 26 MB WASM included) work offline from the first visit.
        // + vips/ (the shrink-on-load JPEG decoder) + the manifest and its icons, added by the plugin
        globPatterns: ['**/*.{js,css,html,svg}', 'ort/*.{wasm,mjs}', 'vips/*.{wasm,js}'],
        globIgnores: [
          'models/**', // demo models: cached when used (below); real models live in transformers.js' cache
          'assets/heic-to-*.js', // 3 MB, only for HEIC photos: cached when first needed
          'assets/ort-wasm-*', // a copy Vite emits from onnxruntime-web's import.meta.url; /ort/ is the one used
        ],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/models/fixtures/'),
            handler: 'CacheFirst',
            options: { cacheName: 'shoebox-demo-models' },
          },
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/assets\/heic-to-[^/]+\.js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'shoebox-heic' },
          },
        ],
      },
    }),
  ],
  server: { headers: isolationHeaders, port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  worker: { format: 'es', plugins: () => [watPlugin()] },
  optimizeDeps: {
    exclude: ['@huggingface/transformers', 'onnxruntime-web'],
    // Pre-bundled up front: a dependency first met inside a worker makes the dev server reload the page mid-import.
    include: ['comlink', 'exifr', 'utif2', 'heic-to', 'fflate', '@tanstack/react-virtual', 'workbox-window'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
