// Whether a production build carries the test hooks (window.__axon, window.__axonEditor, the offline-ready flag,
// the worker's crash()).
// A normal build must not; the end-to-end tests need a build made with AXON_TEST_HOOKS=1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Names that only the test-hook code puts into the bundle. */
export const HOOK_MARKERS = ['__axonEditor', '__axon=', '__axonOfflineReady', 'Deliberate crash'];

/** @param {string} dir @returns {Generator<string>} */
function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.js')) yield path;
  }
}

/** The built JavaScript files under `dir` that contain a test hook. @param {string} [dir] @returns {string[]} */
export function filesWithTestHooks(dir = 'build') {
  /** @type {string[]} */
  const found = [];
  for (const path of files(dir)) {
    const text = readFileSync(path, 'utf8');
    // Spaces removed too, so `window.__axon = pg` matches `__axon=` whether or not it was minified.
    const tight = text.replace(/\s+/g, '');
    if (HOOK_MARKERS.some((marker) => text.includes(marker) || tight.includes(marker))) found.push(path);
  }
  return found;
}
