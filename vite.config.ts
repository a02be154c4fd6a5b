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
      kit: { adapterFallback: '200.html', spa: true },
      workbox: {
        globPatterns: ['client/**/*.{js,css,svg,png,webmanifest,bin,json}', 'prerendered/**/*.html', '*.{svg,png,webmanifest}'],
        navigateFallback: '/200.html',
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024
      }
    })
  ],
  worker: { format: 'es' },
  // The worker lives in top-level workers/, outside src/: let the dev server serve it.
  server: { fs: { allow: ['workers'] } },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000
  }
});
