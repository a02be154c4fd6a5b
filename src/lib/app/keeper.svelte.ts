/**
 * Keeping work, for the full app: the learner's storage (autosave, named saves, two tabs) and the ways out
 * and in (links, files, code, pictures). Where the playground starts is boot.ts's job. An embed has
 * neither: it never reads or writes the learner's storage.
 */
import { Exporter } from './exporter.svelte';
import { Persistence } from './persistence.svelte';
import type { Playground } from './playground.svelte';
import type { Store } from '../store/store';

export interface Keeper {
  readonly persistence: Persistence;
  readonly exporter: Exporter;
}

/** `revision`: the stored autosave's revision the playground on screen was started from. */
export function createKeeper(pg: Playground, store: Store, revision: number): Keeper {
  return { persistence: new Persistence(pg, store, revision), exporter: new Exporter(pg) };
}
