/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
  // Order matters: Tailwind, SvelteKit, PWA.
  plugins: [
    tailwindcss(),
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'Axon — neural-network playground',
        short_name: 'Axon',
        description: 'Draw a neural network and watch it learn, in your browser, offline too.',
        theme_color: '#0f172a',
        background_color: '#f8fafc',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
        ]
      },
      // No adapterFallback here: 200.html exists only in build/ (adapter-static), not in what `vite preview`
      // serves, and one missing precache entry fails the whole service-worker install. The prerendered root
      // page is the same empty SPA shell, so it is the navigation fallback.
      kit: {},
      workbox: {
        // The app shell (JS, CSS, the worker chunk, icons, the prerendered pages) is precached; the 8 MB MNIST
        // binary is not: most visits never open it, so it is cached at run time the first time it is fetched.
        globPatterns: ['client/**/*.{js,css,svg,png,webmanifest,json}', 'prerendered/**/*.html'],
        // The lazy HDF5 library chunk (h5wasm, 4.8 MB, 1.0 MB gzip; loaded only to open or write Keras files)
        // is over workbox's 2 MiB default, so the limit is raised and it is precached in the background.
        // (A manifestTransforms filter would replace @vite-pwa/sveltekit's own transform, which maps the
        // client/ and prerendered/ paths to URLs: every precache entry would then 404 and the worker fail.)
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/',
        // The example host page is a separate document, not a route of the app.
        navigateFallbackDenylist: [/\/embed-host\.html$/],
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/_app\/immutable\/chunks\/[^/]+\.js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'axon-lazy-chunks', expiration: { maxEntries: 8 }, cacheableResponse: { statuses: [200] } }
          },
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/data\/[^/]+\.bin$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'axon-datasets', expiration: { maxEntries: 8 }, cacheableResponse: { statuses: [200] } }
          }
        ]
      }
    })
  ],
  // Test hooks (window.__axon, window.__axonEditor, the worker's crash()) exist only in a test build.
  define: { __AXON_TEST_HOOKS__: JSON.stringify(process.env.AXON_TEST_HOOKS === '1') },
  worker: { format: 'es' },
  // The worker lives in top-level workers/, outside src/: let the dev server serve it.
  server: { fs: { allow: ['workers'] } },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000
  }
});
