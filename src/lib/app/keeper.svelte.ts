/**
 * Keeping work, for the full app: the learner's storage (autosave, named saves, two tabs) and the ways out
 * and in (links, files, code, pictures). Where the playground starts is boot.ts's job. An embed has
 * neither: it never reads or writes the learner's storage.
 */
import { Exporter } from './exporter.svelte';
import { ModelOpener } from './model-opener.svelte';
import { Persistence } from './persistence.svelte';
import type { Playground } from './playground.svelte';
import type { Store } from '../store/store';
import type { SavedRecord } from '../store/record';

export interface Keeper {
  readonly persistence: Persistence;
  readonly exporter: Exporter;
  /** TF.js and Keras model files in */
  readonly models: ModelOpener;
}

/**
 * `revision`: the stored autosave's revision the playground on screen was started from; `stored`: the
 * autosave itself when the screen shows it as it was (not a link, preset or repaired record).
 */
export function createKeeper(pg: Playground, store: Store, revision: number, stored: SavedRecord | null): Keeper {
  return { persistence: new Persistence(pg, store, revision, stored), exporter: new Exporter(pg), models: new ModelOpener(pg) };
}
