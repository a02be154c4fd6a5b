import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // A static SPA: every route is prerendered as a shell; 200.html serves unknown paths.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
    // The PWA plugin registers the service worker; SvelteKit's own registration would clash.
    serviceWorker: { register: false }
  }
};

export default config;
