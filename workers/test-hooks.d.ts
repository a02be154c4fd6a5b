/**
 * True only in a test build (`AXON_TEST_HOOKS=1 npm run build`, which the end-to-end setup and `npm test` do):
 * then the page exposes `window.__axon` and `window.__axonEditor` and the worker its `crash()`. Vite replaces it
 * at build time (vite.config.ts `define`), so a normal build carries no test hook at all. Declared here so
 * that both tsconfigs (the page's and the worker's) see it.
 */
declare const __AXON_TEST_HOOKS__: boolean;
